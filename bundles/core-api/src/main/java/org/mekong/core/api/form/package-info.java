/** Reporting forms (DHIS2's data sets): which indicators a unit reports together, how often and by when. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.mekong.core.api.form;
