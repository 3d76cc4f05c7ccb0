package io.ppcanomaly.api.sample;

import io.ppcanomaly.api.model.Granularity;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What {@link SyntheticAccountGenerator} generates: the size of the account, the date range, the seed, and how
 * many incidents of each kind to inject. Immutable; validated on construction.
 *
 * <pre>{@code
 * SampleConfig c = SampleConfig.DEFAULT.withSeed(7).withKeywords(5_000);
 * SampleConfig quiet = SampleConfig.builder().keywords(200).days(60).noIncidents().build();
 * SampleConfig hourly = SampleConfig.HOURLY;   // 56 days of hours, incidents within the last 7 days
 * }</pre>
 *
 * @param seed              seed of every random draw; the same config always gives bit-identical output
 * @param keywords          number of keywords, &gt; 0 and &ge; {@code portfolios}
 * @param days              number of days, &gt; 0 (an hourly account has 24 periods a day)
 * @param start             first day
 * @param portfolios        number of portfolios under the profile, &gt; 0
 * @param incidentDays      incidents start within the last {@code incidentDays} days, in [1, days]
 * @param cpcSpikes         number of {@link IncidentKind#KEYWORD_CPC_SPIKE} incidents, &ge; 0
 * @param ctrCollapses      number of {@link IncidentKind#KEYWORD_CTR_COLLAPSE} incidents, &ge; 0
 * @param conversionDrops   number of {@link IncidentKind#AD_GROUP_CONVERSION_DROP} incidents, &ge; 0
 * @param budgetExhaustions number of {@link IncidentKind#CAMPAIGN_BUDGET_EXHAUSTION} incidents, &ge; 0
 * @param reportingOutages  number of {@link IncidentKind#REPORTING_OUTAGE} incidents, &ge; 0
 * @param granularity       {@link Granularity#DAY} (default) or {@link Granularity#HOUR}: one period per day or
 *                          per hour; hourly accounts follow a daily curve and get incidents that show within a
 *                          day (see {@code package-info.java})
 * @param trackingOutages   number of {@link IncidentKind#CONVERSION_TRACKING_OUTAGE} incidents, &ge; 0; hourly
 *                          accounts only (0 for daily ones)
 * @param traffic           multiplier of every keyword's mean impressions, finite and &gt; 0: the advertiser's
 *                          size (default 1: about $1,200 of spend a day at 1,000 keywords; the hourly default
 *                          10, a $12,000-a-day advertiser, the kind that buys hourly data and whose keywords
 *                          have something to show in an hour)
 */
public record SampleConfig(long seed, int keywords, int days, LocalDate start, int portfolios, int incidentDays,
                           int cpcSpikes, int ctrCollapses, int conversionDrops, int budgetExhaustions,
                           int reportingOutages, Granularity granularity, int trackingOutages, double traffic) {

    /** Default seed. */
    public static final long DEFAULT_SEED = 42L;
    /** Default number of keywords. */
    public static final int DEFAULT_KEYWORDS = 1_000;
    /** Default number of days: one quarter. */
    public static final int DEFAULT_DAYS = 90;
    /** Default first day. */
    public static final LocalDate DEFAULT_START = LocalDate.of(2026, 1, 1);
    /** Default number of portfolios. */
    public static final int DEFAULT_PORTFOLIOS = 3;
    /** Default incident range: incidents start within the last 30 days. */
    public static final int DEFAULT_INCIDENT_DAYS = 30;
    /** Default number of keyword CPC spikes. */
    public static final int DEFAULT_CPC_SPIKES = 3;
    /** Default number of keyword CTR collapses. */
    public static final int DEFAULT_CTR_COLLAPSES = 3;
    /** Default number of ad-group conversion drops. */
    public static final int DEFAULT_CONVERSION_DROPS = 2;
    /** Default number of campaign budget exhaustions. */
    public static final int DEFAULT_BUDGET_EXHAUSTIONS = 2;
    /** Default number of reporting outages. */
    public static final int DEFAULT_REPORTING_OUTAGES = 1;

    /** The defaults: 1,000 keywords, 90 days from 2026-01-01, 3 portfolios, 11 incidents in the last 30 days. */
    public static final SampleConfig DEFAULT = new SampleConfig(DEFAULT_SEED, DEFAULT_KEYWORDS, DEFAULT_DAYS,
            DEFAULT_START, DEFAULT_PORTFOLIOS, DEFAULT_INCIDENT_DAYS, DEFAULT_CPC_SPIKES, DEFAULT_CTR_COLLAPSES,
            DEFAULT_CONVERSION_DROPS, DEFAULT_BUDGET_EXHAUSTIONS, DEFAULT_REPORTING_OUTAGES, Granularity.DAY, 0, 1.0);

    /** Traffic of the hourly defaults. */
    public static final double HOURLY_TRAFFIC = 10.0;

    /**
     * The hourly defaults: the same 1,000-keyword account structure at ten times the traffic, over 56 days of
     * hours (8 weeks: 4 of baseline, the rest to train and to judge), 9 incidents within the last 7 days — two
     * campaign budgets that run dry every afternoon for 3–4 days, two evening CPC spikes, two listings
     * suppressed from mid-afternoon, one ad group out of stock, one conversion-tracking outage and one reporting
     * gap of a few hours.
     */
    public static final SampleConfig HOURLY = new SampleConfig(DEFAULT_SEED, DEFAULT_KEYWORDS, 56, DEFAULT_START,
            DEFAULT_PORTFOLIOS, 7, 2, 2, 1, 2, 1, Granularity.HOUR, 1, HOURLY_TRAFFIC);

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException naming the field, the rule and the value
     * @throws NullPointerException     when {@code start} is null
     */
    public SampleConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(granularity, "granularity");
        positive("keywords", keywords);
        positive("days", days);
        positive("portfolios", portfolios);
        positive("incidentDays", incidentDays);
        if (portfolios > keywords) {
            throw new IllegalArgumentException("portfolios must be <= keywords (" + keywords + "), got "
                    + portfolios);
        }
        if (incidentDays > days) {
            throw new IllegalArgumentException("incidentDays must be <= days (" + days + "), got " + incidentDays);
        }
        notNegative("cpcSpikes", cpcSpikes);
        notNegative("ctrCollapses", ctrCollapses);
        notNegative("conversionDrops", conversionDrops);
        notNegative("budgetExhaustions", budgetExhaustions);
        notNegative("reportingOutages", reportingOutages);
        notNegative("trackingOutages", trackingOutages);
        if (!(traffic > 0) || !Double.isFinite(traffic)) {
            throw new IllegalArgumentException("traffic must be finite and > 0, got " + traffic);
        }
        if (granularity == Granularity.DAY && trackingOutages > 0) {
            throw new IllegalArgumentException("trackingOutages must be 0 for a daily account (conversion tracking "
                    + "stops for hours), got " + trackingOutages);
        }
        if (reportingOutages > incidentDays) {
            throw new IllegalArgumentException("reportingOutages must be <= incidentDays (" + incidentDays
                    + "), one outage a day, got " + reportingOutages);
        }
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + v);
        }
    }

    private static void notNegative(String name, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + v);
        }
    }

    /** @return the number of incidents of one kind to inject */
    public int incidents(IncidentKind kind) {
        return switch (Objects.requireNonNull(kind, "kind")) {
            case KEYWORD_CPC_SPIKE -> cpcSpikes;
            case KEYWORD_CTR_COLLAPSE -> ctrCollapses;
            case AD_GROUP_CONVERSION_DROP -> conversionDrops;
            case CAMPAIGN_BUDGET_EXHAUSTION -> budgetExhaustions;
            case REPORTING_OUTAGE -> reportingOutages;
            case CONVERSION_TRACKING_OUTAGE -> trackingOutages;
        };
    }

    /** @return the number of incidents of all kinds */
    public int totalIncidents() {
        return cpcSpikes + ctrCollapses + conversionDrops + budgetExhaustions + reportingOutages + trackingOutages;
    }

    /** @return the number of periods: {@code days}, or 24 × {@code days} for an hourly account */
    public int periods() {
        return granularity == Granularity.HOUR ? days * 24 : days;
    }

    /** @return this config with another seed */
    public SampleConfig withSeed(long seed) {
        return toBuilder().seed(seed).build();
    }

    /** @return this config with another number of keywords */
    public SampleConfig withKeywords(int keywords) {
        return toBuilder().keywords(keywords).build();
    }

    /**
     * @return this config with another number of days; {@code incidentDays} is lowered to {@code days} when it
     *         would exceed it, so {@code DEFAULT.withDays(21)} is valid
     */
    public SampleConfig withDays(int days) {
        return toBuilder().days(days).incidentDays(days > 0 ? Math.min(incidentDays, days) : incidentDays).build();
    }

    /** @return this config with another number of incidents of one kind */
    public SampleConfig withIncidents(IncidentKind kind, int count) {
        Builder b = toBuilder();
        switch (Objects.requireNonNull(kind, "kind")) {
            case KEYWORD_CPC_SPIKE -> b.cpcSpikes(count);
            case KEYWORD_CTR_COLLAPSE -> b.ctrCollapses(count);
            case AD_GROUP_CONVERSION_DROP -> b.conversionDrops(count);
            case CAMPAIGN_BUDGET_EXHAUSTION -> b.budgetExhaustions(count);
            case REPORTING_OUTAGE -> b.reportingOutages(count);
            case CONVERSION_TRACKING_OUTAGE -> b.trackingOutages(count);
        }
        return b.build();
    }

    /** @return this config without any incident: only normal behaviour */
    public SampleConfig withoutIncidents() {
        return toBuilder().noIncidents().build();
    }

    /** @return a builder starting from {@link #DEFAULT} */
    public static Builder builder() {
        return DEFAULT.toBuilder();
    }

    /** @return a builder starting from this config */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A mutable builder; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private long seed;
        private int keywords;
        private int days;
        private LocalDate start;
        private int portfolios;
        private int incidentDays;
        private int cpcSpikes;
        private int ctrCollapses;
        private int conversionDrops;
        private int budgetExhaustions;
        private int reportingOutages;
        private Granularity granularity;
        private int trackingOutages;
        private double traffic;

        private Builder(SampleConfig c) {
            seed = c.seed;
            keywords = c.keywords;
            days = c.days;
            start = c.start;
            portfolios = c.portfolios;
            incidentDays = c.incidentDays;
            cpcSpikes = c.cpcSpikes;
            ctrCollapses = c.ctrCollapses;
            conversionDrops = c.conversionDrops;
            budgetExhaustions = c.budgetExhaustions;
            reportingOutages = c.reportingOutages;
            granularity = c.granularity;
            trackingOutages = c.trackingOutages;
            traffic = c.traffic;
        }

        /** Sets the seed. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Sets the number of keywords. */
        public Builder keywords(int keywords) {
            this.keywords = keywords;
            return this;
        }

        /** Sets the number of days. */
        public Builder days(int days) {
            this.days = days;
            return this;
        }

        /** Sets the first day. */
        public Builder start(LocalDate start) {
            this.start = start;
            return this;
        }

        /** Sets the number of portfolios. */
        public Builder portfolios(int portfolios) {
            this.portfolios = portfolios;
            return this;
        }

        /** Sets the range, counted back from the last day, within which incidents start. */
        public Builder incidentDays(int incidentDays) {
            this.incidentDays = incidentDays;
            return this;
        }

        /** Sets the number of keyword CPC spikes. */
        public Builder cpcSpikes(int n) {
            this.cpcSpikes = n;
            return this;
        }

        /** Sets the number of keyword CTR collapses. */
        public Builder ctrCollapses(int n) {
            this.ctrCollapses = n;
            return this;
        }

        /** Sets the number of ad-group conversion drops. */
        public Builder conversionDrops(int n) {
            this.conversionDrops = n;
            return this;
        }

        /** Sets the number of campaign budget exhaustions. */
        public Builder budgetExhaustions(int n) {
            this.budgetExhaustions = n;
            return this;
        }

        /** Sets the number of reporting outages. */
        public Builder reportingOutages(int n) {
            this.reportingOutages = n;
            return this;
        }

        /** Sets the number of conversion-tracking outages (hourly accounts only). */
        public Builder trackingOutages(int n) {
            this.trackingOutages = n;
            return this;
        }

        /** Sets the period length; the incident counts are kept, so start from {@link #HOURLY} for hourly ones. */
        public Builder granularity(Granularity g) {
            this.granularity = g;
            return this;
        }

        /** Sets the traffic multiplier. */
        public Builder traffic(double v) {
            this.traffic = v;
            return this;
        }

        /** Sets every incident count to zero. */
        public Builder noIncidents() {
            trackingOutages = 0;
            cpcSpikes = 0;
            ctrCollapses = 0;
            conversionDrops = 0;
            budgetExhaustions = 0;
            reportingOutages = 0;
            return this;
        }

        /**
         * @return the validated config
         * @throws IllegalArgumentException as the record's constructor
         */
        public SampleConfig build() {
            return new SampleConfig(seed, keywords, days, start, portfolios, incidentDays, cpcSpikes, ctrCollapses,
                    conversionDrops, budgetExhaustions, reportingOutages, granularity, trackingOutages, traffic);
        }
    }
}
