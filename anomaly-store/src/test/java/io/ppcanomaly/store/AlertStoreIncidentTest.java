package io.ppcanomaly.store;

import static io.ppcanomaly.store.Reports.alert;
import static io.ppcanomaly.store.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.DetectionRequest;
import io.ppcanomaly.service.TrainedModel;
import io.ppcanomaly.service.incident.AlertRef;
import io.ppcanomaly.service.incident.Incident;
import io.ppcanomaly.service.incident.IncidentGrouper;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import io.ppcanomaly.service.source.MetricSource;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;

/**
 * Incidents in the store (schema version 4): saved with the report in its transaction, each alert carrying its
 * incident, continued across runs judging one period each exactly as a backtest groups them, ended once past the
 * gap, listed, read with their alerts, and never across profiles.
 */
class AlertStoreIncidentTest extends StoreSuite {

    private static final int JUDGED = 10;
    private final AnomalyService service = new AnomalyService(Clock.fixed(Instant.parse("2026-03-20T06:00:00Z"),
            ZoneOffset.UTC));
    private MetricSource source;
    private TrainedModel model;
    private LocalDateTime last;
    private DetectionReport backtest;

    @BeforeAll
    void detect() throws IOException {
        SampleAccount account = SyntheticAccountGenerator.generate(SampleConfig.builder().keywords(150).build());
        source = InMemoryMetricSource.of(account.graph(), account.granularity(), account.keywordSeries());
        last = account.keywordSeries().values().iterator().next().end();
        model = service.train(request().asOf(last.minusDays(JUDGED)).build(), source);
        backtest = service.detect(model.applyTo(request().asOf(last).periods(JUDGED).build()), source);
    }

    private static DetectionRequest.Builder request() {
        Properties p = new Properties();
        p.setProperty("multiplier", "1.2");
        return DetectionRequest.builder().detector("test-robust-z").detectorOptions(p)
                .explainer("test-exact-shapley").rootCauseAnalyzer("test-sibling-rollup");
    }

    /** What grouping decides; the causes' confidences differ between a backtest and single runs on their own. */
    private record Shape(String id, String root, LocalDateTime start, LocalDateTime last, boolean ongoing,
                         Object kind, Severity peak, List<AlertRef> alerts, Map<EntityType, List<String>> affected) {
        static Shape of(Incident i) {
            return new Shape(i.id(), i.rootEntityId(), i.start(), i.lastPeriod(), i.ongoing(), i.kind(),
                    i.peakSeverity(), i.alertRefs(), i.affected());
        }
    }

    private static List<Incident> all(AlertStore store, ProfileId p) {
        return store.incidents(p, IncidentFilter.ALL, Page.first(Page.MAX_LIMIT)).incidents().stream()
                .map(StoredIncident::incident).toList();
    }

    @OnBothDatabases
    void aBacktestsIncidentsAreStoredWithItAndEachAlertNamesItsIncident(Db db) {
        assertThat(backtest.incidents()).as("the sample's incidents are found").hasSizeGreaterThan(2);
        ProfileId p = profile();
        store(db).save(p, backtest);

        assertThat(all(store(db), p)).as("stored whole, listed latest first")
                .containsExactlyElementsOf(backtest.incidents().stream().sorted(IncidentGrouper.ORDER).toList());
        Map<AlertRef, Incident> owner = backtest.incidentsByAlert();
        Incident biggest = backtest.incidents().stream().max(Comparator.comparingInt(Incident::alertCount))
                .orElseThrow();
        IncidentDetail detail = store(db).incident(p, biggest.id()).orElseThrow();
        assertThat(detail.incident().incident()).isEqualTo(biggest);
        assertThat(detail.incident().version()).isZero();
        assertThat(detail.alerts()).as("every alert of the incident is covered by a stored alert")
                .allSatisfy(a -> assertThat(biggest.alerts()).anySatisfy(x -> {
                    assertThat(x.entityId()).isEqualTo(a.entityId());
                    assertThat(x.period()).isBetween(a.firstPeriod(), a.period());
                }));
        int covered = 0;
        for (StoredAlert a : detail.alerts()) {
            covered += (int) biggest.alerts().stream().filter(x -> x.entityId().equals(a.entityId())
                    && !x.period().isBefore(a.firstPeriod()) && !x.period().isAfter(a.period())).count();
            Alert latest = backtest.alerts().stream().filter(x -> x.entityId().equals(a.entityId())
                    && x.period().equals(a.period())).findFirst().orElseThrow();
            assertThat(a.incidentId()).as("the incident of the alert's latest period")
                    .isEqualTo(owner.get(new AlertRef(latest.entityType(), latest.entityId(), latest.period())).id());
        }
        assertThat(covered).isEqualTo(biggest.alertCount());

        store(db).save(p, backtest);
        assertThat(store(db).incident(p, biggest.id()).orElseThrow().incident().version())
                .as("saving the same report again changes nothing").isZero();
        assertThat(store(db).ongoingIncidents(p)).containsExactlyElementsOf(backtest.incidents().stream()
                .filter(Incident::ongoing).sorted(Comparator.comparing(Incident::lastPeriod)
                        .thenComparing(Incident::id)).toList());
    }

