package io.ppcanomaly.api.sample;

/**
 * Names of the independent random streams of the generator ({@link Sampler#stream}). Each kind of draw has
 * its own stream per entity, so adding a draw to one never shifts another: the daily draws of keyword 17 are
 * the same whether there are 100 keywords or a million, and whether they are generated in parallel.
 */
final class Domains {
    /** Counts and sizes of the hierarchy. */
    static final long STRUCTURE = 1;
    /** One keyword's name. */
    static final long KEYWORD_NAME = 2;
    /** One portfolio's weekly pattern. */
    static final long PORTFOLIO = 3;
    /** One campaign's factors and its daily volume factors. */
    static final long CAMPAIGN = 4;
    /** One ad group's conversion rate, order value and daily conversion factors. */
    static final long AD_GROUP = 5;
    /** One keyword's volume, CTR, CPC and conversion factor. */
    static final long KEYWORD_RATES = 6;
    /** One keyword's daily draws. */
    static final long KEYWORD_DAILY = 7;
    /** Choice of incidents. */
    static final long INCIDENTS = 8;
    /** One keyword's hourly draws (hourly accounts). */
    static final long KEYWORD_HOURLY = 9;
    /** One campaign's hourly volume factors (hourly accounts). */
    static final long CAMPAIGN_HOURLY = 10;
    /** One portfolio's daily curve (hourly accounts). */
    static final long PORTFOLIO_HOURLY = 11;
    /** Choice of incidents of an hourly account. */
    static final long HOURLY_INCIDENTS = 12;

    private Domains() {
    }
}
