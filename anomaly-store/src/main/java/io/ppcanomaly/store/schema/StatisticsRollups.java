package io.ppcanomaly.store.schema;

import io.ppcanomaly.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Rebuilds the statistics roll-ups ({@code anomaly_stats_daily}, {@code anomaly_stats_entities},
 * {@code anomaly_stats_feedback}, schema version 6) from the alert, history and training-data rows, with the
 * back-fill statements of the version 6 migration itself. The store keeps the roll-ups in step with every write it
 * makes; this is for rows written around it with plain SQL (a bulk import, a benchmark's generated data), after
 * which {@code statistics} would otherwise not count them. Stateless and thread-safe.
 */
public final class StatisticsRollups {

    private static final String SCRIPT = "V6__binary_windows_statistics_rollup.sql";

    private StatisticsRollups() {
    }

    /**
     * Deletes every roll-up row and recomputes them all, on the caller's connection and in its transaction (commit
     * it afterwards if it is not in auto-commit mode). A role row-level security restricts (PostgreSQL) sees, deletes
     * and recounts only the profile set in {@code ppc_anomaly.profile_id}, which rebuilds that profile alone; the
     * tables' owner rebuilds every profile.
     *
     * @param c  a connection to the store's database, at schema version 6 or later
     * @param db which database it is
     * @throws SQLException when a statement fails
     */
    public static void rebuild(Connection c, Database db) throws SQLException {
        Objects.requireNonNull(c, "c");
        Objects.requireNonNull(db, "db");
        try (Statement s = c.createStatement()) {
            for (String table : List.of("anomaly_stats_daily", "anomaly_stats_entities", "anomaly_stats_feedback")) {
                s.executeUpdate("DELETE FROM " + table);
            }
            for (String sql : backFill(db)) {
                s.executeUpdate(sql);
            }
        }
    }

    /** @return the version 6 script's back-fill statements ({@code INSERT INTO anomaly_stats_…}) */
    static List<String> backFill(Database db) {
        String folder = db.migrationLocation().substring("classpath:".length());
        String path = "/" + folder + "/" + SCRIPT;
        String script;
        try (InputStream in = StatisticsRollups.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the migration script " + path + " is missing from the classpath");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        List<String> out = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            String t = line.strip();
            if (t.startsWith("--") || t.isEmpty()) {
                continue;
            }
            sql.append(line).append('\n');
            if (t.endsWith(";")) {
                String stmt = sql.toString().strip();
                sql.setLength(0);
                if (stmt.startsWith("INSERT INTO anomaly_stats_")) {
                    out.add(stmt.substring(0, stmt.length() - 1));
                }
            }
        }
        return out;
    }
}
