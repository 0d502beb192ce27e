/** Plain JDBC on the shared DataSource for bulk paths: transactions with retry, small row helpers. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.mekong.storage.jdbc;
