/** What plugin REST resources need from the web layer: the Mekong application's name and the caller. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.mekong.web.api;
