package io.ppcanomaly.bench.store;

import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.service.source.CsvMetricSource;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.OnError;
import io.ppcanomaly.store.source.JdbcMetricSource;
import io.ppcanomaly.store.testing.PerformanceTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * A host's performance table for the JDBC metric source's benchmarks: {@code profiles} profiles of {@code keywords}
 * keywords × {@code days} days each in {@code ppc_keyword_daily}, filled day by day as a daily import does (index on
 * {@code (profile_id, date)}, as the store's README tells hosts), the source reading the middle profile up to its last
 * day, and the CSV source holding the same rows in memory as the peer.
 */
final class PerformanceBench implements AutoCloseable {

    static final String TABLE = "ppc_keyword_daily";

    private final BenchDatabase database;
    private final JdbcMetricSource jdbc;
    private final CsvMetricSource csv;
    private final MetricQuery query;
    private final String profile;
    private final LocalDateTime last;
    private final int rowsPerLoad;
    private final int days;
    private final int profiles;
    /** Periods each load asks for ({@link MetricQuery#history()}); 0 for all. */
    private int history;

    private PerformanceBench(BenchDatabase database, JdbcMetricSource jdbc, CsvMetricSource csv, String profile,
                             LocalDateTime last, int rowsPerLoad, int days, int profiles) {
        this.database = database;
        this.jdbc = jdbc;
        this.csv = csv;
        this.profile = profile;
        this.last = last;
        this.query = new MetricQuery(profile, last);
        this.rowsPerLoad = rowsPerLoad;
        this.days = days;
        this.profiles = profiles;
    }

    /**
     * @param db        h2 or postgresql
     * @param fetchSize the source's fetch size, or 0 for its default
     */
    static PerformanceBench open(String db, int keywords, int days, int profiles, int fetchSize) throws SQLException {
        BenchDatabase database = BenchDatabase.open(db);
        try {
            SampleAccount account = SyntheticAccountGenerator.generate(SampleConfig.builder().keywords(keywords)
                    .days(days).build());
            List<PerformanceTable.Row> one = null;
            // As a host's daily import fills it: day by day, each day's rows profile by profile, so one profile's
            // 42 days lie in 42 runs of pages among the other profiles' rows.
            List<Map<LocalDate, List<PerformanceTable.Row>>> byDay = new ArrayList<>();
            for (int p = 0; p < profiles; p++) {
                List<PerformanceTable.Row> rows = PerformanceTable.rows(account, "prof-" + p, days);
                byDay.add(rows.stream().collect(Collectors.groupingBy(PerformanceTable.Row::date, TreeMap::new,
                        Collectors.toList())));
                if (p == profiles / 2) {
                    one = rows;
                }
            }
            try (Connection c = database.owner().getConnection()) {
                PerformanceTable.create(c, TABLE);
                for (LocalDate day : byDay.get(0).keySet()) {
                    for (Map<LocalDate, List<PerformanceTable.Row>> profile : byDay) {
                        PerformanceTable.insert(c, TABLE, profile.get(day));
                    }
                }
            }
            database.execute(database.kind() == BenchDatabase.Kind.POSTGRESQL ? "VACUUM ANALYZE " + TABLE
                    : "ANALYZE");
            JdbcMetricSource.Builder b = JdbcMetricSource.builder(database.owner()).table(TABLE);
            if (fetchSize > 0) {
                b.fetchSize(fetchSize);
            }
            CsvMetricSource csv = CsvMetricSource.ofText("perf.csv", PerformanceTable.csv(one), OnError.FAIL);
            LocalDateTime last = account.keywordSeries().values().iterator().next().end();
            return new PerformanceBench(database, b.build(), csv, "prof-" + profiles / 2, last, one.size(), days, profiles);
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    JdbcMetricSource jdbc() {
        return jdbc;
    }

    CsvMetricSource csv() {
        return csv;
    }

    /** @return the JDBC source's query: the middle profile up to its last day, with the history set */
    MetricQuery query() {
        return query.withHistory(history);
    }

    /** @return the CSV peer's query: everything (the text holds only that profile's rows), with the history set */
    MetricQuery csvQuery() {
        return MetricQuery.ALL.withHistory(history);
    }

    /**
     * Makes every later load ask for only the last {@code periods} days.
     *
     * @param periods &ge; 0; 0 for every day
     */
    void history(int periods) {
        if (periods < 0) {
            throw new IllegalArgumentException("history must be >= 0, got " + periods);
        }
        this.history = periods;
    }

    /** @return rows a load keeps: every keyword's day of the history (all days without one) */
    int rowsPerLoad() {
        return history == 0 || history >= days ? rowsPerLoad : rowsPerLoad / days * history;
    }

    int profiles() {
        return profiles;
    }

    BenchDatabase.Kind kind() {
        return database.kind();
    }

    DataSource owner() {
        return database.owner();
    }

    /** @return the query the source runs (its columns, its wrapping), with the profile and the last day as literals */
    String explainableSql() {
        return "SELECT q.date, q.profile_id, q.portfolio, q.campaign_id, q.campaign, q.ad_group_id, q.ad_group, "
                + "q.keyword_id, q.keyword, q.impressions, q.clicks, q.spend, q.sales, q.orders FROM (SELECT * FROM "
                + TABLE + ") q WHERE q.profile_id = '" + profile + "' AND q.date <= DATE '" + last.toLocalDate() + "'";
    }

    @Override
    public void close() {
        database.close();
    }
}
