package io.ppcanomaly.bench.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The query plans behind {@link StoreRun}'s figures: fills a database as {@link StoreData} does and prints
 * {@code EXPLAIN} of the store's feed and statistics queries for the largest profile — on PostgreSQL with
 * {@code ANALYZE, BUFFERS} as the application's role under row-level security, on H2 its plan. The SQL is the
 * store's ({@code AlertQueries.active}; {@code StatisticsQuery} and {@code TopEntities}: the roll-ups of schema
 * version 6) with the parameters written in.
 *
 * <pre>
 * java -cp anomaly-benchmarks/target/benchmarks.jar io.ppcanomaly.bench.store.StoreExplain \
 *      --db postgresql --rows 1000000 --layout single
 * </pre>
 */
public final class StoreExplain {

    private StoreExplain() {
    }

    /**
     * Loads and explains.
     *
     * @param args {@code --db h2|postgresql --rows N --layout spread|single}
     * @throws Exception when the database fails
     */
    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        java.util.Map<String, String> a = new java.util.HashMap<>(java.util.Map.of("--db", "postgresql", "--rows",
                "100000", "--layout", "single"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        try (BenchDatabase d = BenchDatabase.open(a.get("--db"))) {
            long n = StoreData.load(d, a.get("--layout"), Integer.parseInt(a.get("--rows")));
            String p = StoreData.profile(1);
            System.out.printf(Locale.ROOT, "%s, %s layout, %,d rows; profile %s%n", a.get("--db"), a.get("--layout"),
                    n, p);
            boolean pg = d.kind() == BenchDatabase.Kind.POSTGRESQL;
            String to = StoreData.LAST_DAY.plusDays(1) + " 00:00:00";
            String from30 = StoreData.LAST_DAY.minusDays(29) + " 00:00:00";
            String from365 = StoreData.LAST_DAY.minusDays(364) + " 00:00:00";
            List<String[]> queries = new java.util.ArrayList<>();
            queries.add(new String[] {"active(ALL, first 50)", "SELECT * FROM anomaly_alerts WHERE profile_id = '" + p
                    + "' AND status <> 'resolved' ORDER BY severity_rank DESC, money_at_stake DESC, id LIMIT 51"});
            queries.add(new String[] {"active(high+, keyword)", "SELECT * FROM anomaly_alerts WHERE profile_id = '"
                    + p + "' AND status <> 'resolved' AND entity_type = 'keyword' AND severity_rank >= 2 "
                    + "ORDER BY severity_rank DESC, money_at_stake DESC, id LIMIT 51"});
            for (String[] range : List.of(new String[] {"30 days", from30}, new String[] {"365 days", from365})) {
                String fromDay = range[1].substring(0, 10);
                String toDay = StoreData.LAST_DAY.toString();
                queries.add(new String[] {"statistics " + range[0] + ": the daily roll-up", "SELECT period_day, "
                        + "severity, entity_type, detector_type, status, alerts, ack_ms, ack_count, resolve_ms, "
                        + "resolve_count FROM anomaly_stats_daily WHERE profile_id = '" + p + "' AND period_day >= DATE '"
                        + fromDay + "' AND period_day <= DATE '" + toDay + "' AND alerts <> 0"});
                for (String order : List.of("alerts DESC, money DESC", "money DESC, alerts DESC")) {
                    queries.add(new String[] {"statistics " + range[0] + ": top-entity candidates by " + order,
                        "SELECT entity_type, entity_id, alerts, money FROM anomaly_stats_entities WHERE profile_id = '"
                        + p + "' AND alerts > 0 AND (first_day IS NULL OR first_day <= DATE '" + toDay + "') AND "
                        + "(last_day IS NULL OR last_day >= DATE '" + fromDay + "') ORDER BY profile_id, " + order
                        + " LIMIT 128"});
                }
                queries.add(new String[] {"statistics " + range[0] + ": feedback", "SELECT COALESCE(SUM(labelled), 0), "
                        + "COALESCE(SUM(labelled_true), 0) FROM anomaly_stats_feedback WHERE profile_id = '" + p
                        + "' AND period_day >= DATE '" + fromDay + "' AND period_day <= DATE '" + toDay + "'"});
            }
            try (Connection c = d.owner().getConnection(); Statement s = c.createStatement()) {
                if (pg) {
                    s.execute("SET ROLE " + d.role());
                    s.execute("SELECT set_config('ppc_anomaly.profile_id', '" + p + "', false)");
                }
                for (String[] q : queries) {
                    System.out.printf("%n-- %s%n", q[0]);
                    try (ResultSet rs = s.executeQuery((pg ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN ANALYZE ")
                            + q[1])) {
                        while (rs.next()) {
                            System.out.println(rs.getString(1));
                        }
                    }
                }
            }
        }
    }
}
