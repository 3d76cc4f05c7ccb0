package io.ppcanomaly.store.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.service.source.AccountAssembler;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.CsvMetricSource;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.OnError;
import io.ppcanomaly.service.source.ReportColumn;
import io.ppcanomaly.service.source.ReportFormatException;
import io.ppcanomaly.service.source.RowProblem;
import io.ppcanomaly.store.testing.PerformanceTable;
import io.ppcanomaly.store.testing.TestDatabase;
import io.ppcanomaly.store.testing.TestPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JDBC source on H2 and PostgreSQL: the same account as the CSV source reads from the same rows, only the
 * query's profile and periods, columns mapped by name, hourly data, and bad rows exactly as the CSV source treats
 * them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcMetricSourceTest {

    enum Db { H2, POSTGRESQL }

    private static final int DAYS = 40;
    private final Map<Db, DataSource> sources = new EnumMap<>(Db.class);
    private JdbcConnectionPool h2;
    private TestDatabase pg;
    private SampleAccount account;
    private List<PerformanceTable.Row> rows;

    @BeforeAll
    void fill() throws SQLException {
        h2 = JdbcConnectionPool.create("jdbc:h2:mem:jdbc_source;DB_CLOSE_DELAY=-1", "sa", "");
        pg = TestPostgres.get().createDatabase("jdbc_source");
        sources.put(Db.H2, h2);
        sources.put(Db.POSTGRESQL, pg.dataSource());
        account = SyntheticAccountGenerator.generate(SampleConfig.builder().keywords(60).days(DAYS).build());
        rows = PerformanceTable.rows(account, "pr-a", DAYS);
        for (DataSource ds : sources.values()) {
            try (Connection c = ds.getConnection()) {
                PerformanceTable.create(c, "perf");
                PerformanceTable.insert(c, "perf", rows);
                PerformanceTable.insert(c, "perf", PerformanceTable.rows(account, "pr-b", 5));
            }
        }
    }

    @AfterAll
    void close() {
        h2.dispose();
        pg.close();
    }

    /**
     * The planner setting the history's aggregate changes lives only in the read's transaction, and a server without
     * it (a PostgreSQL-compatible one) leaves the read going: the failed statement is rolled back to a savepoint.
     */
    @org.junit.jupiter.api.Test
    void thePlannerSettingIsLocalToTheReadAndAMissingOneDoesNotAbortIt() throws Exception {
        JdbcMetricSource source = JdbcMetricSource.builder(sources.get(Db.POSTGRESQL)).table("perf")
                .build();
        try (Connection c = sources.get(Db.POSTGRESQL).getConnection()) {
            c.setAutoCommit(false);
            assertThat(source.setting(c, "enable_sort", "off")).isEqualTo("on");
            assertThat(source.setting(c, "no_such_planner_setting", "off")).isNull();
            try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SHOW enable_sort")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as("the transaction goes on, the setting still set").isEqualTo("off");
            }
            c.rollback();
            try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SHOW enable_sort")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as("gone with the transaction").isEqualTo("on");
            }
            c.rollback();
        }
        assertThat(source.load(new MetricQuery("pr-a", null, 5)).leafMetrics()).isNotEmpty();
    }

    /** The same leaves, each series with the same start, length and values. */
    private static void assertSameSeries(AccountData actual, AccountData expected) {
        assertThat(actual.leafMetrics().keySet()).isEqualTo(expected.leafMetrics().keySet());
        for (Map.Entry<String, MetricSeries> e : expected.leafMetrics().entrySet()) {
            MetricSeries a = e.getValue();
            MetricSeries b = actual.leafMetrics().get(e.getKey());
            assertThat(b.start()).as(e.getKey()).isEqualTo(a.start());
            assertThat(b.size()).as(e.getKey()).isEqualTo(a.size());
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.at(i)).as(e.getKey() + " at " + i).isEqualTo(a.at(i));
            }
        }
    }

    private void sql(Db db, String... statements) throws SQLException {
        try (Connection c = sources.get(db).getConnection(); Statement s = c.createStatement()) {
            for (String q : statements) {
                s.execute(q);
            }
        }
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Db.class)
    void readsTheSameAccountAsTheCsvSourceFromTheSameRows(Db db) throws IOException {
        AccountData csv = CsvMetricSource.ofText("perf.csv", PerformanceTable.csv(rows), OnError.FAIL)
                .load(MetricQuery.ALL);
        AccountData jdbc = JdbcMetricSource.builder(sources.get(db)).table("perf").build()
                .load(new MetricQuery("pr-a", null));

        assertThat(jdbc.granularity()).isEqualTo(Granularity.DAY);
        assertThat(jdbc.graph().entities()).containsExactlyInAnyOrderElementsOf(csv.graph().entities());
        assertThat(jdbc.leafMetrics().keySet()).isEqualTo(csv.leafMetrics().keySet());
        for (Map.Entry<String, MetricSeries> e : csv.leafMetrics().entrySet()) {
            MetricSeries a = e.getValue();
            MetricSeries b = jdbc.leafMetrics().get(e.getKey());
            assertThat(b.start()).isEqualTo(a.start());
            assertThat(b.size()).isEqualTo(a.size());
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.at(i)).as(e.getKey() + " at " + i).isEqualTo(a.at(i));
            }
        }
        assertThat(jdbc.summary()).isEqualTo(csv.summary());
        assertThat(jdbc.summary().rowsRead()).as("the other profile's rows are never read").isEqualTo(rows.size());
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Db.class)
    void readsOnlyThePeriodsUpToUntil(Db db) throws IOException {
        LocalDate last = rows.stream().map(PerformanceTable.Row::date).max(LocalDate::compareTo).orElseThrow();
        LocalDateTime until = last.minusDays(10).atStartOfDay();
        AccountData data = JdbcMetricSource.builder(sources.get(db)).table("perf").build()
                .load(new MetricQuery("pr-a", until));
        long expected = rows.stream().filter(r -> !r.date().isAfter(until.toLocalDate())).count();
        assertThat(data.summary().rowsRead()).as("later rows are left in the database").isEqualTo(expected);
        assertThat(data.summary().rowsFiltered()).isZero();
        assertThat(data.leafMetrics().values()).allSatisfy(s -> assertThat(s.end()).isBeforeOrEqualTo(until));
    }

    /**
     * A query's history: the later periods, and of the earlier ones only each leaf's latest row — so the account is
     * the one the CSV source builds from every row with the same history (which {@code CsvHistoryTest} checks
     * against the full load): every entity, each series from the history's first period on, zeros where a keyword
     * paused across it, one period of zeros for one that stopped before it.
     */
    @ParameterizedTest(name = "on {0}")
    @EnumSource(Db.class)
    void aHistoryReadsTheLaterPeriodsAndEachLeafsLatestEarlierRowAndBuildsWhatTheCsvSourceBuilds(Db db)
            throws Exception {
        LocalDate last = rows.stream().map(PerformanceTable.Row::date).max(LocalDate::compareTo).orElseThrow();
        LocalDate first = last.minusDays(11);
        List<PerformanceTable.Row> gaps = rows.stream().filter(r -> {
            long d = first.toEpochDay() - r.date().toEpochDay();
            boolean paused = r.keywordId().endsWith("3") && d >= -4 && d <= 6;
            boolean stopped = r.keywordId().endsWith("7") && d <= 3;
            boolean fresh = r.keywordId().endsWith("1") && d >= -2;
            boolean stoppedLater = r.keywordId().endsWith("9") && d <= 3;
            return !paused && !stopped && !fresh && !stoppedLater;
        }).map(r -> {
            // renamed before the history: the latest name must win, for a keyword with later rows ("5") and for one
            // without ("9"), and the name of an id-less row counts too (the leaf key's text holds every column)
            long d = first.toEpochDay() - r.date().toEpochDay();
            boolean renamed = (r.keywordId().endsWith("5") || r.keywordId().endsWith("9")) && d >= 6;
            return renamed ? new PerformanceTable.Row(r.date(), r.profileId(), r.portfolio(), r.campaignId(),
                    r.campaign(), r.adGroupId(), r.adGroup(), r.keywordId(), "old|5:" + r.keyword(), r.impressions(),
                    r.clicks(), r.spend(), r.sales(), r.orders()) : r;
        }).toList();
        String table = "perf_gaps_" + db;
        try (Connection c = sources.get(db).getConnection()) {
            PerformanceTable.create(c, table);
            PerformanceTable.insert(c, table, gaps);
        }
        JdbcMetricSource source = JdbcMetricSource.builder(sources.get(db)).table(table).historyInDatabase(true)
                .build();
        JdbcMetricSource byDefault = JdbcMetricSource.builder(sources.get(db)).table(table).build();
        for (LocalDateTime until : new LocalDateTime[] {null, last.minusDays(3).atStartOfDay()}) {
            MetricQuery q = new MetricQuery("pr-a", until, 12);
            AccountData csv = CsvMetricSource.ofText("gaps.csv", PerformanceTable.csv(gaps), OnError.FAIL).load(q);
            AccountData jdbc = source.load(q);
            // by default only PostgreSQL applies the history in the database; H2 reads every period, and the
            // account is the same
            AccountData other = byDefault.load(q);
            assertThat(other.graph().entities()).containsExactlyInAnyOrderElementsOf(jdbc.graph().entities());
            assertSameSeries(other, jdbc);
            assertThat(other.summary().rowsRead()).isEqualTo(db == Db.POSTGRESQL ? jdbc.summary().rowsRead()
                    : gaps.stream().filter(r -> until == null || !r.date().isAfter(until.toLocalDate())).count());
            assertThat(jdbc.graph().entities()).containsExactlyInAnyOrderElementsOf(csv.graph().entities());
            assertSameSeries(jdbc, csv);
            LocalDateTime end = until == null ? last.atStartOfDay() : until;
            long later = gaps.stream().filter(r -> !r.date().isBefore(end.toLocalDate().minusDays(11))
                    && !r.date().isAfter(end.toLocalDate())).count();
            long earlierLeaves = gaps.stream().filter(r -> r.date().isBefore(end.toLocalDate().minusDays(11)))
                    .map(PerformanceTable.Row::keywordId).distinct().count();
            long earlierNames = gaps.stream().filter(r -> r.date().isBefore(end.toLocalDate().minusDays(11)))
                    .map(r -> r.keywordId() + "\u0000" + r.keyword()).distinct().count();
            assertThat(jdbc.summary().rowsLoaded()).isEqualTo(later);
            assertThat(jdbc.summary().rowsRead()).as("one earlier row per leaf and name is read")
                    .isEqualTo(later + earlierNames);
            assertThat(earlierNames).isGreaterThan(earlierLeaves);
            assertThat(jdbc.graph().entities()).as("the latest names win").noneSatisfy(e -> assertThat(e.name())
                    .startsWith("old|"));
        }
    }

    /**
     * Hours in a timestamp column: the history is pushed down to the hour (the latest earlier row of each leaf is a
     * {@code MAX} of timestamps), and the account is again the CSV source's with the same history — a keyword that
     * stopped before the history, one renamed before it, one paused across its start and one new within it.
     */
    @ParameterizedTest(name = "on {0}")
    @EnumSource(Db.class)
    void aHistoryOfHoursInATimestampColumnBuildsWhatTheCsvSourceBuilds(Db db) throws Exception {
        String table = "hours_ts_" + db;
        sql(db, "CREATE TABLE " + table + " (ts timestamp, profile_id varchar(16), campaign varchar(64), "
                + "ad_group varchar(64), keyword varchar(64), keyword_id varchar(16), impressions integer, "
                + "clicks integer, spend numeric(12, 2), sales numeric(12, 2), orders integer)");
        LocalDateTime t0 = LocalDateTime.of(2026, 3, 1, 0, 0);
        StringBuilder csv = new StringBuilder("date,profile_id,campaign,ad_group,keyword,keyword_id,impressions,"
                + "clicks,spend,sales,orders\n");
        StringBuilder insert = new StringBuilder("INSERT INTO " + table + " VALUES ");
        int n = 0;
        for (int h = 0; h < 60; h++) {
            for (int k = 0; k < 5; k++) {
                boolean skip = (k == 1 && h > 30) || (k == 2 && h >= 35 && h <= 45) || (k == 3 && h < 50);
                if (skip) {
                    continue;
                }
                String name = k == 4 && h < 20 ? "old name " + k : "keyword " + k;
                String campaign = k == 1 && h > 25 ? "Campaign renamed" : "Campaign";
                LocalDateTime t = t0.plusHours(h);
                long imp = 100 + 7L * h + k;
                long clk = (h + k) % 9;
                String spend = String.format(java.util.Locale.ROOT, "%.2f", clk * 0.37);
                csv.append(t.toLocalDate()).append(' ').append(String.format("%02d:00", t.getHour())).append(",pr-h,")
                        .append(campaign).append(",Group,").append(name).append(",id").append(k).append(',')
                        .append(imp).append(',').append(clk).append(',').append(spend).append(",0.00,0\n");
                insert.append(n++ == 0 ? "" : ", ").append("(TIMESTAMP '").append(t.toLocalDate()).append(' ')
                        .append(String.format("%02d:00:00", t.getHour())).append("', 'pr-h', '").append(campaign)
                        .append("', 'Group', '").append(name).append("', 'id").append(k).append("', ").append(imp)
                        .append(", ").append(clk).append(", ").append(spend).append(", 0, 0)");
            }
        }
        sql(db, insert.toString());
        JdbcMetricSource source = JdbcMetricSource.builder(sources.get(db)).table(table)
                .column(ReportColumn.DATE, "ts").granularity(Granularity.HOUR).historyInDatabase(true).build();
        for (LocalDateTime until : new LocalDateTime[] {null, t0.plusHours(55)}) {
            MetricQuery q = new MetricQuery("pr-h", until, 20);
            AccountData fromCsv = CsvMetricSource.ofText("hours.csv", csv.toString(), OnError.FAIL).load(q);
            AccountData jdbc = source.load(q);
            assertThat(jdbc.granularity()).isEqualTo(Granularity.HOUR);
            assertThat(jdbc.graph().entities()).containsExactlyInAnyOrderElementsOf(fromCsv.graph().entities());
            assertThat(jdbc.leafMetrics()).hasSize(5);
            assertSameSeries(jdbc, fromCsv);
            LocalDateTime end = until == null ? t0.plusHours(59) : until;
            LocalDateTime first = end.minusHours(19);
            assertThat(jdbc.leafMetrics().values()).as("all but the new keyword's series start at the history's")
                    .filteredOn(m -> m.start().equals(first)).hasSize(4);
            // read: the history's rows, and one per leaf and name before it (keyword 0 and 4 and the stopped 1,
            // whose campaign was renamed, and the paused 2; the new 3 had none); with an until, the later rows
            // are left out by the database
            long later = fromCsv.summary().rowsLoaded();
            assertThat(jdbc.summary().rowsLoaded()).isEqualTo(later);
            assertThat(jdbc.summary().rowsRead()).isEqualTo(later + 6);
            assertThat(jdbc.graph().entities()).anySatisfy(x -> assertThat(x.name()).isEqualTo("Campaign renamed"))
                    .noneSatisfy(x -> assertThat(x.name()).startsWith("old name"));
        }
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Db.class)
    void mapsRenamedColumnsAndReadsANumericProfileWithAnHourColumn(Db db) throws Exception {
        sql(db, "CREATE TABLE hourly_" + db + " (stat_day date, hr integer, advertiser bigint, cmp varchar(64), "
                        + "grp varchar(64), kw varchar(64), imps integer, clk integer, cost numeric(12, 2), "
                        + "revenue double precision, conversions numeric(8, 0))",
                "INSERT INTO hourly_" + db + " VALUES ('2026-03-01', 0, 3712345678901234, 'C', 'G', 'k1', 10, 1, "
                        + "0.50, 0, 0), ('2026-03-01', 23, 3712345678901234, 'C', 'G', 'k1', 20, 2, 1.25, 19.99, 1), "
                        + "('2026-03-02', 5, 3712345678901234, 'C', 'G', 'k1', 30, 3, 2.00, 0, 0), "
                        + "('2026-03-01', 3, 99, 'X', 'Y', 'other', 5, 0, 0, 0, 0)");
        JdbcMetricSource source = JdbcMetricSource.builder(sources.get(db)).table("hourly_" + db)
                .column(ReportColumn.DATE, "STAT_DAY").column(ReportColumn.HOUR, "hr")
                .column(ReportColumn.PROFILE_ID, "advertiser").column(ReportColumn.CAMPAIGN, "cmp")
                .column(ReportColumn.AD_GROUP, "grp").column(ReportColumn.KEYWORD, "kw")
                .column(ReportColumn.IMPRESSIONS, "imps").column(ReportColumn.CLICKS, "clk")
                .column(ReportColumn.SPEND, "cost").column(ReportColumn.SALES, "revenue")
                .column(ReportColumn.ORDERS, "conversions").build();
        AccountData data = source.load(new MetricQuery("3712345678901234",
                LocalDateTime.of(2026, 3, 2, 4, 0)));
        assertThat(data.granularity()).isEqualTo(Granularity.HOUR);
        MetricSeries k = data.leafMetrics().get("/C/G/k1");
        assertThat(k.start()).isEqualTo(LocalDateTime.of(2026, 3, 1, 0, 0));
        assertThat(k.end()).as("hour 5 of the last day is after until").isEqualTo(LocalDateTime.of(2026, 3, 1, 23, 0));
        assertThat(k.spend(23)).isEqualTo(1.25);
        assertThat(k.orders(23)).isEqualTo(1);
        assertThat(data.summary().rowsFiltered()).as("read, then left out by the hour").isEqualTo(1);
        assertThat(data.graph().get("3712345678901234").type().wireName()).isEqualTo("profile");

        // 20 hours ending at the last row (03-02 05:00) start at 03-01 10:00. With the hour in a column of its own
        // the table is read whole (the latest hour of a leaf's day is not found in the database) and the history
        // applied after reading: 03-01's row before 10:00 is filtered.
        AccountData last20 = source.load(new MetricQuery("3712345678901234", null, 20));
        MetricSeries h = last20.leafMetrics().get("/C/G/k1");
        assertThat(h.start()).isEqualTo(LocalDateTime.of(2026, 3, 1, 10, 0));
        assertThat(h.size()).isEqualTo(20);
        assertThat(h.impressions(0)).isZero();
        assertThat(h.impressions(13)).isEqualTo(20);
        assertThat(last20.summary().rowsRead()).isEqualTo(3);
        assertThat(last20.summary().rowsFiltered()).isEqualTo(1);
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Db.class)
    void badRowsFailNamingColumnValueAndKeywordOrAreSkippedAndCounted(Db db) throws Exception {
        String t = "bad_" + db;
        sql(db, "CREATE TABLE " + t + " (date varchar(32), campaign varchar(64), ad_group varchar(64), "
                        + "keyword varchar(64), impressions integer, clicks integer, spend double precision, "
                        + "sales double precision, orders double precision)",
                "INSERT INTO " + t + " VALUES ('2026-03-01', 'C', 'G', 'k1', 10, 1, 0.5, 0, 0), "
                        + "('2026-03-02', 'C', 'G', 'k1', 10, 12, 0.5, 0, 0), "
                        + "('2026-03-03', 'C', 'G', 'k1', 10, 1, -2, 0, 0), "
                        + "('2026-03-04', 'C', 'G', 'k1', 10, 1, 0.5, 0, 1.5), "
                        + "('03/05/2026', 'C', 'G', 'k1', 10, 1, 0.5, 0, 0), "
                        + "('2026-03-06', 'C', ' ', 'k1', 10, 1, 0.5, 0, 0), "
                        + "('2026-03-07', 'C', 'G', 'k1', NULL, 1, 0.5, 0, 0), "
                        + "('2026-03-01', 'C', 'G', 'k1', 10, 1, 0.5, 0, 0)");
        JdbcMetricSource.Builder b = JdbcMetricSource.builder(sources.get(db))
                .query("SELECT * FROM " + t + " WHERE date <> '03/05/2026' OR campaign = 'C';");
        assertThatThrownBy(() -> b.build().load(MetricQuery.ALL)).isInstanceOf(ReportFormatException.class)
                .hasMessageContaining("clicks must be <= impressions (10)")
                .hasMessageMatching("(?is).*column '(clicks|CLICKS)'.*keyword 'k1' on 2026-03-02.*got '12'.*");

        AccountData data = b.onError(OnError.SKIP).build().load(MetricQuery.ALL);
        assertThat(data.summary().rowsRead()).isEqualTo(8);
        assertThat(data.summary().rowsLoaded()).isEqualTo(1);
        assertThat(data.summary().skippedBy()).containsOnly(Map.entry(RowProblem.CLICKS_EXCEED_IMPRESSIONS, 1L),
                Map.entry(RowProblem.NEGATIVE, 1L), Map.entry(RowProblem.NOT_WHOLE, 1L),
                Map.entry(RowProblem.BAD_DATE, 1L), Map.entry(RowProblem.MISSING_VALUE, 2L),
                Map.entry(RowProblem.DUPLICATE, 1L));
        assertThat(data.graph().get(AccountAssembler.DEFAULT_PROFILE)).as("no profile column: the default root")
                .isNotNull();
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Db.class)
    void aMissingColumnAnUnknownProfileOrABadMappingIsRefusedClearly(Db db) {
        DataSource ds = sources.get(db);
        assertThatThrownBy(() -> JdbcMetricSource.builder(ds).query("SELECT date, campaign, ad_group, keyword, "
                + "impressions, clicks, sales FROM perf").build().load(MetricQuery.ALL))
                .isInstanceOf(ReportFormatException.class)
                .hasMessageContaining("missing required columns spend (or spend / cost), orders");
        assertThatThrownBy(() -> JdbcMetricSource.builder(ds).table("perf").build()
                .load(new MetricQuery("pr-zz", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("profile must be one present in table perf").hasMessageContaining("'pr-zz'");
        assertThatThrownBy(() -> JdbcMetricSource.builder(ds).table("perf").column(ReportColumn.SPEND, "cost_usd")
                .build().load(MetricQuery.ALL))
                .isInstanceOf(ReportFormatException.class)
                .hasMessageContaining("the column mapped to spend, 'cost_usd', is not among the query's columns");
        assertThatThrownBy(() -> JdbcMetricSource.builder(ds).table("perf; DROP TABLE perf"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table must be an identifier");
        assertThatThrownBy(() -> JdbcMetricSource.builder(ds).table("no_such_table").build().load(MetricQuery.ALL))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot read table no_such_table");
    }
}
