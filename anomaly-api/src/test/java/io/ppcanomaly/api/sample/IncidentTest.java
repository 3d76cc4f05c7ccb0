package io.ppcanomaly.api.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IncidentTest {

    private static final LocalDateTime MAR_1 = LocalDateTime.of(2026, 3, 1, 0, 0);
    private static final LocalDateTime MAR_4 = LocalDateTime.of(2026, 3, 4, 0, 0);

    @Test
    void eachKindNamesItsRootLevelAndRootCause() {
        assertThat(IncidentKind.KEYWORD_CPC_SPIKE.rootType()).isEqualTo(EntityType.KEYWORD);
        assertThat(IncidentKind.KEYWORD_CPC_SPIKE.rootCauseKind()).isEqualTo(RootCauseKind.CPC_SPIKE);
        assertThat(IncidentKind.KEYWORD_CTR_COLLAPSE.rootType()).isEqualTo(EntityType.KEYWORD);
        assertThat(IncidentKind.KEYWORD_CTR_COLLAPSE.rootCauseKind()).isEqualTo(RootCauseKind.CTR_COLLAPSE);
        assertThat(IncidentKind.AD_GROUP_CONVERSION_DROP.rootType()).isEqualTo(EntityType.AD_GROUP);
        assertThat(IncidentKind.AD_GROUP_CONVERSION_DROP.rootCauseKind()).isEqualTo(RootCauseKind.CONVERSION_DROP);
        assertThat(IncidentKind.CAMPAIGN_BUDGET_EXHAUSTION.rootType()).isEqualTo(EntityType.CAMPAIGN);
        assertThat(IncidentKind.CAMPAIGN_BUDGET_EXHAUSTION.rootCauseKind())
                .isEqualTo(RootCauseKind.BUDGET_EXHAUSTION);
        assertThat(IncidentKind.REPORTING_OUTAGE.rootType()).isEqualTo(EntityType.PROFILE);
        assertThat(IncidentKind.REPORTING_OUTAGE.rootCauseKind()).isEqualTo(RootCauseKind.REPORTING_OUTAGE);
        assertThat(IncidentKind.AD_GROUP_CONVERSION_DROP.wireName()).isEqualTo("ad_group_conversion_drop");
    }

    @Test
    void keepsAffectedKeywordsSortedAndImmutable() {
        Incident i = incident(List.of("kw-000003", "kw-000001", "kw-000002"), 0.3);
        assertThat(i.affectedKeywordIds()).containsExactly("kw-000001", "kw-000002", "kw-000003");
        assertThat(i.affectedKeywordIds()).contains("kw-000002").doesNotContain("kw-000004");
        assertThat(i.affectedKeywordIds()).isEqualTo(Set.of("kw-000001", "kw-000002", "kw-000003"));
        assertThatThrownBy(() -> i.affectedKeywordIds().add("kw-9")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> i.affectedKeywordIds().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void coversItsKeywordsOnItsDaysOnly() {
        Incident i = incident(List.of("kw-000001"), 2.5);
        assertThat(i.covers("kw-000001", MAR_1)).isTrue();
        assertThat(i.covers("kw-000001", MAR_4)).isTrue();
        assertThat(i.covers("kw-000001", MAR_4.plusDays(1))).isFalse();
        assertThat(i.covers("kw-000001", MAR_1.minusDays(1))).isFalse();
        assertThat(i.covers("kw-000002", MAR_1)).isFalse();
        assertThat(i.days()).isEqualTo(4);
        assertThat(i.activeAt(MAR_1.plusDays(2))).isTrue();
    }

    @Test
    void equalsIgnoresTheSetImplementation() {
        Set<String> ids = new HashSet<>(List.of("b", "a"));
        assertThat(incident(ids, 1.0)).isEqualTo(incident(List.of("a", "b"), 1.0));
    }

    @Test
    void tellsWhetherTwoIncidentsShareADay() {
        Incident a = incident(List.of("a"), 1.0);
        Incident later = new Incident("inc-02", IncidentKind.KEYWORD_CTR_COLLAPSE, "b", MAR_4, MAR_4.plusDays(2),
                Set.of("b"), 0.1);
        Incident afterwards = new Incident("inc-03", IncidentKind.KEYWORD_CTR_COLLAPSE, "c", MAR_4.plusDays(1),
                MAR_4.plusDays(2), Set.of("c"), 0.1);
        assertThat(a.overlapsInTime(later)).isTrue();
        assertThat(later.overlapsInTime(a)).isTrue();
        assertThat(a.overlapsInTime(afterwards)).isFalse();
    }

    @Test
    void rejectsInvalidFieldsNamingTheIncident() {
        assertThatThrownBy(() -> new Incident("inc-01", IncidentKind.KEYWORD_CPC_SPIKE, "kw-1", MAR_4, MAR_1,
                Set.of("kw-1"), 2.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("end of incident inc-01 must not be before its start (2026-03-04T00:00), got 2026-03-01T00:00");
        assertThatThrownBy(() -> new Incident("inc-01", IncidentKind.KEYWORD_CPC_SPIKE, "kw-1", MAR_1.plusHours(3),
                MAR_4, Set.of("kw-1"), 2.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start of incident inc-01 must be at midnight");
        assertThatThrownBy(() -> incident(List.of(), 2.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("affectedKeywordIds of incident inc-01 must not be empty");
        assertThatThrownBy(() -> incident(List.of("kw-1"), -0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("magnitude of incident inc-01 must be finite and >= 0, got -0.5");
        assertThatThrownBy(() -> incident(List.of("kw-1"), Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("magnitude of incident inc-01 must be finite and >= 0, got NaN");
        assertThatThrownBy(() -> incident(List.of(" "), 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keyword id must not be blank, got ' '");
        assertThatThrownBy(() -> new Incident(" ", IncidentKind.KEYWORD_CPC_SPIKE, "kw-1", MAR_1, MAR_4,
                Set.of("kw-1"), 2.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("incident id must not be blank, got ' '");
    }

    @Test
    void anHourlyIncidentIsActiveInItsSpansOnly() {
        LocalDateTime d1 = MAR_1.withHour(15);
        Incident budget = new Incident("inc-01", IncidentKind.CAMPAIGN_BUDGET_EXHAUSTION, "cp-1", d1,
                MAR_1.plusDays(1).withHour(23), Set.of("kw-1"), 0.03, Granularity.HOUR,
                List.of(new Incident.Span(d1, MAR_1.withHour(23)),
                        new Incident.Span(MAR_1.plusDays(1).withHour(14), MAR_1.plusDays(1).withHour(23))));
        assertThat(budget.activeAt(MAR_1.withHour(20))).isTrue();
        assertThat(budget.activeAt(MAR_1.plusDays(1).withHour(9))).as("the morning, budget fresh").isFalse();
        assertThat(budget.activeAt(MAR_1.plusDays(1).withHour(14))).isTrue();
        assertThat(budget.periods()).isEqualTo(9 + 10);
        assertThat(budget.days()).isEqualTo(2);
        assertThat(budget.covers("kw-1", MAR_1.withHour(15))).isTrue();
        assertThat(budget.covers("kw-1", MAR_1.withHour(14))).isFalse();
    }

    @Test
    void hourlySpansMustRunInOrderFromStartToEnd() {
        LocalDateTime s = MAR_1.withHour(15);
        assertThatThrownBy(() -> new Incident("inc-01", IncidentKind.CAMPAIGN_BUDGET_EXHAUSTION, "cp-1", s,
                s.plusHours(30), Set.of("kw-1"), 0.03, Granularity.HOUR, List.of(new Incident.Span(s, s.plusHours(8)),
                new Incident.Span(s.plusHours(5), s.plusHours(30))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spans of incident inc-01 must be in order and disjoint");
        assertThatThrownBy(() -> new Incident("inc-01", IncidentKind.REPORTING_OUTAGE, "p", s, s.plusHours(2),
                Set.of("kw-1"), 0, Granularity.HOUR, List.of(new Incident.Span(s, s.plusHours(1)))))
                .hasMessageContaining("must run from its start");
        assertThatThrownBy(() -> new Incident("inc-01", IncidentKind.REPORTING_OUTAGE, "p", s.plusMinutes(30),
                s.plusHours(2), Set.of("kw-1"), 0, Granularity.HOUR, List.of(new Incident.Span(s.plusMinutes(30),
                s.plusHours(2))))).hasMessageContaining("start of incident inc-01 must be at the top of an hour");
    }

    /** Keeps the given (unsorted) order, so the test sees the record sort it. */
    private static Incident incident(Collection<String> ids, double magnitude) {
        return new Incident("inc-01", IncidentKind.KEYWORD_CPC_SPIKE, "kw-000001", MAR_1, MAR_4,
                new LinkedHashSet<>(ids), magnitude);
    }
}
