package io.ppcanomaly.notify.testing;

import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoreConfig;
import io.ppcanomaly.store.testing.TestDatabase;
import io.ppcanomaly.store.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the store-backed tests: each class gets a fresh H2 in-memory database and a fresh database of the test
 * PostgreSQL, where the store runs as an ordinary role under row-level security (migrated by the owner first), as
 * in production. Tests take the database as a parameter ({@link OnBothDatabases}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TestStores {

    /** The databases. */
    public enum Db { H2, POSTGRESQL }

    private static final AtomicInteger PROFILES = new AtomicInteger();

    /** The stores' clock. */
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-03-20T08:00:00Z"));
    private final Map<Db, AlertStore> stores = new EnumMap<>(Db.class);
    private final Map<Db, DataSource> owners = new EnumMap<>(Db.class);
    private JdbcConnectionPool h2;
    private TestDatabase pg;
    private String appRole;

    @BeforeAll
    void openDatabases() {
        String name = getClass().getSimpleName();
        h2 = JdbcConnectionPool.create("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
        h2.setMaxConnections(32);
        pg = TestPostgres.get().createDatabase(name);
        owners.put(Db.H2, h2);
        owners.put(Db.POSTGRESQL, pg.dataSource());
        StoreConfig config = StoreConfig.builder().clock(clock).build();
        stores.put(Db.H2, AlertStore.open(h2, config));
        AlertStore.open(pg.dataSource(), config).close();
        appRole = pg.createOrdinaryRole("app");
        pg.grantStoreAccess(appRole);
        stores.put(Db.POSTGRESQL, AlertStore.open(pg.dataSource(appRole), config.toBuilder().migrate(false).build()));
    }

    @AfterAll
    void closeDatabases() {
        stores.values().forEach(AlertStore::close);
        h2.dispose();
        pg.close();
    }

    /** @return the class's store on {@code db} (PostgreSQL: an ordinary role under row-level security) */
    protected AlertStore store(Db db) {
        return stores.get(db);
    }

    /** @return a further store on the same database with this configuration (the caller closes it) */
    protected AlertStore store(Db db, StoreConfig config) {
        DataSource ds = db == Db.H2 ? h2 : pg.dataSource(appRole);
        return AlertStore.open(ds, config.toBuilder().clock(clock).migrate(db == Db.H2).build());
    }

    /** @return a profile no other test uses */
    protected static ProfileId profile() {
        return ProfileId.of("profile-" + PROFILES.incrementAndGet());
    }

    /** @return one number from SQL run as the owner (row-level security does not apply) */
    protected long count(Db db, String sql, Object... args) throws SQLException {
        try (Connection c = owners.get(db).getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** @return the owner's data source */
    protected DataSource ownerSource(Db db) {
        return owners.get(db);
    }
}
