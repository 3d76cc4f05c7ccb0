package io.ppcanomaly.bench.store;

import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.monitor.AnomalyMonitor;
import io.ppcanomaly.monitor.LevelRun;
import io.ppcanomaly.monitor.MonitorConfig;
import io.ppcanomaly.monitor.ProfileSettings;
import io.ppcanomaly.monitor.RunResult;
import io.ppcanomaly.monitor.registry.ModelRegistry;
import io.ppcanomaly.monitor.registry.ModelVersion;
import io.ppcanomaly.monitor.registry.VersionOrigin;
import io.ppcanomaly.monitor.registry.VersionStatus;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.source.JdbcMetricSource;
import io.ppcanomaly.store.testing.PerformanceTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The monitor's scheduled run reading the host's performance table on PostgreSQL: one profile of {@code keywords}
 * keywords × {@code days} days in {@code ppc_keyword_daily} (index on {@code (profile_id, date)}), the keyword level
 * with the default detection (the ensemble), each run judging the next day and storing in an embedded H2 store. Three
 * monitors judge the same days, one run each in turn, with the same champion (trained once, registered in the other
 * two stores):
 * <ul>
 *   <li>{@code in database}: the monitor asks for its levels' history and the source applies it in PostgreSQL;</li>
 *   <li>{@code after reading}: the same history, the source reading every day and the assembler keeping the
 *       history ({@code historyInDatabase(false)});</li>
 *   <li>{@code every period}: the query's history dropped, as the monitor read before it asked for one.</li>
 * </ul>
 * Prints each run's {@link RunResult#loadMillis()} and {@link RunResult#millis()} and their medians, and checks that
 * the three give the same alerts.
 *
 * <pre>
 * java -Xms2g -Xmx2g -cp anomaly-benchmarks/target/benchmarks.jar io.ppcanomaly.bench.store.MonitorTickRun \
 *      --days 365 --keywords 1000 --runs 10
 * </pre>
 */
public final class MonitorTickRun {

    private static final String PROFILE = "pr-01";

    private MonitorTickRun() {
    }

