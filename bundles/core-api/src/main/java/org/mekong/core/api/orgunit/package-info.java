/** The organisation-unit tree: national, central bodies, provinces, communes. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package org.mekong.core.api.orgunit;
