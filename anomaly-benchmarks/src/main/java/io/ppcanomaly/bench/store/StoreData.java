package io.ppcanomaly.bench.store;

import io.ppcanomaly.store.Database;
import io.ppcanomaly.store.schema.StatisticsRollups;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills the store's tables in bulk with server-side SQL (no row crosses the wire): a year of alerts, 40% live
 * (23.5% of them open, 11.8% acknowledged, the rest resolved) and 60% archived in history, severities 50% low, 30%
 * medium, 15% high, 5% critical, periods spread evenly over the 365 days ending {@link #LAST_DAY}, plus one
 * feedback label per 20 alerts; then the statistics roll-ups are rebuilt from those rows with the V6 migration's
 * back-fill statements ({@link StatisticsRollups#rebuild}).
 *
 * <p>Layouts: {@code spread} — the rows over 1,000 profiles with Zipf-distributed sizes (profile k holds
 * N / (k · H₁₀₀₀) rows: the largest 13.4%, the 100th 0.13%, the median 0.03%), as a PPC service's advertisers
 * vary; {@code single} — every row in one profile, the worst case.
 */
final class StoreData {

    /** The last day of data. */
    static final LocalDate LAST_DAY = LocalDate.of(2026, 3, 31);
    /** Profiles of the spread layout. */
    static final int PROFILES = 1000;

    private StoreData() {
    }

    /** @return the profile of rank k (1 = largest) */
    static String profile(int k) {
        return String.format("p-%04d", k);
    }

    /** @return rows per profile of the layout, largest first */
    static List<Integer> sizes(String layout, int rows) {
        List<Integer> out = new ArrayList<>();
        if (layout.equals("single")) {
            out.add(rows);
            return out;
        }
        if (!layout.equals("spread")) {
            throw new IllegalArgumentException("layout must be spread or single, got '" + layout + "'");
        }
        double h = 0;
        for (int k = 1; k <= PROFILES; k++) {
            h += 1.0 / k;
        }
        int left = rows;
        for (int k = 1; k <= PROFILES; k++) {
            int n = k == PROFILES ? left : (int) Math.round(rows / (k * h));
            n = Math.max(1, Math.min(n, left - (PROFILES - k)));
            out.add(n);
            left -= n;
        }
        return out;
    }

    /** Loads the layout; @return the rows written to alerts and history together */
    static long load(BenchDatabase db, String layout, int rows) throws SQLException {
        List<Integer> sizes = sizes(layout, rows);
        boolean pg = db.kind() == BenchDatabase.Kind.POSTGRESQL;
        long historyId = 100_000_000L;
        long total = 0;
        for (int k = 1; k <= sizes.size(); k++) {
            int n = sizes.get(k - 1);
            int live = (int) Math.round(n * 0.4);
            int history = n - live;
            String p = profile(k);
            if (live > 0) {
                db.execute("INSERT INTO anomaly_alerts (" + COLUMNS + ") SELECT " + values(pg, p, false)
                        + " FROM " + series(pg, live));
            }
            if (history > 0) {
                db.execute("INSERT INTO anomaly_history (id, " + COLUMNS + ", archived_at) SELECT " + historyId
                        + " + g, " + values(pg, p, true) + ", CURRENT_TIMESTAMP FROM " + series(pg, history));
                historyId += history;
            }
            int labels = Math.max(1, n / 20);
            db.execute("INSERT INTO anomaly_training_data (profile_id, alert_id, entity_type, entity_id, period, "
                    + "detector_type, is_true_anomaly, predicted_score, was_correctly_classified, labelled_by, "
                    + "labelled_at) SELECT '" + p + "', g, 'keyword', 'kw-' || g, " + day(pg, "g") + ", 'ensemble', "
                    + "MOD(g, 4) <> 0, 0.999, MOD(g, 4) <> 0, 'bench', CURRENT_TIMESTAMP FROM " + series(pg, labels));
            total += n;
        }
        // the statistics roll-ups, as the V6 migration back-fills them from rows written around the store
        try (Connection c = db.owner().getConnection()) {
            StatisticsRollups.rebuild(c, pg ? Database.POSTGRESQL : Database.H2);
        }
        if (pg) {
            db.execute("ANALYZE anomaly_alerts", "ANALYZE anomaly_history", "ANALYZE anomaly_training_data",
                    "ANALYZE anomaly_stats_daily", "ANALYZE anomaly_stats_entities", "ANALYZE anomaly_stats_feedback");
        } else {
            db.execute("ANALYZE");
        }
        return total;
    }

    private static final String COLUMNS = "profile_id, entity_type, entity_id, entity_name, granularity, period, "
            + "first_period, anomaly_start, occurrences, anomaly_score, peak_score, threshold, severity, severity_rank, "
            + "detector_type, member_scores, explanation, kpi_changes, root_causes, money_at_stake, status, "
            + "acknowledged_by, acknowledged_at, acknowledge_time_minutes, resolved_by, resolved_at, "
            + "resolution_time_minutes, first_seen, last_seen, detection_timestamp, updated_at, version";

    private static String series(boolean pg, int n) {
        return pg ? "generate_series(1, " + n + ") AS s(g)" : "(SELECT X AS g FROM SYSTEM_RANGE(1, " + n + ")) s";
    }

    /** @return the period of row g: one of the 365 days ending {@link #LAST_DAY} */
    private static String day(boolean pg, String g) {
        String first = LAST_DAY.minusDays(364).toString();
        return pg ? "(timestamp '" + first + "' + MOD(" + g + " * 7, 365) * interval '1 day')"
                : "DATEADD(DAY, MOD(" + g + " * 7, 365), TIMESTAMP '" + first + " 00:00:00')";
    }

    private static String json(boolean pg, String expr) {
        return pg ? "CAST(" + expr + " AS jsonb)" : expr;
    }

    private static String values(boolean pg, String profile, boolean archived) {
        String d = day(pg, "g");
        String sev = "MOD(g, 20)";
        String status = archived ? "'resolved'"
                : "CASE WHEN MOD(g, 17) < 4 THEN 'open' WHEN MOD(g, 17) < 6 THEN 'acknowledged' ELSE 'resolved' END";
        String acked = archived ? "TRUE" : "MOD(g, 17) >= 4";
        String resolved = archived ? "TRUE" : "MOD(g, 17) >= 6";
        return "'" + profile + "', 'keyword', 'kw-' || g, 'keyword ' || g, 'day', " + d + ", " + d + ", " + d + ", 1, "
                + "0.999, 0.999, 0.998, CASE WHEN " + sev + " < 10 THEN 'low' WHEN " + sev + " < 16 THEN 'medium' "
                + "WHEN " + sev + " < 19 THEN 'high' ELSE 'critical' END, CASE WHEN " + sev + " < 10 THEN 0 WHEN " + sev
                + " < 16 THEN 1 WHEN " + sev + " < 19 THEN 2 ELSE 3 END, 'ensemble', "
                + json(pg, "'{\"lstm-autoencoder\": 0.9991, \"half-space-trees\": 0.998, \"isolation-forest\": 0.997}'")
                + ", " + json(pg, "'{\"cpc\": 0.41, \"ctr\": 0.05, \"acos\": 0.22}'") + ", "
                + json(pg, "'{\"cpc\": 1.8, \"ctr\": -0.05}'") + ", "
                + json(pg, "'[{\"entity_type\": \"campaign\", \"entity_id\": \"cp-' || MOD(g, 50) || '\", "
                        + "\"entity_name\": \"Campaign\", \"kind\": \"cpc_spike\", \"confidence\": 0.9, \"start\": "
                        + "null, \"summary\": \"CPC up 180% across the campaign\"}]'")
                + ", MOD(g, 1000) * 1.5, " + status + ", "
                + "CASE WHEN " + acked + " THEN 'bench' END, CASE WHEN " + acked + " THEN CURRENT_TIMESTAMP END, "
                + "CASE WHEN " + acked + " THEN 30.0 END, CASE WHEN " + resolved + " THEN 'bench' END, "
                + "CASE WHEN " + resolved + " THEN CURRENT_TIMESTAMP END, CASE WHEN " + resolved + " THEN 240.0 END, "
                + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0";
    }
}
