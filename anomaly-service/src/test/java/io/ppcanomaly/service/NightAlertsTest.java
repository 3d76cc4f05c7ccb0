package io.ppcanomaly.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.sample.Incident;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import io.ppcanomaly.service.source.LoadSummary;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class NightAlertsTest {

    private static boolean busy(SampleAccount a, String keyword, LocalDate day) {
        for (Incident i : a.incidents()) {
            if (i.affectedKeywordIds().contains(keyword) && !day.isBefore(i.start().toLocalDate())
                    && !day.isAfter(i.end().toLocalDate())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void countsAlertsAtNightOnDaysWithoutAnIncidentOnTheEntity() throws IOException {
        SampleAccount a = SyntheticAccountGenerator.generate(SampleConfig.HOURLY.withKeywords(60).withDays(12));
        InMemoryMetricSource src = InMemoryMetricSource.of("h", new AccountData(a.graph(), a.granularity(),
                a.keywordSeries(), LoadSummary.NONE));
        DetectionReport r = new AnomalyService().detect(TestAccount.request().explain(false).rootCause(false)
                .periods(72).build(), src);
        NightAlerts n = NightAlerts.evaluate(r, a);
        long hours = 0;
        for (LocalDateTime p : r.periods()) {
            for (String k : a.keywordIds()) {
                if (p.getHour() < 6 && !busy(a, k, p.toLocalDate())) {
                    hours++;
                }
            }
        }
        int falseAlerts = 0;
        for (Alert x : r.alerts()) {
            if (x.period().getHour() < 6 && !busy(a, x.entityId(), x.period().toLocalDate())) {
                falseAlerts++;
            }
        }
        assertThat(hours).isPositive().isLessThan(3 * 6 * 60);
        assertThat(n.entityHours()).isEqualTo(hours);
        assertThat(n.falseAlerts()).isEqualTo(falseAlerts);
        assertThat(n.perThousand()).isEqualTo(1000.0 * falseAlerts / hours);
        assertThat(n.describe()).contains("night false alerts");
    }

    @Test
    void aDailyReportHasNoNights() throws IOException {
        DetectionReport r = new AnomalyService().detect(TestAccount.request().explain(false).rootCause(false)
                .build(), new TestAccount().source());
        SampleAccount a = SyntheticAccountGenerator.generate(SampleConfig.DEFAULT.withKeywords(20));
        assertThatThrownBy(() -> NightAlerts.evaluate(r, a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("report granularity must be hour, got day");
    }
}
