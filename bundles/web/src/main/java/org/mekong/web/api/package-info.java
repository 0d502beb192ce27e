/** What plugins need from the web layer: the Mekong REST application's name and caller, and SOAP publishing. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.mekong.web.api;
