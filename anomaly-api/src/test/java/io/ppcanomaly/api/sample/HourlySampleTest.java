package io.ppcanomaly.api.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hourly mode of the generator: daily curve, weekly cycle, incidents that show within a day. */
class HourlySampleTest {

    private static SampleAccount account;

    @BeforeAll
    static void generate() {
        account = SyntheticAccountGenerator.generate(SampleConfig.HOURLY);
    }

    private static long sum(MetricSeries s, int hourOfDay, boolean weekend, int fromDay, int toDay) {
        long n = 0;
        for (int d = fromDay; d < toDay; d++) {
            LocalDateTime day = s.start().plusDays(d);
            boolean we = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            if (we == weekend) {
                n += s.impressions(d * 24 + hourOfDay);
            }
        }
        return n;
    }

    @Test
    void theHourlyAccountHasOneSeriesOfHoursPerKeyword() {
        assertThat(account.granularity()).isEqualTo(Granularity.HOUR);
        assertThat(account.periods()).hasSize(56 * 24);
        assertThat(account.end()).isEqualTo(LocalDateTime.of(2026, 2, 25, 23, 0));
        for (MetricSeries s : account.keywordSeries().values()) {
            assertThat(s.granularity()).isEqualTo(Granularity.HOUR);
            assertThat(s.size()).isEqualTo(56 * 24);
            assertThat(s.start()).isEqualTo(account.start());
        }
        assertThat(account.series("pr-01").granularity()).isEqualTo(Granularity.HOUR);
        assertThat(account.toString()).contains("56 days of hours");
    }

    @Test
    void trafficIsLowAtNightAndPeaksInTheEveningWithWeekendsShiftedToMidday() {
        MetricSeries p = account.series("pr-01");
        long night = sum(p, 4, false, 0, 42);
        long evening = sum(p, 20, false, 0, 42);
        assertThat((double) night / evening).isBetween(0.05, 0.2);
        double weekdayNoonShare = (double) sum(p, 13, false, 0, 42) / sum(p, 20, false, 0, 42);
        double weekendNoonShare = (double) sum(p, 13, true, 0, 42) / sum(p, 20, true, 0, 42);
        assertThat(weekendNoonShare).isGreaterThan(weekdayNoonShare + 0.05);
    }

    @Test
    void theHourlyDefaultsPlaceEveryKindInTheLastSevenDays() {
        LocalDateTime first = account.end().minusDays(7).plusHours(1);
        for (IncidentKind kind : IncidentKind.values()) {
            assertThat(account.incidents(kind)).as(kind.name()).hasSize(SampleConfig.HOURLY.incidents(kind));
        }
        for (Incident i : account.incidents()) {
            assertThat(i.granularity()).isEqualTo(Granularity.HOUR);
            assertThat(i.start()).as(i.id()).isAfterOrEqualTo(first.toLocalDate().atStartOfDay());
            assertThat(i.end()).as(i.id()).isBeforeOrEqualTo(account.end());
        }
    }

    @Test
    void aBudgetRunsDryEveryAfternoonForSeveralDaysAndIsBackEachMorning() {
        for (Incident i : account.incidents(IncidentKind.CAMPAIGN_BUDGET_EXHAUSTION)) {
            assertThat(i.spans()).hasSizeBetween(3, 4);
            MetricSeries c = account.series(i.rootEntityId());
            for (Incident.Span s : i.spans()) {
                assertThat(s.start().getHour()).isBetween(12, 17);
                assertThat(s.end().getHour()).isEqualTo(23);
                int cut = c.indexOf(s.start());
                long during = 0;
                long weekBefore = 0;
                for (int t = cut; t <= c.indexOf(s.end()); t++) {
                    during += c.impressions(t);
                    weekBefore += c.impressions(t - 7 * 24);
                }
                assertThat((double) during / weekBefore).as("%s %s", i.id(), s).isLessThan(0.1);
                // the morning of the same day is normal
                int morning = c.indexOf(s.start().withHour(10));
                assertThat((double) c.impressions(morning) / c.impressions(morning - 7 * 24)).isBetween(0.6, 1.6);
            }
        }
    }

    @Test
    void conversionTrackingStopsForSomeHoursWhileClicksGoOn() {
        Incident i = account.incidents(IncidentKind.CONVERSION_TRACKING_OUTAGE).get(0);
        assertThat(i.rootEntityId()).isEqualTo("pr-01");
        assertThat(i.periods()).isBetween(3, 8);
        MetricSeries p = account.series("pr-01");
        for (LocalDateTime t = i.start(); !t.isAfter(i.end()); t = t.plusHours(1)) {
            int k = p.indexOf(t);
            assertThat(p.orders(k)).isZero();
            assertThat(p.sales(k)).isZero();
            assertThat(p.clicks(k)).isGreaterThan(200);
            assertThat(p.orders(k - 7 * 24)).isPositive();
        }
    }

