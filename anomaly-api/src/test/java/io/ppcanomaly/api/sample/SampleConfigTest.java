package io.ppcanomaly.api.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SampleConfigTest {

    @Test
    void defaultsAreTheDocumentedAccount() {
        SampleConfig d = SampleConfig.DEFAULT;
        assertThat(d.keywords()).isEqualTo(1000);
        assertThat(d.days()).isEqualTo(90);
        assertThat(d.start()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(d.portfolios()).isEqualTo(3);
        assertThat(d.incidentDays()).isEqualTo(30);
        assertThat(d.incidents(IncidentKind.KEYWORD_CPC_SPIKE)).isEqualTo(3);
        assertThat(d.incidents(IncidentKind.KEYWORD_CTR_COLLAPSE)).isEqualTo(3);
        assertThat(d.incidents(IncidentKind.AD_GROUP_CONVERSION_DROP)).isEqualTo(2);
        assertThat(d.incidents(IncidentKind.CAMPAIGN_BUDGET_EXHAUSTION)).isEqualTo(2);
        assertThat(d.incidents(IncidentKind.REPORTING_OUTAGE)).isEqualTo(1);
        assertThat(d.totalIncidents()).isEqualTo(11);
    }

    @Test
    void withersChangeOnlyTheirField() {
        SampleConfig c = SampleConfig.DEFAULT.withSeed(7).withKeywords(250);
        assertThat(c.seed()).isEqualTo(7);
        assertThat(c.keywords()).isEqualTo(250);
        assertThat(c).isEqualTo(SampleConfig.builder().seed(7).keywords(250).build());
        assertThat(SampleConfig.DEFAULT.withDays(60).days()).isEqualTo(60);
        assertThat(SampleConfig.DEFAULT.withDays(60).incidentDays()).isEqualTo(30);
    }

    @Test
    void withDaysLowersIncidentDaysThatWouldNoLongerFit() {
        SampleConfig c = SampleConfig.DEFAULT.withDays(21);
        assertThat(c.days()).isEqualTo(21);
        assertThat(c.incidentDays()).isEqualTo(21);
    }

    @Test
    void incidentCountsCanBeSetPerKindOrCleared() {
        SampleConfig c = SampleConfig.DEFAULT.withIncidents(IncidentKind.REPORTING_OUTAGE, 0)
                .withIncidents(IncidentKind.KEYWORD_CPC_SPIKE, 5);
        assertThat(c.reportingOutages()).isZero();
        assertThat(c.cpcSpikes()).isEqualTo(5);
        assertThat(c.totalIncidents()).isEqualTo(12);
        assertThat(SampleConfig.DEFAULT.withoutIncidents().totalIncidents()).isZero();
        assertThat(SampleConfig.DEFAULT.toBuilder().build()).isEqualTo(SampleConfig.DEFAULT);
    }

    @Test
    void rejectsNonPositiveSizesNamingTheFieldAndValue() {
        assertThatThrownBy(() -> SampleConfig.DEFAULT.withKeywords(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("keywords must be > 0, got 0");
        assertThatThrownBy(() -> SampleConfig.DEFAULT.withDays(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("days must be > 0, got -1");
        assertThatThrownBy(() -> SampleConfig.builder().portfolios(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("portfolios must be > 0, got 0");
        assertThatThrownBy(() -> SampleConfig.builder().incidentDays(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("incidentDays must be > 0, got 0");
    }

    @Test
    void rejectsInconsistentSizes() {
        assertThatThrownBy(() -> SampleConfig.builder().keywords(2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("portfolios must be <= keywords (2), got 3");
        assertThatThrownBy(() -> SampleConfig.builder().incidentDays(91).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("incidentDays must be <= days (90), got 91");
        assertThatThrownBy(() -> SampleConfig.builder().incidentDays(2).reportingOutages(3).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reportingOutages must be <= incidentDays (2), one outage a day, got 3");
    }

    @Test
    void rejectsNegativeIncidentCounts() {
        assertThatThrownBy(() -> SampleConfig.builder().cpcSpikes(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cpcSpikes must be >= 0, got -1");
        assertThatThrownBy(() -> SampleConfig.builder().budgetExhaustions(-2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("budgetExhaustions must be >= 0, got -2");
        assertThatThrownBy(() -> SampleConfig.builder().start(null).build()).isInstanceOf(NullPointerException.class)
                .hasMessage("start");
    }
}
