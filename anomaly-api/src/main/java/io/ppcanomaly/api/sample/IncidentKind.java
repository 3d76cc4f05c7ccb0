package io.ppcanomaly.api.sample;

import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.model.EntityType;
import java.util.Locale;

/**
 * The kinds of incident {@link SyntheticAccountGenerator} injects, each with the level of its true root entity
 * and the {@link RootCauseKind} a root-cause analyzer should report for it.
 */
public enum IncidentKind {
    /** A competitor bids up one keyword: its CPC rises 2.2–3.5× for 3–7 days and it loses ~10% of auctions. */
    KEYWORD_CPC_SPIKE(EntityType.KEYWORD, RootCauseKind.CPC_SPIKE),
    /** One keyword's listing is suppressed or loses the buy box: its CTR falls to 8–20% for 3–7 days. */
    KEYWORD_CTR_COLLAPSE(EntityType.KEYWORD, RootCauseKind.CTR_COLLAPSE),
    /**
     * The product of an ad group is out of stock: the conversion rate of every keyword falls to 3–8% of normal
     * for 4–7 days and, from the second day, Amazon halves their impressions.
     */
    AD_GROUP_CONVERSION_DROP(EntityType.AD_GROUP, RootCauseKind.CONVERSION_DROP),
    /**
     * A campaign's daily budget runs dry early in the day: impressions (and so clicks, spend, orders and sales)
     * of every keyword fall to 25–35% for 3–6 days, while CPC, CTR and conversion rate stay as they were.
     */
    CAMPAIGN_BUDGET_EXHAUSTION(EntityType.CAMPAIGN, RootCauseKind.BUDGET_EXHAUSTION),
    /**
     * The report of one day (or, in hourly data, of a few hours) is missing: every keyword of the profile shows
     * all-zero metrics for those periods.
     */
    REPORTING_OUTAGE(EntityType.PROFILE, RootCauseKind.REPORTING_OUTAGE),
    /**
     * Hourly accounts only: conversion tracking stops for a few hours (a broken attribution feed) while ads keep
     * serving: impressions, clicks and spend go on, every keyword reports no orders and no sales.
     */
    CONVERSION_TRACKING_OUTAGE(EntityType.PROFILE, RootCauseKind.CONVERSION_DROP);

    private final EntityType rootType;
    private final RootCauseKind rootCauseKind;

    IncidentKind(EntityType rootType, RootCauseKind rootCauseKind) {
        this.rootType = rootType;
        this.rootCauseKind = rootCauseKind;
    }

    /** @return the type of the entity where the incident originates (its true root cause) */
    public EntityType rootType() {
        return rootType;
    }

    /** @return the root-cause kind an analyzer should report for this incident */
    public RootCauseKind rootCauseKind() {
        return rootCauseKind;
    }

    /** @return the lower-case name used in reports, e.g. {@code keyword_cpc_spike} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
