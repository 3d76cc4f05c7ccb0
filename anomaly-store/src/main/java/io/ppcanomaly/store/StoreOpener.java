package io.ppcanomaly.store;

import io.ppcanomaly.store.jdbc.JdbcUrls;
import io.ppcanomaly.store.schema.SchemaMigrator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening an {@link AlertStore}: connecting, recognising the database, migrating or checking the schema, and the
 * embedded H2 file database's directory and pool. Stateless.
 */
final class StoreOpener {

    private static final Logger LOG = LoggerFactory.getLogger(AlertStore.class);

    private StoreOpener() {
    }

    /** See {@link AlertStore#embedded(Path, StoreConfig)}. */
    static AlertStore embedded(Path directory, StoreConfig config) {
        Objects.requireNonNull(directory, "directory");
        Path dir = directory.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("store directory must be a directory, got the file " + dir);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store directory " + dir, e);
        }
        String url = "jdbc:h2:file:" + dir.resolve(AlertStore.EMBEDDED_NAME).toString().replace('\\', '/');
        // H2 closes a database at JVM shutdown on its own hook, racing the application's: a daemon stopping on
        // SIGTERM could not commit its last transaction. The store closes the database itself (close()).
        JdbcConnectionPool pool = JdbcConnectionPool.create(url + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        try {
            return open(pool, config.toBuilder().jdbcUrl(url).build(), pool::dispose);
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
    }

    /**
     * Connects, names the database, migrates (or checks) the schema and builds the store.
     *
     * @param owned what {@link AlertStore#close()} closes besides the store (the embedded pool), or {@code null}
     */
    static AlertStore open(DataSource ds, StoreConfig config, AutoCloseable owned) {
        Objects.requireNonNull(ds, "dataSource");
        Objects.requireNonNull(config, "config");
        String url = config.jdbcUrl() != null ? JdbcUrls.redact(config.jdbcUrl()) : JdbcUrls.of(ds);
        Database db;
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            if (url == null) {
                url = JdbcUrls.redact(md.getURL());
            }
            db = Database.fromProductName(md.getDatabaseProductName());
        } catch (SQLException e) {
            String where = url != null ? url : "the data source " + ds.getClass().getName();
            throw new StoreException("cannot connect to the alert store database at " + where + ": "
                    + Transactions.describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new StoreException("the alert store database at " + url + " is not supported: " + e.getMessage(), e);
        }
        SchemaMigrator migrator = new SchemaMigrator(ds, db, url);
        String version;
        try {
            version = config.migrate() ? migrator.migrate() : migrator.check();
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate the alert store schema of " + url + ": "
                    + Transactions.describe(e), e);
        }
        AtomicBoolean closed = new AtomicBoolean();
        LOG.info("Opened the alert store on {} ({}, schema version {})", url, db, version);
        return AlertStore.create(new Transactions(ds, db, config.clock(), url, closed), config, version, owned, closed);
    }
}
