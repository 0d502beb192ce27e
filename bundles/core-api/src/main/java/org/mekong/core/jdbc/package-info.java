/**
 * Plain JDBC on the platform's shared DataSource (the one registered as
 * {@code (osgi.jndi.service.name=mekongds)}), for the core bundles and for plugins that keep
 * their own tables. {@link org.mekong.core.jdbc.Jdbc#write} runs work in one transaction and
 * retries it when the database reports a deadlock, serialization failure or lock timeout;
 * {@link org.mekong.core.jdbc.Jdbc#read} runs it on an auto-commit connection; the small row
 * helpers (list, one, count, update, insert, typed binds and nulls) keep statement code short.
 * The package needs nothing beyond {@code java.sql}/{@code javax.sql} and the core API's
 * exceptions, so using it pulls no implementation bundle into a plugin.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.mekong.core.jdbc;
