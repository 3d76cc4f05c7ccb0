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
import java.time.LocalDateTime;
import java.util.List;
import javax.sql.DataSource;

/**
 * A host's performance table for the JDBC metric source's benchmarks: {@code profiles} profiles of {@code keywords}
 * keywords × {@code days} days each in {@code ppc_keyword_daily} (index on {@code (profile_id, date)}, as the store's
 * README tells hosts), the source reading the middle profile up to its last day, and the CSV source holding the same
 * rows in memory as the peer.
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
    private final int profiles;

    private PerformanceBench(BenchDatabase database, JdbcMetricSource jdbc, CsvMetricSource csv, String profile,
                             LocalDateTime last, int rowsPerLoad, int profiles) {
        this.database = database;
        this.jdbc = jdbc;
        this.csv = csv;
        this.profile = profile;
        this.last = last;
        this.query = new MetricQuery(profile, last);
        this.rowsPerLoad = rowsPerLoad;
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
            try (Connection c = database.owner().getConnection()) {
                PerformanceTable.create(c, TABLE);
                for (int p = 0; p < profiles; p++) {
                    List<PerformanceTable.Row> rows = PerformanceTable.rows(account, "prof-" + p, days);
                    PerformanceTable.insert(c, TABLE, rows);
                    if (p == profiles / 2) {
                        one = rows;
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
            return new PerformanceBench(database, b.build(), csv, "prof-" + profiles / 2, last, one.size(), profiles);
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

    /** @return the JDBC source's query: the middle profile up to its last day */
    MetricQuery query() {
        return query;
    }

    /** @return the CSV peer's query: everything (the text holds only that profile's rows) */
    MetricQuery csvQuery() {
        return MetricQuery.ALL;
    }

    int rowsPerLoad() {
        return rowsPerLoad;
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

    /** @return the query the source runs, with the profile and the last day as literals */
    String explainableSql() {
        return "SELECT * FROM " + TABLE + " q WHERE q.profile_id = '" + profile + "' AND q.date <= DATE '"
                + last.toLocalDate() + "'";
    }

    @Override
    public void close() {
        database.close();
    }
}
