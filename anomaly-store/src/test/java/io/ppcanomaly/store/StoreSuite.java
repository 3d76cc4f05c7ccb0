package io.ppcanomaly.store;

import io.ppcanomaly.store.testing.TestDatabase;
import io.ppcanomaly.store.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The store test suite's base: every test runs on both databases ({@link OnBothDatabases}), each test class on a
 * fresh H2 in-memory database and a fresh database of the {@link TestPostgres} server.
 *
 * <p>On PostgreSQL the suite's store runs as an ordinary role (not the tables' owner, not superuser, no
 * BYPASSRLS) with migrations off, after the owner migrated the schema: row-level security checks every query the
 * store makes, as in a production setup. {@link #ownerStore} is the owner's (migrating) store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreSuite {

    /** The databases the suite runs on. */
    enum Db { H2, POSTGRESQL }

    private static final AtomicInteger PROFILES = new AtomicInteger();

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-20T08:00:00Z"));
    private final Map<Db, AlertStore> stores = new EnumMap<>(Db.class);
    private final Map<Db, AlertStore> owners = new EnumMap<>(Db.class);
    private final Map<Db, DataSource> ownerSources = new EnumMap<>(Db.class);
    private final List<AlertStore> extra = new ArrayList<>();
    JdbcConnectionPool h2;
    TestDatabase pg;
    String appRole;

    @BeforeAll
    void openDatabases() throws SQLException {
        String name = getClass().getSimpleName();
        h2 = JdbcConnectionPool.create("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
        ownerSources.put(Db.H2, h2);
        pg = TestPostgres.get().createDatabase(name);
        ownerSources.put(Db.POSTGRESQL, pg.dataSource());
        StoreConfig config = StoreConfig.builder().clock(clock).build();
        for (Db db : Db.values()) {
            owners.put(db, AlertStore.open(ownerSources.get(db), config));
            sql(db, "CREATE TABLE hook_rows (profile_id varchar(128) NOT NULL, alert_id bigint NOT NULL, "
                    + "kind varchar(32) NOT NULL)");
        }
        appRole = pg.createOrdinaryRole("app");
        pg.grantStoreAccess(appRole);
        stores.put(Db.H2, owners.get(Db.H2));
        stores.put(Db.POSTGRESQL, AlertStore.open(pg.dataSource(appRole), config.toBuilder().migrate(false).build()));
    }

    @AfterAll
    void closeDatabases() {
        extra.forEach(AlertStore::close);
        stores.values().forEach(AlertStore::close);
        owners.values().forEach(AlertStore::close);
        h2.dispose();
        pg.close();
    }

    /** @return the suite's store on {@code db} (on PostgreSQL: an ordinary role under row-level security) */
    AlertStore store(Db db) {
        return stores.get(db);
    }

    /** @return the store of the schema's owner (row-level security does not restrict it) */
    AlertStore ownerStore(Db db) {
        return owners.get(db);
    }

    /** @return a store opened with {@code config} as the suite's store role, closed after the class */
    AlertStore store(Db db, StoreConfig config) {
        DataSource ds = db == Db.H2 ? h2 : pg.dataSource(appRole);
        AlertStore s = AlertStore.open(ds, config.toBuilder().migrate(db == Db.H2).build());
        extra.add(s);
        return s;
    }

    /** @return the owner's data source */
    DataSource ownerSource(Db db) {
        return ownerSources.get(db);
    }

    /** @return a profile no other test uses */
    static ProfileId profile() {
        return ProfileId.of("profile-" + PROFILES.incrementAndGet());
    }

    /** Runs SQL as the owner. */
    void sql(Db db, String... statements) throws SQLException {
        try (Connection c = ownerSource(db).getConnection(); Statement s = c.createStatement()) {
            for (String q : statements) {
                s.execute(q);
            }
        }
    }

    /** @return a single number from SQL run as the owner (bypassing row-level security) */
    long count(Db db, String query, Object... args) throws SQLException {
        try (Connection c = ownerSource(db).getConnection(); PreparedStatement ps = c.prepareStatement(query)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
