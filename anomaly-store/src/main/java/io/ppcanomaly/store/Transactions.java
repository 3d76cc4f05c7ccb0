package io.ppcanomaly.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Runs the store's transactions: one connection from the data source, auto-commit off, the tenant setting
 * applied on PostgreSQL, commit or roll back, the connection handed back as it came. Thread-safe.
 */
final class Transactions {

    /** The PostgreSQL setting row-level security policies compare {@code profile_id} with. */
    static final String TENANT_SETTING = "ppc_anomaly.profile_id";

    private final DataSource dataSource;
    private final Database database;
    private final Clock clock;
    private final String url;
    private final AtomicBoolean closed;

    Transactions(DataSource dataSource, Database database, Clock clock, String url, AtomicBoolean closed) {
        this.dataSource = dataSource;
        this.database = database;
        this.clock = clock;
        this.url = url;
        this.closed = closed;
    }

    Database database() {
        return database;
    }

    String url() {
        return url;
    }

    /** @return the store clock's instant, to the millisecond (what both databases keep) */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private record Tx(Connection connection, ProfileId profile, Database database, Instant now)
            implements StoreTransaction {
    }

    /**
     * Runs {@code work} in one transaction.
     *
     * @param profile the tenant, or {@code null} for maintenance across profiles (no tenant setting)
     * @param action  what is being done, for messages
     * @throws StoreException wrapping an {@link SQLException}, naming the URL, the action and the cause
     */
    <T> T run(ProfileId profile, String action, TransactionWork<T> work) {
        if (closed.get()) {
            throw new IllegalStateException("alert store on " + url + " is closed: cannot " + action);
        }
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw new StoreException("cannot connect to the alert store database at " + url + " to " + action + ": "
                    + describe(e), e);
        }
        try {
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            try {
                if (profile != null && database == Database.POSTGRESQL) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT set_config(?, ?, true)")) {
                        ps.setString(1, TENANT_SETTING);
                        ps.setString(2, profile.value());
                        ps.execute();
                    }
                }
                T result = work.run(new Tx(c, profile, database, now()));
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(c, e);
                throw e;
            } finally {
                if (autoCommit) {
                    restoreAutoCommit(c);
                }
            }
        } catch (SQLException e) {
            throw failure(action, e);
        } finally {
            try {
                c.close();
            } catch (SQLException e) {
                // the transaction is already committed or rolled back; a failing close loses nothing
            }
        }
    }

    private static void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            // a broken connection; the pool discards it, and the transaction's own outcome stands
        }
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    StoreException failure(String action, SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.equals("40001") || state.equals("40P01") || state.equals("55P03")
                || state.equals("HYT00") || state.equals("40XD1"))) {
            // serialization failure, deadlock, lock not available (PostgreSQL); lock timeout, deadlock (H2)
            AlertConflictException c = new AlertConflictException(-1, -1, -1, "the alert store database at " + url
                    + " could not " + action + " because concurrent writers held the same rows: nothing was "
                    + "written; try again (" + describe(e) + ")");
            c.initCause(e);
            return c;
        }
        if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P03"))) {
            return new StoreException("lost the alert store database at " + url + " while trying to " + action + ": "
                    + describe(e), e);
        }
        return new StoreException("the alert store database at " + url + " failed to " + action + ": " + describe(e),
                e);
    }

    static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        Throwable t = e;
        for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
            if (depth > 0) {
                b.append(" <- ");
            }
            b.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
            if (t instanceof SQLException s && s.getSQLState() != null && depth == 0) {
                b.append(" (SQL state ").append(s.getSQLState()).append(')');
            }
        }
        return b.toString();
    }
}
