package io.ppcanomaly.bench.store;

import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.StoreConfig;
import io.ppcanomaly.store.testing.TestDatabase;
import io.ppcanomaly.store.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * A database for the store benchmarks, set up as an application would run it: H2 as the embedded file database
 * the CLI uses ({@link AlertStore#embedded}), or PostgreSQL 17 ({@link TestPostgres}) with the store running as
 * an ordinary role under row-level security after the owner migrated the schema (the production setup the store's
 * README describes).
 */
final class BenchDatabase implements AutoCloseable {

    /** Which database. */
    enum Kind { H2, POSTGRESQL }

    private final Kind kind;
    private final DataSource owner;
    private final AlertStore store;
    private final Path dir;
    private final TestDatabase pg;
    private final JdbcConnectionPool h2Owner;
    private final String role;
    /** The application's pool on PostgreSQL when it is one the benchmark owns (closed with it), else null. */
    private final DataSource app;

    private BenchDatabase(Kind kind, DataSource owner, AlertStore store, Path dir, TestDatabase pg,
                          JdbcConnectionPool h2Owner, String role, DataSource app) {
        this.role = role;
        this.app = app instanceof HikariDataSource ? app : null;
        this.kind = kind;
        this.owner = owner;
        this.store = store;
        this.dir = dir;
        this.pg = pg;
        this.h2Owner = h2Owner;
    }

    static BenchDatabase open(String kind) {
        Kind k = Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT));
        if (k == Kind.H2) {
            try {
                Path dir = Files.createTempDirectory("ppc-store-bench");
                // an experiment: H2 settings opening the file first (-Dstorerun.h2=";CACHE_SIZE=…"), shared by the
                // embedded store's pool, which then finds the database open
                String settings = System.getProperty("storerun.h2", "");
                JdbcConnectionPool first = settings.isEmpty() ? null : JdbcConnectionPool.create("jdbc:h2:file:"
                        + dir.resolve(AlertStore.EMBEDDED_NAME).toString().replace('\\', '/') + settings, "sa", "");
                if (first != null) {
                    first.getConnection();  // checked out and never returned: the database stays open with these settings
                }
                AlertStore store = AlertStore.embedded(dir);
                // the store's own pool holds the file; a second pool on the same URL shares the open database
                JdbcConnectionPool owner = JdbcConnectionPool.create("jdbc:h2:file:"
                        + dir.resolve(AlertStore.EMBEDDED_NAME).toString().replace('\\', '/'), "sa", "");
                return new BenchDatabase(k, owner, store, dir, null, owner, null, null);
            } catch (IOException | java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        TestDatabase db = TestPostgres.get().createDatabase("bench");
        AlertStore.open(db.dataSource(), StoreConfig.DEFAULT).close();
        String role = db.createOrdinaryRole("app");
        db.grantStoreAccess(role);
        // The application connects through HikariCP, the pool hosts run; -Dstorerun.pool=test takes the test
        // suite's pool instead (H2's JdbcConnectionPool over PostgreSQL's pooled connections, whose statements are
        // reflective proxies: a third of the caller's CPU in a 10,000-alert save).
        DataSource app;
        if ("test".equals(System.getProperty("storerun.pool"))) {
            app = db.dataSource(role);
        } else {
            HikariConfig hc = new HikariConfig();
            hc.setJdbcUrl(db.url());
            hc.setUsername(role);
            hc.setMaximumPoolSize(8);
            hc.setPoolName("storerun-app");
            app = new HikariDataSource(hc);
        }
        AlertStore store = AlertStore.open(app, StoreConfig.builder().migrate(false).build());
        return new BenchDatabase(k, db.dataSource(), store, null, db, null, role, app);
    }

    /** @return the application's role on PostgreSQL (under row-level security), null on H2 */
    String role() {
        return role;
    }

    Kind kind() {
        return kind;
    }

    /** @return the store, as the application runs it */
    AlertStore store() {
        return store;
    }

    /** @return the schema owner's data source (bulk loading, ANALYZE) */
    DataSource owner() {
        return owner;
    }

    void execute(String... sql) throws SQLException {
        try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    @Override
    public void close() {
        store.close();
        if (app instanceof HikariDataSource h) {
            h.close();
        }
        if (h2Owner != null) {
            h2Owner.dispose();
        }
        if (pg != null) {
            pg.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp directory left behind is harmless
            }
        }
    }
}
