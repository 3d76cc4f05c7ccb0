package io.ppcanomaly.store.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestPostgresTest {

    @Test
    void startsARealPostgresOnLoopbackNotAsRootAndGivesEachCallerAFreshDatabase() throws Exception {
        TestPostgres pg = TestPostgres.get();
        try (TestDatabase a = pg.createDatabase("a"); TestDatabase b = pg.createDatabase("b")) {
            assertThat(a.name()).isNotEqualTo(b.name());
            a.execute("CREATE TABLE t (x int)", "INSERT INTO t VALUES (1)");
            try (Connection c = a.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT version(), (SELECT count(*) FROM t), "
                         + "(SELECT usesuper FROM pg_user WHERE usename = current_user)")) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("PostgreSQL 17");
                assertThat(rs.getLong(2)).isEqualTo(1);
                assertThat(rs.getBoolean(3)).isTrue();
            }
            try (Connection c = b.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 't'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("b is a database of its own").isZero();
            }
        }
        ProcessHandle server = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("/bin/postgres")
                        && p.parent().map(x -> x.pid() == ProcessHandle.current().pid()).orElse(false))
                .findFirst().orElseThrow();
        assertThat(server.info().user().orElse("?")).as("PostgreSQL refuses root").isNotEqualTo("root");
    }
}
