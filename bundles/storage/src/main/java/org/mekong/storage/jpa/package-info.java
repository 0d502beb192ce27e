/** Helpers for bundles that own JPA persistence units on the shared Mekong DataSource. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.mekong.storage.jpa;