    @Test
    void theOtherIncidentsShowWithinADay() {
        Incident gap = account.incidents(IncidentKind.REPORTING_OUTAGE).get(0);
        assertThat(gap.periods()).isBetween(1, 3);
        assertThat(account.series("pr-01").impressions(account.series("pr-01").indexOf(gap.start()))).isZero();
        for (Incident i : account.incidents(IncidentKind.KEYWORD_CPC_SPIKE)) {
            assertThat(i.start().getHour()).isBetween(16, 18);
            assertThat(i.periods()).isBetween(4, 6);
            MetricSeries s = account.series(i.rootEntityId());
            int t = s.indexOf(i.start().plusHours(1));
            double cpc = s.spend(t) / s.clicks(t);
            double before = s.spend(t - 24) / s.clicks(t - 24);
            assertThat(cpc / before).as(i.id()).isGreaterThan(1.6);
        }
        for (Incident i : account.incidents(IncidentKind.KEYWORD_CTR_COLLAPSE)) {
            assertThat(i.start().getHour()).isBetween(13, 16);
            assertThat(i.periods()).isBetween(10, 30);
        }
        Incident stockOut = account.incidents(IncidentKind.AD_GROUP_CONVERSION_DROP).get(0);
        assertThat(stockOut.periods()).isBetween(12, 36);
    }

    @Test
    void aKeywordNeverHasTwoIncidentsAtOnce() {
        for (Incident x : account.incidents()) {
            for (Incident y : account.incidents()) {
                if (x == y || Collections.disjoint(x.affectedKeywordIds(), y.affectedKeywordIds())) {
                    continue;
                }
                for (LocalDateTime t = x.start(); !t.isAfter(x.end()); t = t.plusHours(1)) {
                    assertThat(x.activeAt(t) && y.activeAt(t)).as("%s and %s at %s", x.id(), y.id(), t).isFalse();
                }
            }
        }
    }

    @Test
    void smallHourlyAccountsStillGetEveryIncident() {
        SampleAccount small = SyntheticAccountGenerator.generate(SampleConfig.HOURLY.withKeywords(60).withDays(10));
        assertThat(small.incidents()).hasSize(SampleConfig.HOURLY.totalIncidents());
        SampleAccount again = SyntheticAccountGenerator.generate(SampleConfig.HOURLY.withKeywords(60).withDays(10));
        assertThat(again.incidents()).isEqualTo(small.incidents());
        assertThat(again.keywordSeries().get("kw-000007").impressions(200))
                .isEqualTo(small.keywordSeries().get("kw-000007").impressions(200));
    }

    @Test
    void trackingOutagesAreForHourlyAccountsOnly() {
        assertThatThrownBy(() -> SampleConfig.builder().trackingOutages(1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trackingOutages must be 0 for a daily account");
        assertThatThrownBy(() -> SampleConfig.HOURLY.toBuilder().traffic(0).build())
                .hasMessage("traffic must be finite and > 0, got 0.0");
    }

    /**
     * The daily sample, seed 42, is what every published figure was measured on: adding the hourly mode must not
     * move a single value or label. The digest was taken before the hourly mode existed (commit debe465).
     */
    @Test
    void theDailyDefaultSampleIsBitIdenticalToTheOneBeforeHourlyData() throws NoSuchAlgorithmException {
        SampleAccount daily = SyntheticAccountGenerator.generate(SampleConfig.DEFAULT);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        ByteBuffer b = ByteBuffer.allocate(40);
        for (String k : daily.keywordIds()) {
            MetricSeries s = daily.keywordSeries().get(k);
            md.update(k.getBytes(StandardCharsets.UTF_8));
            md.update(s.start().toString().getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < s.size(); i++) {
                b.clear();
                b.putLong(s.impressions(i)).putLong(s.clicks(i)).putDouble(s.spend(i)).putDouble(s.sales(i))
                        .putLong(s.orders(i));
                md.update(b.array());
            }
        }
        for (Incident i : daily.incidents()) {
            md.update((i.id() + "|" + i.kind() + "|" + i.rootEntityId() + "|" + i.start() + "|" + i.end() + "|"
                    + i.affectedKeywordIds() + "|" + Double.doubleToLongBits(i.magnitude()))
                    .getBytes(StandardCharsets.UTF_8));
        }
        assertThat(HexFormat.of().formatHex(md.digest()))
                .isEqualTo("4f26a728219d5965f76c93673bf7192e12220b2d5356d912acf303ce2e1ff888");
    }
}
