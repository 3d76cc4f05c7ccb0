package io.ppcanomaly.monitor.testing;

import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.StoreConfig;
import io.ppcanomaly.store.testing.TestDatabase;
import io.ppcanomaly.store.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * A fresh database of either kind for one test class, and stores opened on it as a monitor process would — each
 * {@link #open} a new store object with its own connection pool, as after a restart. On PostgreSQL the owner
 * migrates and the stores run as an ordinary role under row-level security with migrations off, as in production.
 */
public final class TestStores implements AutoCloseable {

    /** The databases tests run on. */
    public enum Db { H2, POSTGRESQL }

    private static final AtomicInteger N = new AtomicInteger();

    private final Db db;
    private final String h2Url;
    private final TestDatabase pg;
    private final String role;
    private final DataSource owner;
    private final List<AutoCloseable> opened = new ArrayList<>();

    private TestStores(Db db, String name) {
        this.db = db;
        if (db == Db.H2) {
            h2Url = "jdbc:h2:mem:" + name + N.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
            JdbcConnectionPool p = JdbcConnectionPool.create(h2Url, "sa", "");
            opened.add(p::dispose);
            owner = p;
            pg = null;
            role = null;
            AlertStore.open(owner).close();
        } else {
            h2Url = null;
            pg = TestPostgres.get().createDatabase(name);
            owner = pg.dataSource();
            AlertStore.open(owner).close();
            role = pg.createOrdinaryRole("monitor");
            pg.grantStoreAccess(role);
        }
    }

    /** @return a fresh, migrated database */
    public static TestStores create(Db db, String name) {
        return new TestStores(db, name);
    }

    /** @return which database */
    public Db db() {
        return db;
    }

    /** @return a new store object on the database (its own pool), closed with this */
    public AlertStore open(Clock clock) {
        StoreConfig config = StoreConfig.builder().clock(clock).migrate(db == Db.H2).build();
        DataSource ds;
        if (db == Db.H2) {
            JdbcConnectionPool p = JdbcConnectionPool.create(h2Url, "sa", "");
            opened.add(p::dispose);
            ds = p;
        } else {
            ds = pg.dataSource(role);
        }
        AlertStore s = AlertStore.open(ds, config);
        opened.add(s);
        return s;
    }

    /** @return a single number from SQL run as the owner (row-level security does not restrict it) */
    public long count(String sql, Object... args) throws SQLException {
        try (Connection c = owner.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Runs statements as the owner. */
    public void sql(String... statements) throws SQLException {
        try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
            for (String q : statements) {
                s.execute(q);
            }
        }
    }

    /** @return the owner's data source */
    public DataSource owner() {
        return owner;
    }

    @Override
    public void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        if (pg != null) {
            pg.close();
        }
    }
}
