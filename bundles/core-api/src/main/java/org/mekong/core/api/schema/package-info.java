/** Versioned schema migrations run by the bundle that owns the tables. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.mekong.core.api.schema;
