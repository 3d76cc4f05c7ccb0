package io.ppcanomaly.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoreConfig;
import io.ppcanomaly.store.testing.TestDatabase;
import io.ppcanomaly.store.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * API keys on both databases: only a hash is stored, a wrong, malformed or revoked key authenticates nothing, and
 * on PostgreSQL row-level security shows a role a key only when it names the key or its tenant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeysTest {

    private static final ProfileId A = ProfileId.of("tenant-a");
    private static final ProfileId B = ProfileId.of("tenant-b");

    private JdbcConnectionPool h2;
    private TestDatabase pg;
    private AlertStore h2Store;
    private AlertStore pgStore;
    private String snoop;

    @BeforeAll
    void open() {
        h2 = JdbcConnectionPool.create("jdbc:h2:mem:ApiKeysTest;DB_CLOSE_DELAY=-1", "sa", "");
        h2Store = AlertStore.open(h2);
        pg = TestPostgres.get().createDatabase("keys");
        AlertStore.open(pg.dataSource()).close();
        String app = pg.createOrdinaryRole("app");
        pg.grantStoreAccess(app);
        snoop = pg.createOrdinaryRole("snoop");
        pg.grantStoreAccess(snoop);
        pgStore = AlertStore.open(pg.dataSource(app), StoreConfig.builder().migrate(false).build());
    }

    @AfterAll
    void close() {
        h2Store.close();
        pgStore.close();
        h2.dispose();
        pg.close();
    }

    @Test
    void onlyTheHashOfTheSecretIsStoredAndOnlyTheExactKeyAuthenticates() throws SQLException {
        for (AlertStore store : new AlertStore[] {h2Store, pgStore}) {
            ApiKeys keys = ApiKeys.on(store, java.time.Clock.systemUTC(), Duration.ZERO);
            CreatedKey k = keys.create(Role.WRITE, Set.of(A, B), "etl", "test");
            assertThat(k.secret()).matches("ppca_[a-z2-7]{16}_[A-Za-z0-9_-]{43}");
            assertThat(k.toString()).doesNotContain(k.secret());
            String secretPart = k.secret().substring(22);
            DataSource owner = store == h2Store ? h2 : pg.dataSource();
            try (Connection c = owner.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT key_id, secret_hash, role, name FROM anomaly_api_keys")) {
                while (rs.next()) {
                    for (int i = 1; i <= 4; i++) {
                        assertThat(rs.getString(i)).doesNotContain(secretPart);
                    }
                }
            }
            assertThat(keys.authenticate(k.secret())).get().extracting(ApiKey::profiles).isEqualTo(Set.of(A, B));
            assertThat(keys.authenticate(k.secret() + "x")).isEmpty();
            String secret = k.secret();
            char last = secret.charAt(secret.length() - 1);
            // one character changed (a random secret ends in 'A' one time in 64: then 'B')
            assertThat(keys.authenticate(secret.substring(0, secret.length() - 1) + (last == 'A' ? 'B' : 'A')))
                    .isEmpty();
            assertThat(keys.authenticate("ppca_" + k.key().keyId())).isEmpty();
            assertThat(keys.authenticate("Bearer " + k.secret())).isEmpty();
            assertThat(keys.authenticate(null)).isEmpty();
            assertThat(keys.list(A)).extracting(ApiKey::keyId).contains(k.key().keyId());
            keys.revoke(k.key().keyId());
            assertThat(keys.authenticate(k.secret())).isEmpty();
            assertThat(keys.get(k.key().keyId())).get().extracting(ApiKey::isActive).isEqualTo(false);
            assertThatThrownBy(() -> keys.create(Role.READ, Set.of(), "x", "test"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("profiles");
            assertThatThrownBy(() -> keys.create(Role.READ, Set.of(A), " ", "test"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name must be");
        }
    }

    @Test
    void aCachedKeyRevokedThroughThisInstanceStopsAtOnce() {
        ApiKeys keys = ApiKeys.on(h2Store);
        CreatedKey k = keys.create(Role.READ, Set.of(A), "cached", "test");
        assertThat(keys.authenticate(k.secret())).isPresent();
        keys.revoke(k.key().keyId());
        assertThat(keys.authenticate(k.secret())).isEmpty();
    }

    @Test
    void onPostgresPlainSqlSeesAKeyOnlyWhenItNamesTheKeyOrItsTenant() throws SQLException {
        ApiKeys keys = ApiKeys.on(pgStore);
        CreatedKey ka = keys.create(Role.ADMIN, Set.of(A), "a", "test");
        CreatedKey kb = keys.create(Role.ADMIN, Set.of(B), "b", "test");
        try (Connection c = pg.dataSource(snoop).getConnection()) {
            c.setAutoCommit(false);
            assertThat(count(c, "SELECT count(*) FROM anomaly_api_keys")).as("no setting: nothing").isZero();
            assertThat(count(c, "SELECT count(*) FROM anomaly_api_key_profiles")).isZero();
            set(c, "ppc_anomaly.profile_id", A.value());
            assertThat(count(c, "SELECT count(*) FROM anomaly_api_keys WHERE key_id = '" + ka.key().keyId() + "'"))
                    .isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM anomaly_api_keys WHERE key_id = '" + kb.key().keyId() + "'"))
                    .as("tenant A set: B's key stays hidden").isZero();
            assertThat(count(c, "SELECT count(*) FROM anomaly_api_key_profiles WHERE profile_id <> '" + A.value()
                    + "'")).isZero();
            c.rollback();
            set(c, "ppc_anomaly.api_key_id", kb.key().keyId());
            assertThat(count(c, "SELECT count(*) FROM anomaly_api_keys")).isEqualTo(1);
            c.rollback();
        }
    }

    private static void set(Connection c, String name, String value) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT set_config('" + name + "', '" + value + "', true)");
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
