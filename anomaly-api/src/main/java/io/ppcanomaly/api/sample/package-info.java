/**
 * A synthetic Amazon Sponsored Products account generator with labelled incidents, for tests, benchmarks,
 * the CLI's built-in sample and scaling runs. Usable from main code; no test jar needed.
 *
 * <pre>{@code
 * SampleAccount a = SyntheticAccountGenerator.generate(SampleConfig.DEFAULT.withSeed(7));
 * a.graph();               // pr-01 → pf-01.. → cp-01-01.. → ag-01-01-01.. → kw-000001..
 * a.keywordSeries();       // keyword id → daily (or hourly) MetricSeries, graph order
 * a.series("cp-01-03");    // any entity: the sum of its keywords
 * a.incidents();           // ground truth: kind, root entity, days, affected keywords, magnitude
 * }</pre>
 *
 * <h2>Hierarchy</h2>
 * One profile ({@code pr-01}), {@code portfolios} portfolios (one product theme each: running shoes, yoga,
 * kitchen storage …), campaigns named like {@code "SP - Trail Running - Exact"} (5–8 per portfolio at 1,000
 * keywords), 3–6 ad groups per campaign named after products, and keywords spread over the ad groups with
 * lognormal weights: about 11 per ad group at 1,000 keywords, about 25 at 1,000,000, at least one everywhere.
 * Ids are stable and unique ({@code pf-01}, {@code cp-01-03}, {@code ag-01-03-02}, {@code kw-000123}; wider
 * when counts need it); names may repeat. Each campaign's targeting type (exact, phrase, broad, auto, in turn)
 * scales its traffic by 0.6/1.0/1.4/1.8, CTR by 1.3/1.0/0.8/0.7 and conversion rate by 1.2/1.0/0.85/0.8.
 *
 * <h2>Normal behaviour</h2>
 * Per keyword: mean daily impressions = campaign traffic (targeting factor × lognormal, log-sd 0.6) ×
 * lognormal (median 80, log-sd 1.35), capped at 50,000: most keywords small, the top 10% holding about 60%
 * of impressions, a few above 5,000 a day; CTR lognormal around 0.8% (log-sd 0.4, clamped to [0.05%, 8%]);
 * CPC = $1.10 × campaign factor (log-sd 0.3) × keyword factor (log-sd 0.35), clamped to [$0.15, $8];
 * conversion rate = ad-group rate (median 9%, log-sd 0.3) × keyword factor (log-sd 0.2); average order value
 * per ad group log-uniform within its theme's range ($15–$80). Per day: a weekly pattern per portfolio
 * (amplitude ±10–20%, random peak day), a campaign trend of at most ±7.5% from the middle of the range, a
 * daily volume factor shared by a campaign (log-sd 0.12) and one per keyword (0.08), CTR and CPC day factors
 * per keyword (0.08 each), and a conversion factor shared by an ad group (0.06). Counts are sampled exactly:
 * impressions ~ Poisson, clicks ~ Binomial(impressions, CTR), orders ~ Binomial(clicks, CVR); spend = clicks ×
 * CPC and sales = orders × order value × a day factor (0.1), both in cents. Resulting account: CTR about 0.9%,
 * CPC about $1.3, CVR about 10%, ACOS about 35%.
 *
 * <h2>Incidents</h2>
 * Injected as multipliers of the latent rates on the days they cover, so counts stay consistent (clicks ≤
 * impressions, whole numbers) and nothing else changes. All start within the last {@code incidentDays} days,
 * on roots large enough that the incident is unmistakable:
 * <ul>
 *   <li>{@link io.ppcanomaly.api.sample.IncidentKind#KEYWORD_CPC_SPIKE}: CPC × 2.2–3.5 and impressions × 0.9
 *       for 3–7 days, on a keyword with ≥ 15 expected clicks a day;</li>
 *   <li>{@link io.ppcanomaly.api.sample.IncidentKind#KEYWORD_CTR_COLLAPSE}: CTR × 0.08–0.2 for 3–7 days, on a
 *       keyword with ≥ 1,500 impressions and ≥ 12 clicks a day;</li>
 *   <li>{@link io.ppcanomaly.api.sample.IncidentKind#AD_GROUP_CONVERSION_DROP}: every keyword of an ad group
 *       with ≥ 6 expected orders and ≥ 50 clicks a day, conversion rate × 0.03–0.08 for 4–7 days, impressions
 *       × 0.5 from the second day;</li>
 *   <li>{@link io.ppcanomaly.api.sample.IncidentKind#CAMPAIGN_BUDGET_EXHAUSTION}: every keyword of a campaign
 *       with ≥ 5 keywords and ≥ 30 expected clicks a day whose keywords are mostly large enough to show the
 *       loss, impressions × 0.25–0.35 for 3–6 days;</li>
 *   <li>{@link io.ppcanomaly.api.sample.IncidentKind#REPORTING_OUTAGE}: every keyword reports zeros for one
 *       day; no other incident covers that day.</li>
 * </ul>
 * An incident never lies inside another's root, no entity roots two incidents, and incidents less than two
 * days apart never share a campaign. Only an account too small for that relaxes the rules (nesting on other
 * days first, then roots below the size thresholds, with a warning in the log); if even that fails,
 * generation throws {@link java.lang.IllegalArgumentException} saying what to change. On the default account
 * each incident moves its feature clearly ({@link io.ppcanomaly.api.features.FeatureExtractor} defaults:
 * {@code cpc} ≥ 0.7, {@code ctr} ≤ −1.2, the ad group's {@code cvr} ≤ −0.9, the campaign's
 * {@code impressions} ≤ −1.0 over seeds 1–16), while the 99th percentile of |feature| on normal keyword-days
 * is 0.11 for {@code cpc}, 0.44 for {@code impressions}, 1.5 for {@code ctr}.
 *
 * <h2>Hourly accounts</h2>
 * {@link io.ppcanomaly.api.sample.SampleConfig#HOURLY} (or {@code granularity(HOUR)}) generates one period per
 * hour: the same hierarchy and keyword rates, at {@code traffic} times the impressions (10 by default: an
 * advertiser big enough to buy hourly data, whose larger keywords have something to show in an hour), 56 days of
 * hours from 2026-01-01. Each day's expected traffic (the daily model above, weekly pattern included) is spread
 * over its hours by a curve per portfolio: a typical shopper's weekday — lowest at 04:00 (about 12% of the
 * evening), a plateau through the working day, the peak at 19:00–21:00 — with the portfolio's peak moved by up
 * to an hour and its nights deepened by an exponent in [0.9, 1.25]; on Saturdays and Sundays 35% of the curve
 * moves to a broad midday hump (13:30, sd 3.5 hours). CTR, CPC and conversion rate follow mild hourly curves,
 * highest in the evening (±8%, ±12%, ±15%). Per keyword and day: volume, CTR and CPC factors (log-sd 0.08, as
 * daily); per hour: a campaign volume factor (0.08), a keyword volume factor (0.10), CTR and CPC factors
 * (0.05). Counts are sampled exactly as for days ({@code HourlySimulator} has the formulas).
 *
 * <p>Hourly incidents show within a day (details in {@code HourlyIncidentPlanner}); the defaults place 9 in the
 * last 7 days: two campaign budgets that run dry every afternoon (12:00–17:00) for 3–4 days running — one
 * {@link io.ppcanomaly.api.sample.Incident} with a {@link io.ppcanomaly.api.sample.Incident.Span} per day —,
 * two competitors' dayparting CPC spikes of 4–6 evening hours, two listings suppressed (CTR × 0.05–0.15) from
 * mid-afternoon for 10–30 hours, an ad group out of stock for 12–36 hours (conversion rate × 0.03–0.08 at
 * once, its ads no longer served — impressions × 0.1 — from the third hour), a
 * {@link io.ppcanomaly.api.sample.IncidentKind#CONVERSION_TRACKING_OUTAGE} of 3–8 hours (orders and sales
 * reported as zero while clicks go on) and a reporting gap of 1–3 hours. Roots are large enough to show within
 * an hour (a CPC spike on a keyword with ≥ 200 expected clicks a day, a stock-out on an ad group with ≥ 30
 * orders). Hourly accounts draw from their own random streams, so the daily sample is unchanged, bit for bit.
 * 1,000 keywords × 1,344 hours take a few seconds and about 60 MB.
 *
 * <h2>Cost</h2>
 * About 0.5 µs of CPU per keyword-day: 1,000 keywords × 90 days in a fraction of a second, 1,000,000 × 90 in
 * about a minute of CPU spread over the cores and 4 GB of heap (the series themselves take 3.6 GB).
 */
package io.ppcanomaly.api.sample;
