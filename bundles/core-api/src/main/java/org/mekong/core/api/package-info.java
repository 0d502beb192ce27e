/** Shared basics of the Mekong API: errors, callers, roles, paging and periods. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.mekong.core.api;