    /**
     * @param args {@code --days N --keywords N --runs N} (runs: days judged after the first, each by all three)
     * @throws Exception when the database or a run fails
     */
    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Map<String, String> a = new HashMap<>(Map.of("--days", "365", "--keywords", "1000", "--runs", "10"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        int days = Integer.parseInt(a.get("--days"));
        int keywords = Integer.parseInt(a.get("--keywords"));
        int runs = Integer.parseInt(a.get("--runs"));
        SampleAccount account = SyntheticAccountGenerator.generate(SampleConfig.DEFAULT.withKeywords(keywords)
                .withDays(days));
        try (BenchDatabase db = BenchDatabase.open("postgresql")) {
            List<PerformanceTable.Row> rows = PerformanceTable.rows(account, PROFILE, days);
            Map<LocalDate, List<PerformanceTable.Row>> byDay = rows.stream().collect(Collectors.groupingBy(
                    PerformanceTable.Row::date, TreeMap::new, Collectors.toList()));
            try (Connection c = db.owner().getConnection()) {
                PerformanceTable.create(c, PerformanceBench.TABLE);
                for (List<PerformanceTable.Row> day : byDay.values()) {
                    PerformanceTable.insert(c, PerformanceBench.TABLE, day);
                }
            }
            db.execute("VACUUM ANALYZE " + PerformanceBench.TABLE);
            JdbcMetricSource inDb = JdbcMetricSource.builder(db.owner()).table(PerformanceBench.TABLE).build();
            JdbcMetricSource after = JdbcMetricSource.builder(db.owner()).table(PerformanceBench.TABLE)
                    .historyInDatabase(false).build();
            String[] names = {"in database", "after reading", "every period"};
            MetricSource[] sources = {inDb, after, everyPeriod(inDb)};
            List<Path> dirs = new ArrayList<>();
            List<AlertStore> stores = new ArrayList<>();
            List<AnomalyMonitor> monitors = new ArrayList<>();
            ProfileId profile = ProfileId.of(PROFILE);
            LocalDateTime first = account.end().minusDays(runs);
            try {
                for (MetricSource s : sources) {
                    Path dir = Files.createTempDirectory("monitor-tick");
                    dirs.add(dir);
                    AlertStore store = AlertStore.embedded(dir);
                    stores.add(store);
                    monitors.add(AnomalyMonitor.builder().config(MonitorConfig.builder()
                            .profile(ProfileSettings.of(PROFILE)).instanceId("bench").build()).store(store)
                            .source(s).discoverExtensions(false).build());
                }
                long t0 = System.nanoTime();
                RunResult trained = monitors.get(0).runOnce(profile, first);
                check(trained);
                System.out.printf(Locale.ROOT, "%n### %,d rows (%d keywords × %d days) on PostgreSQL; first model "
                        + "trained and day %s judged in %,d ms; load average %s%n%n", rows.size(), keywords, days,
                        first.toLocalDate(), (System.nanoTime() - t0) / 1_000_000, JdbcSourceRun.loadAverage());
                ModelVersion champion = new ModelRegistry(stores.get(0)).versions(profile,
                        io.ppcanomaly.api.model.EntityType.KEYWORD).get(0);
                for (int m = 1; m < monitors.size(); m++) {
                    new ModelRegistry(stores.get(m)).register(profile, new ModelRegistry(stores.get(0))
                            .load(profile, champion.id()), VersionStatus.CHAMPION, VersionOrigin.IMPORTED, null);
                    check(monitors.get(m).runOnce(profile, first));
                }
                long[][] load = new long[sources.length][runs];
                long[][] total = new long[sources.length][runs];
                long[][] read = new long[sources.length][runs];
                for (int r = 0; r < runs; r++) {
                    LocalDateTime day = first.plusDays(r + 1);
                    List<String> alerts = null;
                    for (int m = 0; m < monitors.size(); m++) {
                        RunResult res = monitors.get(m).runOnce(profile, day);
                        check(res);
                        load[m][r] = res.loadMillis();
                        total[m][r] = res.millis();
                        LevelRun level = res.levels().get(0);
                        read[m][r] = level.report().map(rep -> rep.load().rowsRead()).orElse(-1L);
                        List<String> got = level.report().map(rep -> rep.alerts().stream()
                                .map(x -> x.entityId() + " " + x.period() + " " + x.anomalyScore()).sorted().toList())
                                .orElse(List.of());
                        if (alerts == null) {
                            alerts = got;
                        } else if (!alerts.equals(got)) {
                            throw new IllegalStateException(names[m] + " judged " + day + " differently");
                        }
                    }
                }
                System.out.println("| monitor read | runs | rows read | load median (ms) | run median (ms) | loads (ms) |");
                System.out.println("|---|---:|---:|---:|---:|---|");
                for (int m = 0; m < monitors.size(); m++) {
                    System.out.printf(Locale.ROOT, "| %s | %d | %,d | %d | %d | %s |%n", names[m], runs,
                            median(read[m]), median(load[m]), median(total[m]), Arrays.toString(load[m]));
                }
                System.out.printf(Locale.ROOT, "%nSame alerts from all three on every day; load average after: %s%n",
                        JdbcSourceRun.loadAverage());
            } finally {
                for (AnomalyMonitor m : monitors) {
                    m.close();
                }
                for (AlertStore s : stores) {
                    s.close();
                }
                for (Path d : dirs) {
                    try (var files = Files.walk(d)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            }
        }
    }

    /** The source, every query's history dropped: how the monitor read before it asked for one. */
    private static MetricSource everyPeriod(MetricSource s) {
        return new MetricSource() {
            @Override
            public String description() {
                return s.description();
            }

            @Override
            public AccountData load(MetricQuery q) throws IOException {
                return s.load(q.withHistory(0));
            }
        };
    }

    private static void check(RunResult r) {
        if (r.outcome() != RunResult.Outcome.COMPLETED) {
            throw new IllegalStateException(r.summary());
        }
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
