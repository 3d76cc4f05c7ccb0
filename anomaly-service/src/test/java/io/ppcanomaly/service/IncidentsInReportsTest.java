package io.ppcanomaly.service;

import static io.ppcanomaly.service.TestAccount.day;
import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.sample.IncidentKind;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.service.incident.AlertRef;
import io.ppcanomaly.service.incident.Incident;
import io.ppcanomaly.service.incident.IncidentGrouper;
import io.ppcanomaly.service.incident.IncidentRules;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.MetricSource;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Incidents as the service reports them: in a backtest, one period at a time, and on a reporting outage. */
class IncidentsInReportsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T06:00:00Z"), ZoneOffset.UTC);
    private final AnomalyService service = new AnomalyService(CLOCK);

    /**
     * Everything grouping decides. Left out: the causes' confidences inside the alerts, which differ on their
     * own — a backtest hands the analyzer each entity's peak score over its run of alerts, a one-period run the
     * period's score — and with them, at most, the choice of summary.
     */
    private record Shape(String id, String profile, String root, LocalDateTime start, LocalDateTime last,
                         boolean ongoing, Object kind, Object peak, double peakScore, double money,
                         List<AlertRef> alerts, Object affected) {
        static Shape of(Incident i) {
            return new Shape(i.id(), i.profileId(), i.rootEntityId(), i.start(), i.lastPeriod(), i.ongoing(),
                    i.kind(), i.peakSeverity(), i.peakScore(), i.moneyAtStake(), i.alertRefs(), i.affected());
        }
    }

    private static List<String> alertKeys(List<Alert> alerts) {
        return alerts.stream().sorted(Comparator.comparing(Alert::period).thenComparing(Alert::entityId))
                .map(a -> a.entityId() + "@" + a.period().toLocalDate() + "=" + a.anomalyScore()).toList();
    }

    @Test
    void aBacktestAndOneRunPerPeriodContinuingTheOpenIncidentsReportTheSameIncidentsUnderTheSameIds()
            throws IOException {
        TestAccount account = new TestAccount().cpcSpike("c1-a2-k2", 52, 55, 5.0).volumeLoss("c3", 54, 56, 0.15)
                .cpcSpike("c2-a1-k1", 50, 50, 5.0).cpcSpike("c2-a1-k1", 54, 55, 5.0);
        MetricSource source = account.source();
        TrainedModel model = service.train(TestAccount.request().asOf(day(49)).build(), source);

        DetectionReport backtest = service.detect(model.applyTo(TestAccount.request().asOf(day(59)).periods(10)
                .build()), source);

        // A monitor: one period per run, each run given the incidents the store holds as ongoing.
        Map<String, Incident> store = new TreeMap<>();
        List<Alert> liveAlerts = new ArrayList<>();
        IncidentRules rules = IncidentGrouper.DEFAULT.rules();
        for (int d = 50; d <= 59; d++) {
            List<Incident> open = store.values().stream().filter(Incident::ongoing).toList();
            DetectionReport run = service.detect(model.applyTo(TestAccount.request().asOf(day(d)).build()), source,
                    open);
            liveAlerts.addAll(run.alerts());
            for (Incident i : run.incidents()) {
                store.put(i.id(), i);
            }
            for (Incident o : open) {
                if (run.incidents().stream().noneMatch(i -> i.id().equals(o.id()))
                        && !rules.isOngoing(o.lastPeriod(), run.asOf(), Granularity.DAY)) {
                    store.put(o.id(), o.withOngoing(false));
                }
            }
        }
        assertThat(alertKeys(liveAlerts)).as("the same alerts, so the comparison is about grouping")
                .isEqualTo(alertKeys(backtest.alerts()));

        List<Incident> live = new ArrayList<>(store.values());
        live.sort(IncidentGrouper.ORDER);
        assertThat(live.stream().map(Shape::of).toList()).isEqualTo(backtest.incidents().stream().map(Shape::of)
                .toList());

        List<Incident> spike = backtest.incidents().stream().filter(i -> i.rootEntityId().equals("c1-a2-k2"))
                .toList();
        assertThat(spike).as("four days of CPC spike: one incident").hasSize(1);
        assertThat(spike.get(0).start()).isEqualTo(day(52));
        assertThat(spike.get(0).id()).isEqualTo(IncidentGrouper.incidentId("p1", "c1-a2-k2", day(52),
                Granularity.DAY));
        List<Incident> twice = backtest.incidents().stream().filter(i -> i.rootEntityId().equals("c2-a1-k1"))
                .toList();
        assertThat(twice).as("the same keyword hit again after three quiet days: two incidents")
                .extracting(Incident::start).containsExactly(day(54), day(50));
        assertThat(backtest.incidents()).filteredOn(i -> i.rootEntityId().startsWith("c3"))
                .as("the campaign's volume loss, rooted at its ad groups by the test analyzer")
                .isNotEmpty().allSatisfy(i -> assertThat(i.rootEntityType()).isEqualTo(EntityType.AD_GROUP));
        assertThat(backtest.incidentsByAlert().keySet()).containsAll(backtest.alerts().stream()
                .map(a -> new AlertRef(a.entityType(), a.entityId(), a.period())).toList());
    }

    /**
     * The issue's flood: a day with no report zeroes every keyword; Half-Space Trees (the ensemble's streaming
     * member, quick to fit) flags about a quarter of 1,000 keywords and the real {@code hierarchy} analyzer
     * traces them to the profile: one incident, not 250 rows.
     */
    @Test
    void aReportingOutageThatFlagsHundredsOfKeywordsIsOneIncidentRootedAtTheProfile() throws IOException {
        SampleConfig config = SampleConfig.builder().keywords(1000).days(60).incidentDays(10).noIncidents()
                .reportingOutages(1).build();
        SampleAccount account = SyntheticAccountGenerator.generate(config);
        LocalDateTime outage = account.incidents().get(0).start();
        assertThat(account.incidents().get(0).kind()).isEqualTo(IncidentKind.REPORTING_OUTAGE);
        MetricSource source = InMemoryMetricSource.of("outage", new AccountData(account.graph(),
                account.granularity(), account.keywordSeries(), LoadSummary.NONE));

        DetectionReport r = service.detect(DetectionRequest.builder().detector("half-space-trees").explain(false)
                .asOf(outage).build(), source);

        assertThat(r.alerts().size()).as("keywords alerted on the outage day (of 1,000)").isGreaterThanOrEqualTo(200);
        assertThat(r.incidents()).as("one incident for the whole outage").hasSize(1);
        Incident i = r.incidents().get(0);
        assertThat(i.alertCount()).isEqualTo(r.alerts().size());
        assertThat(i.rootEntityType()).isEqualTo(EntityType.PROFILE);
        assertThat(i.rootEntityId()).isEqualTo(account.incidents().get(0).rootEntityId());
        assertThat(i.start()).isEqualTo(outage);
        assertThat(i.affectedCounts().get(EntityType.KEYWORD)).isEqualTo(i.alertCount());
        assertThat(i.affectedCounts()).containsEntry(EntityType.PROFILE, 1).containsKeys(EntityType.PORTFOLIO,
                EntityType.CAMPAIGN, EntityType.AD_GROUP);
        assertThat(i.moneyAtStake()).isEqualTo(r.alerts().stream().mapToDouble(Alert::moneyAtStake).sum(),
                org.assertj.core.api.Assertions.within(1e-6));
    }
}
