package io.ppcanomaly.service.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentGrouperTest {

    private static final Granularity DAY = Granularity.DAY;
    private static final IncidentGrouper GROUPER = IncidentGrouper.DEFAULT;

    /** p1 → c1 → a1 → k1, k2; p1 → c2 → a2 → k3. */
    private static final EntityGraph GRAPH = EntityGraph.of(List.of(
            Entity.root("p1", EntityType.PROFILE, "Brand US"),
            new Entity("c1", EntityType.CAMPAIGN, "Shoes", "p1"),
            new Entity("a1", EntityType.AD_GROUP, "Running", "c1"),
            new Entity("k1", EntityType.KEYWORD, "trail shoes", "a1"),
            new Entity("k2", EntityType.KEYWORD, "road shoes", "a1"),
            new Entity("c2", EntityType.CAMPAIGN, "Bags", "p1"),
            new Entity("a2", EntityType.AD_GROUP, "Travel", "c2"),
            new Entity("k3", EntityType.KEYWORD, "duffel bag", "a2")));

    private static LocalDateTime day(int d) {
        return LocalDateTime.of(2026, 3, 1, 0, 0).plusDays(d - 1);
    }

    private static IncidentAlert.Cause cause(String id, EntityType type, RootCauseKind kind, double confidence) {
        return new IncidentAlert.Cause(type, id, GRAPH.get(id).name(), kind, confidence,
                type.wireName() + " '" + GRAPH.get(id).name() + "': " + kind.wireName() + " at " + confidence);
    }

    private static IncidentAlert alert(String kw, int d, IncidentAlert.Cause cause) {
        return alert(kw, day(d), Severity.MEDIUM, 0.99, 10, cause);
    }

    private static IncidentAlert alert(String kw, LocalDateTime p, Severity s, double score, double money,
                                       IncidentAlert.Cause cause) {
        return new IncidentAlert(EntityType.KEYWORD, kw, GRAPH.get(kw).name(), p, s, score, money, cause);
    }

    private static final IncidentAlert.Cause BUDGET = cause("c1", EntityType.CAMPAIGN,
            RootCauseKind.BUDGET_EXHAUSTION, 0.9);

    private static List<Incident> group(List<IncidentAlert> alerts, int asOf) {
        return GROUPER.group(alerts, GRAPH, null, DAY, day(asOf), List.of());
    }

    @Test
    void alertsSharingARootCauseOnTouchingPeriodsAreOneIncident() {
        List<IncidentAlert> alerts = List.of(alert("k1", 1, BUDGET), alert("k2", 1, BUDGET), alert("k1", 2, BUDGET),
                alert("k2", 3, BUDGET));
        List<Incident> incidents = group(alerts, 3);
        assertThat(incidents).hasSize(1);
        Incident i = incidents.get(0);
        assertThat(i.id()).isEqualTo(IncidentGrouper.incidentId("p1", "c1", day(1), DAY));
        assertThat(i.kind()).isEqualTo(RootCauseKind.BUDGET_EXHAUSTION);
        assertThat(i.rootEntityType()).isEqualTo(EntityType.CAMPAIGN);
        assertThat(i.rootEntityId()).isEqualTo("c1");
        assertThat(i.rootEntityName()).isEqualTo("Shoes");
        assertThat(i.profileId()).isEqualTo("p1");
        assertThat(i.start()).isEqualTo(day(1));
        assertThat(i.lastPeriod()).isEqualTo(day(3));
        assertThat(i.alertCount()).isEqualTo(4);
        assertThat(i.alertRefs()).first().isEqualTo(new AlertRef(EntityType.KEYWORD, "k1", day(1)));
        assertThat(i.affected()).as("alerted keywords and their ancestors up to the root, not above it")
                .containsExactly(Map.entry(EntityType.CAMPAIGN, List.of("c1")),
                        Map.entry(EntityType.AD_GROUP, List.of("a1")),
                        Map.entry(EntityType.KEYWORD, List.of("k1", "k2")));
        assertThat(i.affectedCounts()).containsEntry(EntityType.KEYWORD, 2);
        assertThat(i.summary()).isEqualTo(BUDGET.summary());
    }

    @Test
    void oneQuietPeriodIsBridgedButALongerGapOpensASecondIncident() {
        List<Incident> bridged = group(List.of(alert("k1", 1, BUDGET), alert("k1", 3, BUDGET)), 3);
        assertThat(bridged).hasSize(1);
        assertThat(bridged.get(0).alertCount()).isEqualTo(2);

        List<Incident> split = group(List.of(alert("k1", 1, BUDGET), alert("k1", 4, BUDGET)), 4);
        assertThat(split).extracting(Incident::start).containsExactly(day(4), day(1));
        assertThat(split).extracting(Incident::id).containsExactly(IncidentGrouper.incidentId("p1", "c1", day(4), DAY),
                IncidentGrouper.incidentId("p1", "c1", day(1), DAY));
        assertThat(split.get(1).ongoing()).isFalse();
        assertThat(split.get(1).end()).isEqualTo(day(1));

        IncidentGrouper strict = new IncidentGrouper(new IncidentRules(Duration.ZERO));
        assertThat(strict.group(List.of(alert("k1", 1, BUDGET), alert("k1", 3, BUDGET)), GRAPH, null, DAY, day(3),
                List.of())).as("no allowance: only adjacent periods touch").hasSize(2);
    }

    @Test
    void differentRootCausesOnTheSameDaysAreDifferentIncidents() {
        IncidentAlert.Cause spike = cause("k3", EntityType.KEYWORD, RootCauseKind.CPC_SPIKE, 0.8);
        List<Incident> incidents = group(List.of(alert("k1", 1, BUDGET), alert("k2", 1, BUDGET),
                alert("k3", 1, spike)), 1);
        assertThat(incidents).hasSize(2);
        assertThat(incidents).extracting(Incident::rootEntityId).containsExactlyInAnyOrder("c1", "k3");
        assertThat(incidents).extracting(Incident::id).doesNotHaveDuplicates();
    }

    @Test
    void whenTheAnalyzerRenamesTheKindTheRootKeepsOneIncidentOfTheKindMostAlertsName() {
        IncidentAlert.Cause other = cause("k1", EntityType.KEYWORD, RootCauseKind.OTHER, 0.4);
        IncidentAlert.Cause spike = cause("k1", EntityType.KEYWORD, RootCauseKind.CPC_SPIKE, 0.45);
        List<Incident> incidents = group(List.of(alert("k1", 1, other), alert("k1", 2, spike),
                alert("k1", 3, spike)), 3);
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).kind()).isEqualTo(RootCauseKind.CPC_SPIKE);
        assertThat(incidents.get(0).summary()).isEqualTo(spike.summary());
    }

    @Test
    void alertsWithoutARootCauseAreGroupedPerEntityOverTouchingPeriods() {
        List<Incident> incidents = group(List.of(alert("k1", 1, null), alert("k1", 2, null), alert("k2", 2, null),
                alert("k1", 6, null)), 6);
        assertThat(incidents).hasSize(3);
        Incident k1 = incidents.stream().filter(i -> i.rootEntityId().equals("k1") && i.start().equals(day(1)))
                .findFirst().orElseThrow();
        assertThat(k1.alertCount()).isEqualTo(2);
        assertThat(k1.kind()).as("nothing traced").isNull();
        assertThat(k1.traced()).isFalse();
        assertThat(k1.rootEntityType()).isEqualTo(EntityType.KEYWORD);
        assertThat(k1.profileId()).as("found above the keyword").isEqualTo("p1");
        assertThat(k1.summary()).isEqualTo("keyword 'trail shoes' anomalous in 2 periods, no root cause traced");
        assertThat(k1.affected()).containsOnlyKeys(EntityType.KEYWORD);
    }

    @Test
    void anUntracedAlertJoinsTheIncidentRootedAtItsOwnEntity() {
        IncidentAlert.Cause spike = cause("k1", EntityType.KEYWORD, RootCauseKind.CPC_SPIKE, 0.45);
        List<Incident> incidents = group(List.of(alert("k1", 1, spike), alert("k1", 2, null)), 2);
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).kind()).isEqualTo(RootCauseKind.CPC_SPIKE);
    }

    @Test
    void peakSeverityPeakScoreAndMoneyComeFromTheAlerts() {
        List<Incident> incidents = group(List.of(
                alert("k1", day(1), Severity.LOW, 0.991, 12.5, BUDGET),
                alert("k2", day(1), Severity.HIGH, 0.9999, 300, BUDGET),
                alert("k1", day(2), Severity.MEDIUM, 0.995, 12.5, BUDGET)), 2);
        Incident i = incidents.get(0);
        assertThat(i.peakSeverity()).isEqualTo(Severity.HIGH);
        assertThat(i.peakScore()).isEqualTo(0.9999);
        assertThat(i.moneyAtStake()).isEqualTo(325.0);
    }

    @Test
    void anIncidentIsOngoingUntilItsGapAllowanceRunsOut() {
        List<IncidentAlert> alerts = List.of(alert("k1", 1, BUDGET));
        assertThat(group(alerts, 1).get(0).ongoing()).isTrue();
        assertThat(group(alerts, 1).get(0).end()).isNull();
        assertThat(group(alerts, 2).get(0).ongoing()).as("the next run may still bridge one quiet day").isTrue();
        Incident ended = group(alerts, 3).get(0);
        assertThat(ended.ongoing()).isFalse();
        assertThat(ended.end()).isEqualTo(day(1));
    }

    @Test
    void theIdIsAFixedHashOfProfileRootAndStartSoEveryRunAndReleaseNamesAnIncidentTheSame() {
        assertThat(IncidentGrouper.incidentId("pr-01", "cp-03-07", LocalDateTime.of(2026, 3, 10, 0, 0), DAY))
                .as("frozen (and checked against Python hashlib): stores key on it").isEqualTo("inc-e76b1ffcf876a11d");
        String id = IncidentGrouper.incidentId("p1", "c1", day(1), DAY);
        assertThat(id).isEqualTo(IncidentGrouper.incidentId("p1", "c1", day(1), DAY));
        assertThat(List.of(IncidentGrouper.incidentId("p2", "c1", day(1), DAY),
                IncidentGrouper.incidentId("p1", "c2", day(1), DAY),
                IncidentGrouper.incidentId("p1", "c1", day(2), DAY),
                IncidentGrouper.incidentId("p1", "c1", day(1), Granularity.HOUR),
                IncidentGrouper.incidentId(null, "c1", day(1), DAY))).doesNotContain(id).doesNotHaveDuplicates();
    }

    @Test
    void aLaterRunContinuesAnOpenIncidentUnderItsIdAndStartAsOneRunOverAllPeriodsWould() {
        List<IncidentAlert> all = List.of(alert("k1", 1, BUDGET), alert("k2", 2, BUDGET), alert("k1", 4, BUDGET),
                alert("k3", 4, null), alert("k2", 7, BUDGET));
        List<Incident> once = group(all, 7);

        Map<String, Incident> store = new java.util.TreeMap<>();
        for (int d = 1; d <= 7; d++) {
            int p = d;
            List<Incident> open = store.values().stream().filter(Incident::ongoing).toList();
            List<Incident> run = GROUPER.group(all.stream().filter(a -> a.period().equals(day(p))).toList(), GRAPH,
                    null, DAY, day(p), open);
            for (Incident i : run) {
                store.put(i.id(), i);
            }
            for (Incident o : open) {
                if (run.stream().noneMatch(i -> i.id().equals(o.id()))
                        && !GROUPER.rules().isOngoing(o.lastPeriod(), day(p), DAY)) {
                    store.put(o.id(), o.withOngoing(false));
                }
            }
        }
        List<Incident> daily = new ArrayList<>(store.values());
        daily.sort(IncidentGrouper.ORDER);
        assertThat(once).hasSize(3);
        assertThat(daily).isEqualTo(once);
    }

    @Test
    void reRunningAPeriodChangesNothing() {
        List<IncidentAlert> alerts = List.of(alert("k1", 1, BUDGET), alert("k2", 2, BUDGET));
        Incident first = group(alerts, 2).get(0);
        List<Incident> again = GROUPER.group(List.of(alert("k2", 2, BUDGET)), GRAPH, null, DAY, day(2),
                List.of(first));
        assertThat(again).containsExactly(first);
    }

    @Test
    void anOpenIncidentPastItsGapIsNotContinued() {
        Incident old = group(List.of(alert("k1", 1, BUDGET)), 1).get(0);
        List<Incident> later = GROUPER.group(List.of(alert("k1", 4, BUDGET)), GRAPH, null, DAY, day(4),
                List.of(old));
        assertThat(later).hasSize(1);
        assertThat(later.get(0).id()).isNotEqualTo(old.id());
        assertThat(later.get(0).start()).isEqualTo(day(4));
    }

    @Test
    void hourlyIncidentsBridgeAQuietNight() {
        IncidentRules rules = IncidentRules.DEFAULT;
        assertThat(rules.maxGapPeriods(Granularity.HOUR)).isEqualTo(24);
        assertThat(rules.maxGapPeriods(DAY)).isEqualTo(1);
        // Whole periods, rounded down.
        assertThat(new IncidentRules(Duration.ofMinutes(150)).maxGapPeriods(Granularity.HOUR)).isEqualTo(2);
        assertThat(new IncidentRules(Duration.ofHours(47)).maxGapPeriods(DAY)).isEqualTo(1);
        assertThat(new IncidentRules(Duration.ofDays(90)).maxGapPeriods(Granularity.HOUR)).isEqualTo(2160);
        assertThat(new IncidentRules(Duration.ZERO).maxGapPeriods(DAY)).isZero();
        LocalDateTime afternoon = LocalDateTime.of(2026, 3, 2, 16, 0);
        List<IncidentAlert> alerts = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            for (int h = 0; h < 8; h++) {
                alerts.add(alert("k1", afternoon.plusDays(d).plusHours(h), Severity.MEDIUM, 0.99, 5, BUDGET));
            }
        }
        List<Incident> incidents = GROUPER.group(alerts, GRAPH, null, Granularity.HOUR,
                afternoon.plusDays(2).plusHours(7), List.of());
        assertThat(incidents).as("a budget running dry every afternoon for three days").hasSize(1);
        assertThat(incidents.get(0).id()).isEqualTo(IncidentGrouper.incidentId("p1", "c1", afternoon,
                Granularity.HOUR));
    }

    @Test
    void withoutAGraphTheCallersProfileNamesTheIncident() {
        List<Incident> incidents = GROUPER.group(List.of(alert("k1", 1, BUDGET)), null, "acct-9", DAY, day(1),
                List.of());
        assertThat(incidents.get(0).profileId()).isEqualTo("acct-9");
        assertThat(incidents.get(0).affected()).containsOnlyKeys(EntityType.CAMPAIGN, EntityType.KEYWORD);
    }

    @Test
    void badInputIsRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> group(List.of(alert("k1", 1, BUDGET), alert("k1", 1, null)), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one alert per entity and period")
                .hasMessageContaining("k1");
        assertThatThrownBy(() -> group(List.of(alert("k1", 3, BUDGET)), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be after asOf 2026-03-02");
        assertThatThrownBy(() -> new IncidentRules(Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxGap must be in [PT0S, PT2160H], got PT-1H");
        Incident i = group(List.of(alert("k1", 1, BUDGET), alert("k1", 2, BUDGET)), 2).get(0);
        assertThatThrownBy(() -> new Incident(i.id(), i.profileId(), i.kind(), i.rootEntityType(), i.rootEntityId(),
                i.rootEntityName(), day(2), i.lastPeriod(), i.ongoing(), i.peakSeverity(), i.peakScore(),
                i.moneyAtStake(), i.summary(), i.affected(), i.alerts()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start of incident " + i.id() + " must be " + day(1));
        assertThatThrownBy(() -> Incident.of("inc-x", "p1", EntityType.CAMPAIGN, "c2", "Bags", Map.of(),
                i.alerts(), true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must name root c2 first, got c1");
    }
}
