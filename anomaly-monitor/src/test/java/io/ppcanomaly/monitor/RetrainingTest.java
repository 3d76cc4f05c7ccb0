package io.ppcanomaly.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.api.sample.Incident;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.monitor.registry.ModelVersion;
import io.ppcanomaly.monitor.registry.ShadowEvaluation;
import io.ppcanomaly.monitor.registry.VersionOrigin;
import io.ppcanomaly.monitor.registry.VersionStatus;
import io.ppcanomaly.monitor.retrain.RetrainPolicy;
import io.ppcanomaly.monitor.testing.Fixtures;
import io.ppcanomaly.monitor.testing.MutableClock;
import io.ppcanomaly.monitor.testing.Scripted;
import io.ppcanomaly.monitor.testing.TestStores;
import io.ppcanomaly.monitor.testing.TestStores.Db;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.store.AlertFilter;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.Page;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoredAlert;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Retraining from feedback on a generated account with a scripted pattern people call a false alarm — a deliberate
 * bid boost (CPC and traffic up together) on a few keywords, twelve days before the end, and again three days before
 * the end — next to the generator's labelled incidents. After labelling the boost alerts false and the incident
 * alerts true, retraining promotes a challenger (its figures recorded) and the boost stops alerting while the true
 * incidents still alert; the same retraining without feedback alerts the boost again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetrainingTest {

    /**
     * The boosted keywords: the five with the most clicks that no incident touches and that had three clicks or more on
     * both boosted days (a day without clicks cannot show a CPC boost), where the pattern is clear of day-to-day noise and
     * of the true incidents.
     */
    private List<String> boosted;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T06:00:00Z"));
    private TestStores db;
    private SampleAccount account;
    private MetricSource source;
    private LocalDateTime end;

    @BeforeAll
    void setUp() {
        db = TestStores.create(Db.H2, "retraining");
        account = Fixtures.account(200, 75, 2);
        end = account.end();
        Set<String> touched = new HashSet<>();
        account.incidents().forEach(i -> touched.addAll(i.affectedKeywordIds()));
        boosted = account.keywordSeries().values().stream()
                .filter(m -> m.clicks(m.indexOf(end.minusDays(12))) >= 3 && m.clicks(m.indexOf(end.minusDays(3))) >= 3)
                .filter(m -> !touched.contains(m.entityId()) || touched.size() == account.keywordIds().size()
                        && account.incidents().stream().filter(i -> i.affectedKeywordIds().contains(m.entityId()))
                        .allMatch(i -> i.kind() == io.ppcanomaly.api.sample.IncidentKind.REPORTING_OUTAGE))
                .sorted(java.util.Comparator.comparingLong((MetricSeries m) -> {
                    long c = 0;
                    for (int i = 0; i < m.size(); i++) {
                        c += m.clicks(i);
                    }
                    return -c;
                })).limit(5).map(MetricSeries::entityId).toList();
        Map<String, MetricSeries> s = Scripted.boost(account.keywordSeries(), boosted, end.minusDays(12), 3.0, 2.0);
        s = Scripted.boost(s, boosted, end.minusDays(3), 3.0, 2.0);
        source = InMemoryMetricSource.of("boosted account", new AccountData(account.graph(), account.granularity(), s,
                LoadSummary.NONE));
    }

    @AfterAll
    void tearDown() throws Exception {
        db.close();
    }

    private static final double TOLERANCE = 0.05;

    /**
     * A monitor retraining on the last 7 days, allowing the challenger a false-alert rate 5% above the champion's:
     * two fits of this 200-keyword account differ by about one unlabelled alert in 1,400 windows (since Half-Space
     * Trees learn a period in entity order the challenger raises 35 alerts where the champion raises 34), which at
     * the default tolerance of 0 would keep the champion however many labelled false alerts the challenger drops.
     * The tolerance-0 rule itself is {@code ShadowComparisonTest}'s.
     */
    private AnomalyMonitor monitor(AlertStore store, String profile, boolean feedback) {
        MonitorConfig config = Fixtures.config(List.of(EntityType.KEYWORD), profile)
                .retraining(new RetrainPolicy(7, feedback, RetrainPolicy.DEFAULT.radius(), 10_000, TOLERANCE)).build();
        return AnomalyMonitor.builder().config(config).store(store).source(source).clock(clock)
                .service(new AnomalyService(clock)).discoverExtensions(false).build();
    }

    private boolean trueIncident(StoredAlert a) {
        return account.incidentAt(a.entityId(), a.period()).map(Incident::kind)
                .filter(k -> k != io.ppcanomaly.api.sample.IncidentKind.REPORTING_OUTAGE).isPresent();
    }

    /** Runs days end-15 .. end-6, labels the boost alerts false and the incident alerts true; @return labels given */
    private int[] liveThenLabel(AlertStore store, AnomalyMonitor m, ProfileId p) {
        for (int d = 15; d >= 6; d--) {
            RunResult r = m.runOnce(p, end.minusDays(d));
            assertThat(r.outcome()).as(r.summary()).isEqualTo(RunResult.Outcome.COMPLETED);
        }
        int falses = 0;
        int truths = 0;
        for (StoredAlert a : store.active(p, AlertFilter.builder().build(), Page.first(1000)).alerts()) {
            if (boosted.contains(a.entityId()) && a.period().equals(end.minusDays(12))) {
                store.feedback(p, a.id(), false, "ana");
                falses++;
            } else if (trueIncident(a)) {
                store.feedback(p, a.id(), true, "ana");
                truths++;
            }
        }
        return new int[] {falses, truths};
    }

    private List<Alert> liveAfter(AnomalyMonitor m, ProfileId p, List<LevelRun> runs) {
        List<Alert> out = new ArrayList<>();
        for (int d = 5; d >= 0; d--) {
            RunResult r = m.runOnce(p, end.minusDays(d));
            assertThat(r.outcome()).as(r.summary()).isEqualTo(RunResult.Outcome.COMPLETED);
            runs.addAll(r.levels());
            r.levels().forEach(l -> l.report().ifPresent(rep -> out.addAll(rep.alerts())));
        }
        return out;
    }

    private Set<String> boostAlerts(List<Alert> alerts) {
        Set<String> out = new HashSet<>();
        for (Alert a : alerts) {
            if (boosted.contains(a.entityId()) && a.period().equals(end.minusDays(3))) {
                out.add(a.entityId());
            }
        }
        return out;
    }

    @Test
    void aPatternLabelledFalseStopsAlertingAfterRetrainingWhileTrueIncidentsStillAlert() {
        ProfileId taught = ProfileId.of("taught");
        ProfileId control = ProfileId.of("control");
        AlertStore store = db.open(clock);
        List<LevelRun> taughtRuns = new ArrayList<>();
        int[] labelsGiven = new int[2];
        List<Alert> taughtAfter;
        try (AnomalyMonitor m = monitor(store, "taught", true)) {
            int[] labels = liveThenLabel(store, m, taught);
            labelsGiven[0] = labels[0];
            labelsGiven[1] = labels[1];
            assertThat(labels[0]).as("boost alerts labelled false").isPositive();
            assertThat(labels[1]).as("incident alerts labelled true").isPositive();
            List<RetrainResult> r = m.retrain(taught);
            assertThat(r).singleElement().satisfies(x -> {
                assertThat(x.outcome()).as(x.summary()).isEqualTo(RetrainResult.Outcome.PROMOTED);
                ShadowEvaluation e = x.evaluation().orElseThrow();
                assertThat(e.labelledFalse()).isEqualTo(labels[0]);
                assertThat(e.challenger().alertedFalse()).isZero();
                assertThat(e.champion().alertedFalse()).isEqualTo(labels[0]);
                assertThat(e.challenger().caughtTrue()).isEqualTo(e.champion().caughtTrue());
                assertThat(e.challenger().falseAlertRate()).isLessThanOrEqualTo(e.champion().falseAlertRate()
                        * (1 + TOLERANCE));
            });
            List<ModelVersion> versions = m.registry().versions(taught, EntityType.KEYWORD);
            assertThat(versions).hasSize(2);
            assertThat(versions.get(0)).satisfies(v -> {
                assertThat(v.status()).isEqualTo(VersionStatus.CHAMPION);
                assertThat(v.origin()).isEqualTo(VersionOrigin.RETRAINED);
                assertThat(v.hasFeedback()).isTrue();
                assertThat(v.validation()).isPresent();
                assertThat(v.trainedThrough()).isEqualTo(end.minusDays(13));
            });
            assertThat(versions.get(1).status()).isEqualTo(VersionStatus.RETIRED);
            taughtAfter = liveAfter(m, taught, taughtRuns);
            var f = m.registry().feedback(taught, versions.get(0).id());
            assertThat(f.examples()).hasSize(labelsGiven[0] + labelsGiven[1]);
            assertThat(f.scales()).containsOnlyKeys("ctr", "cpc", "acos", "cvr", "impressions", "spend");
        }
        List<Alert> controlAfter;
        try (AnomalyMonitor m = monitor(store, "control", false)) {
            liveThenLabel(store, m, control);
            List<RetrainResult> r = m.retrain(control);
            if (r.get(0).outcome() == RetrainResult.Outcome.KEPT) {
                // the control judges with the retrained model either way: only the feedback differs
                m.rollback(control, EntityType.KEYWORD, r.get(0).challenger().orElseThrow().id());
            }
            controlAfter = liveAfter(m, control, new ArrayList<>());
        }
        assertThat(boostAlerts(controlAfter)).as("without feedback the boost alerts again").isNotEmpty();
        assertThat(boostAlerts(taughtAfter)).as("with feedback it does not").isEmpty();
        assertThat(taughtRuns.stream().mapToInt(LevelRun::suppressed).sum()).as("kept back, not lost").isPositive();
        Set<String> incidentsCaught = new HashSet<>();
        Set<String> incidentsCaughtControl = new HashSet<>();
        for (Incident i : account.incidents()) {
            if (i.end().isBefore(end.minusDays(5)) || i.kind() == io.ppcanomaly.api.sample.IncidentKind.REPORTING_OUTAGE) {
                continue;
            }
            for (Alert a : taughtAfter) {
                if (i.affectedKeywordIds().contains(a.entityId()) && !a.period().isBefore(i.start())
                        && !a.period().isAfter(i.end())) {
                    incidentsCaught.add(i.id());
                }
            }
            for (Alert a : controlAfter) {
                if (i.affectedKeywordIds().contains(a.entityId()) && !a.period().isBefore(i.start())
                        && !a.period().isAfter(i.end())) {
                    incidentsCaughtControl.add(i.id());
                }
            }
        }
        assertThat(incidentsCaughtControl).as("incidents of the last days the control catches").isNotEmpty();
        assertThat(incidentsCaught).as("true incidents still alert").isEqualTo(incidentsCaughtControl);
    }
    @Test
    void aChallengerWithoutChampionFiguresToBeatIsKeptAsRejectedWithItsFiguresAndTheStateIsUntouched()
            throws Exception {
        ProfileId p = ProfileId.of("kept");
        AlertStore store = db.open(clock);
        try (AnomalyMonitor m = monitor(store, "kept", true)) {
            assertThat(m.retrain(p)).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo(RetrainResult.Outcome.SKIPPED);
                assertThat(r.detail()).startsWith("nothing judged yet");
            });
            for (int d = 3; d >= 0; d--) {
                m.runOnce(p, end.minusDays(d));
            }
            var before = m.watermark(p, EntityType.KEYWORD).orElseThrow();
            db.sql("DELETE FROM anomaly_monitor_periods WHERE profile_id = 'kept'");
            assertThat(m.retrain(p)).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo(RetrainResult.Outcome.KEPT);
                assertThat(r.detail()).contains("the champion judged none of the shadow periods");
                assertThat(r.challenger().orElseThrow().status()).isEqualTo(VersionStatus.REJECTED);
                assertThat(r.challenger().orElseThrow().validation()).contains(r.evaluation().orElseThrow());
            });
            assertThat(m.watermark(p, EntityType.KEYWORD)).contains(before);
            assertThat(m.registry().champion(p, EntityType.KEYWORD).orElseThrow().origin())
                    .isEqualTo(VersionOrigin.INITIAL);
        }
    }
}
