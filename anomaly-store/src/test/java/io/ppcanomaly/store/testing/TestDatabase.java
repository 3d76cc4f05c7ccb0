package io.ppcanomaly.store.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * A fresh database on {@link TestPostgres}, for one test class: pooled data sources as the superuser or as roles
 * the test creates, dropped (with its roles) on {@link #close()}.
 */
public final class TestDatabase implements AutoCloseable {

    private final TestPostgres server;
    private final String name;
    private final List<JdbcConnectionPool> pools = new ArrayList<>();
    private final List<String> roles = new ArrayList<>();

    TestDatabase(TestPostgres server, String name) {
        this.server = server;
        this.name = name;
    }

    /** @return the database's name */
    public String name() {
        return name;
    }

    /** @return its JDBC URL, no credentials */
    public String url() {
        return server.url(name);
    }

    /** @return a pooled data source connecting as the superuser {@code postgres} (row-level security bypassed) */
    public synchronized DataSource dataSource() {
        return dataSource("postgres");
    }

    /** @return a pooled data source connecting as {@code role} (authentication is trust: no password) */
    public synchronized DataSource dataSource(String role) {
        PGConnectionPoolDataSource ds = new PGConnectionPoolDataSource();
        ds.setUrl(url());
        ds.setUser(role);
        JdbcConnectionPool pool = JdbcConnectionPool.create(ds);
        pool.setMaxConnections(32);
        pools.add(pool);
        return pool;
    }

    /** @return a new superuser connection (auto-commit on) */
    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    /** Runs statements as the superuser, each in its own transaction. */
    public void execute(String... sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + String.join("; ", sql) + " on " + url() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Creates an ordinary login role (not superuser, not the tables' owner, no BYPASSRLS) that may connect here.
     *
     * @param prefix start of its name; the database's name is appended (roles are cluster-wide)
     * @return the role's name
     */
    public synchronized String createOrdinaryRole(String prefix) {
        String role = (prefix + "_" + name).toLowerCase();
        execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS",
                "GRANT CONNECT ON DATABASE " + name + " TO " + role, "GRANT USAGE ON SCHEMA public TO " + role);
        roles.add(role);
        return role;
    }

    /**
     * Grants a role what the alert store needs to run (not to migrate): the data privileges on every table and
     * sequence of the schema, as the store's README shows.
     */
    public void grantStoreAccess(String role) {
        execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role,
                "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + role);
    }

    /** Closes the pools, drops the database and the roles created here. */
    @Override
    public synchronized void close() {
        pools.forEach(JdbcConnectionPool::dispose);
        pools.clear();
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            for (String r : roles) {
                s.execute("DROP ROLE IF EXISTS " + r);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name + ": " + e.getMessage(), e);
        }
    }
}
