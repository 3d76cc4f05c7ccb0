package io.ppcanomaly.bench;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.monitor.AnomalyMonitor;
import io.ppcanomaly.monitor.MonitorConfig;
import io.ppcanomaly.monitor.ProfileSettings;
import io.ppcanomaly.monitor.RetrainResult;
import io.ppcanomaly.monitor.RunResult;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.store.AlertFilter;
import io.ppcanomaly.store.AlertPage;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.Page;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoredAlert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Retraining of a 1,000-keyword profile, timed: the built-in sample (1,000 keywords, 90 days), the monitor judging
 * days 61 to 90 one run at a time (its first model trained on the first 60), every stored alert labelled as a person
 * would (true when it matches a labelled incident, false otherwise), then {@code retrain}: the challenger trained on
 * the data before the 14 shadow days with the labels, its shadow run over those days, the comparison with the
 * champion, the registration. Bar: &le; 60 s. Prints the daily runs' times, the retraining's time and its decision.
 *
 * <pre>
 * java -cp anomaly-benchmarks/target/benchmarks.jar io.ppcanomaly.bench.MonitorRetrainRun
 * </pre>
 */
public final class MonitorRetrainRun {

    private MonitorRetrainRun() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) throws Exception {
        SampleAccount a = SyntheticAccountGenerator.generate(SampleConfig.DEFAULT);
        Path dir = Files.createTempDirectory("monitor-retrain");
        ProfileId p = ProfileId.of("pr-01");
        MonitorConfig config = MonitorConfig.builder().profile(ProfileSettings.of("pr-01")).instanceId("bench")
                .build();
        try (AlertStore store = AlertStore.embedded(dir.resolve("store"));
             AnomalyMonitor m = AnomalyMonitor.builder().config(config).store(store).source(InMemoryMetricSource.of(
                     "sample", new AccountData(a.graph(), a.granularity(), a.keywordSeries(), LoadSummary.NONE)))
                     .discoverExtensions(false).build()) {
            for (LocalDateTime d = a.start().plusDays(60); !d.isAfter(a.end()); d = d.plusDays(1)) {
                RunResult r = m.runOnce(p, d);
                System.out.println(r.summary());
            }
            int truths = 0;
            int falses = 0;
            List<StoredAlert> alerts = new ArrayList<>();
            AlertPage page = store.active(p, AlertFilter.builder().build(), Page.first(Page.MAX_LIMIT));
            alerts.addAll(page.alerts());
            while (page.hasMore()) {
                page = store.active(p, AlertFilter.builder().build(), page.page().next());
                alerts.addAll(page.alerts());
            }
            for (StoredAlert s : alerts) {
                boolean truth = a.incidentAt(s.entityId(), s.period()).isPresent();
                store.feedback(p, s.id(), truth, "benchmark");
                if (truth) {
                    truths++;
                } else {
                    falses++;
                }
            }
            System.out.printf(Locale.ROOT, "labelled %d alerts true, %d false%n", truths, falses);
            long t0 = System.nanoTime();
            for (RetrainResult r : m.retrain(p)) {
                System.out.println(r.summary());
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf(Locale.ROOT, "retraining of the %d-keyword profile (%s level): %d ms%n",
                    a.keywordIds().size(), EntityType.KEYWORD.wireName(), ms);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
