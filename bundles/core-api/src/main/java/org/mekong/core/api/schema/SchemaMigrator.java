package org.mekong.core.api.schema;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Applies a bundle's versioned migrations (a Liquibase changelog on its class path) to the
 * shared DataSource. Owners call it on activation before touching their tables.
 */
@ProviderType
public interface SchemaMigrator {

    /**
     * @param changelog class-path location of the changelog, e.g. {@code db/identity-changelog.xml}
     * @param loader the owning bundle's class loader
     */
    void migrate(String changelog, ClassLoader loader);

    /** Product name and version of the connected database, e.g. "Apache Derby 10.16.1.1". */
    String databaseDescription();
}