    @OnBothDatabases
    void runsJudgingOnePeriodEachContinueAndEndTheStoredIncidentsAsTheBacktestGroupsThem(Db db) throws IOException {
        ProfileId p = profile();
        for (int d = JUDGED - 1; d >= 0; d--) {
            List<Incident> open = store(db).ongoingIncidents(p);
            DetectionReport run = service.detect(model.applyTo(request().asOf(last.minusDays(d)).build()), source,
                    open);
            store(db).save(p, run);
            assertThat(store(db).ongoingIncidents(p)).as("day " + d + ": nothing stays ongoing past the gap")
                    .allSatisfy(i -> assertThat(IncidentGrouper.DEFAULT.rules().isOngoing(i.lastPeriod(),
                            run.asOf(), run.granularity())).isTrue());
        }
        List<Shape> stored = all(store(db), p).stream().map(Shape::of).toList();
        assertThat(stored).isEqualTo(backtest.incidents().stream().sorted(IncidentGrouper.ORDER).map(Shape::of)
                .toList());
        assertThat(stored.stream().filter(s -> !s.ongoing()).count()).as("some ended along the way").isPositive();
    }

    @OnBothDatabases
    void listsByFilterAndPageAndHidesOtherProfilesIncidents(Db db) {
        ProfileId p = profile();
        ProfileId other = profile();
        Alert a1 = alert("kw-1", 3).severity(Severity.HIGH).money(500).build();
        Alert b1 = alert("kw-2", 6).severity(Severity.LOW).money(5).build();
        store(db).save(p, report(a1, b1));
        List<StoredIncident> page = store(db).incidents(p, IncidentFilter.ALL, Page.first(1)).incidents();
        assertThat(page).hasSize(1);
        assertThat(store(db).incidents(p, IncidentFilter.ALL, Page.first(1)).hasMore()).isTrue();
        assertThat(page.get(0).incident().lastPeriod()).as("latest first").isEqualTo(Reports.day(6));
        assertThat(store(db).incidents(p, IncidentFilter.ALL.withMinSeverity(Severity.HIGH), Page.DEFAULT)
                .incidents()).extracting(s -> s.incident().lastPeriod()).containsExactly(Reports.day(3));
        assertThat(store(db).incidents(p, IncidentFilter.ONGOING, Page.DEFAULT).incidents())
                .as("the report's last period is day 6: day 3 is past the one-day gap")
                .extracting(s -> s.incident().lastPeriod()).containsExactly(Reports.day(6));
        assertThat(store(db).incidents(p, IncidentFilter.ALL.withKind("cpc_spike").withSince(Reports.day(4)),
                Page.DEFAULT).incidents()).hasSize(1);

        String id = page.get(0).id();
        assertThat(store(db).incident(other, id)).as("another profile's incident is unknown").isEmpty();
        assertThat(store(db).incidents(other, IncidentFilter.ALL, Page.DEFAULT).incidents()).isEmpty();
        assertThat(store(db).ongoingIncidents(other)).isEmpty();
        store(db).save(other, report(alert("kw-9", 1).build()));
        assertThat(store(db).incident(p, id)).isPresent();
        assertThat(store(db).incidents(p, IncidentFilter.ALL, Page.DEFAULT).incidents().stream()
                .map(StoredIncident::id).collect(Collectors.toSet())).hasSize(2);
    }
}
