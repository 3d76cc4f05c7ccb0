package io.ppcanomaly.store.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.store.Database;
import io.ppcanomaly.store.testing.TestDatabase;
import io.ppcanomaly.store.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Schema versions are one sequence for every PPC Anomaly table, and modules developed side by side land out of
 * order (V5, the server's API keys, landed before V2-V4): a database already at version 5 takes a lower version
 * (here a test script V4.5) that arrives later,
 * and a check with migrations off says which version it lacks.
 */
class OutOfOrderMigrationTest {

    private static final String LATE = "classpath:io/ppcanomaly/store/db/late/";

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Database.class)
    void aLowerScriptArrivingAfterAHigherOneIsAppliedNotRefused(Database db) throws SQLException {
        TestDatabase pg = null;
        JdbcConnectionPool h2 = null;
        DataSource ds;
        if (db == Database.H2) {
            h2 = JdbcConnectionPool.create("jdbc:h2:mem:late;DB_CLOSE_DELAY=-1", "sa", "");
            ds = h2;
        } else {
            pg = TestPostgres.get().createDatabase("late");
            ds = pg.dataSource();
        }
        try {
            assertThat(new SchemaMigrator(ds, db, "test").migrate()).isEqualTo("6");
            String folder = db == Database.H2 ? "h2" : "postgresql";
            SchemaMigrator later = new SchemaMigrator(ds, db, "test", LATE + folder);
            assertThatThrownBy(later::check).isInstanceOf(SchemaVersionException.class)
                    .hasMessageContaining("is at version 6 but lacks version 4.5");
            assertThat(later.migrate()).isEqualTo("6");
            assertThat(later.check()).isEqualTo("6");
            try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM late_arrival")) {
                assertThat(rs.next()).isTrue();
            }
        } finally {
            if (h2 != null) {
                h2.dispose();
            }
            if (pg != null) {
                pg.close();
            }
        }
    }
}
