package org.mekong.storage.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import org.mekong.core.api.schema.SchemaMigrator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/** Runs Liquibase changelogs from the owning bundle's class path on the shared DataSource. */
@Component(service = SchemaMigrator.class)
public class LiquibaseMigrator implements SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(LiquibaseMigrator.class);

    private final DataSource dataSource;

    @Activate
    public LiquibaseMigrator(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public synchronized void migrate(String changelog, ClassLoader loader) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Liquibase.class.getClassLoader());
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            Scope.child(Map.of(Scope.Attr.classLoader.name(), loader), () -> {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                // Not closed: closing a Derby database makes Liquibase shut the embedded engine down.
                // The pooled connection is returned by the enclosing try.
                Liquibase liquibase = new Liquibase(changelog, new ClassLoaderResourceAccessor(loader), database);
                liquibase.update(new Contexts(), new LabelExpression());
            });
            LOG.info("Schema {} is up to date ({} ms)", changelog, (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            throw new IllegalStateException("Migration " + changelog + " failed: " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public String databaseDescription() {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion() + " (" + meta.getURL() + ")";
        } catch (SQLException e) {
            return "unavailable: " + e.getMessage();
        }
    }
}
