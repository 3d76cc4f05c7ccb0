package io.ppcanomaly.monitor.testing;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.monitor.MonitorConfig;
import io.ppcanomaly.monitor.ProfileSettings;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.DetectionRequest;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.store.ProfileId;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;

/**
 * Accounts and configurations for the monitor's tests: a generated account with labelled incidents (the sample
 * generator, smaller), and a fast real detector — the ensemble with Half-Space Trees as its only member, a streaming
 * detector whose state is nested in the ensemble's stream, with the isolation forest, flagging at 0.99 — with the
 * real explainer and root-cause analyzer.
 */
public final class Fixtures {

    /** The sample generator's profile id, which every monitored test profile maps to in the source. */
    public static final String SOURCE_PROFILE = "pr-01";

    private Fixtures() {
    }

    /** @return a generated account: {@code keywords} keywords, {@code days} days, incidents in the last 30 */
    public static SampleAccount account(int keywords, int days, long seed) {
        return SyntheticAccountGenerator.generate(SampleConfig.DEFAULT.withKeywords(keywords).withDays(days)
                .withSeed(seed));
    }

    /** @return the account as an in-memory source */
    public static InMemoryMetricSource source(SampleAccount a) {
        return InMemoryMetricSource.of("test account", new AccountData(a.graph(), a.granularity(), a.keywordSeries(),
                LoadSummary.NONE));
    }

    /** @return the fast detection template: ensemble of Half-Space Trees and the isolation forest, seeded */
    public static DetectionRequest detection() {
        Properties o = new Properties();
        o.setProperty("members", "half-space-trees:0.6,isolation-forest:0.4");
        o.setProperty("member.half-space-trees.seed", "11");
        o.setProperty("threshold", "0.99");
        return DetectionRequest.builder().detector("ensemble").detectorOptions(o).build();
    }

    /** @return a config monitoring {@code profiles} (each mapped to the source's profile) at {@code levels} */
    public static MonitorConfig.Builder config(List<EntityType> levels, String... profiles) {
        MonitorConfig.Builder b = MonitorConfig.builder().detection(detection()).instanceId("test-instance");
        for (String p : profiles) {
            b.profile(new ProfileSettings(ProfileId.of(p), SOURCE_PROFILE, levels));
        }
        return b;
    }

    /** @return alerts as comparable lines: entity, period, exact score, start, severity, root causes */
    public static List<String> describe(Collection<Alert> alerts) {
        List<String> out = new ArrayList<>();
        for (Alert a : alerts) {
            out.add(a.entityType().wireName() + " " + a.entityId() + "@" + a.period() + " score=" + a.anomalyScore()
                    + " start=" + a.anomalyStart() + " " + a.severity() + " causes=" + a.rootCauses()
                    + " kpis=" + a.kpiChanges());
        }
        out.sort(null);
        return out;
    }

    /** @return the day {@code n} days before the account's last day */
    public static LocalDateTime daysBeforeEnd(SampleAccount a, int n) {
        return a.end().minusDays(n);
    }
}
