package io.ppcanomaly.monitor.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Column conversions shared by the monitor's tables: periods are {@code timestamp} (local date-time, as the alert
 * store keeps them), instants {@code timestamp with time zone} in UTC.
 */
public final class Sql {

    private Sql() {
    }

    /** Binds an instant (or SQL NULL) as a UTC {@code timestamp with time zone}. */
    public static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setObject(i, null);
        } else {
            ps.setObject(i, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        }
    }

    /** @return the instant in {@code column}, or {@code null} */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** @return the period in {@code column}, or {@code null} */
    public static LocalDateTime period(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class);
    }
}
