package io.ppcanomaly.api.sample;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a realistic synthetic Amazon Sponsored Products account with labelled incidents: the data for
 * tests, benchmarks, the CLI's built-in samples (daily and hourly) and scaling runs. The model is described in
 * {@code package-info.java}.
 *
 * <pre>{@code
 * SampleAccount account = SyntheticAccountGenerator.generate(SampleConfig.DEFAULT);
 * MetricSeries kw = account.keywordSeries().get("kw-000123");
 * for (Incident i : account.incidents()) { ... i.rootEntityId(), i.kind().rootCauseKind() ... }
 * }</pre>
 *
 * <p>The same config (seed included) always gives bit-identical series and incidents, on any JVM and
 * platform, whatever the thread count: every entity draws from its own random stream, and the samplers use
 * only strict, platform-independent arithmetic. Accounts of 20,000 keywords or more are generated on the
 * common fork-join pool. Thread-safe (stateless).
 */
public final class SyntheticAccountGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticAccountGenerator.class);

    private SyntheticAccountGenerator() {
    }

    /**
     * Generates the account described by {@code config}.
     *
     * @return the account; deterministic in {@code config}
     * @throws IllegalArgumentException when the configured incidents do not fit the account (too few campaigns
     *                                  or incident days for the counts); the message says what to change. The
     *                                  default counts fit from 8 keywords with {@code incidentDays} &ge; 30,
     *                                  and from about 300 keywords with {@code incidentDays} &ge; 14; the hourly
     *                                  defaults ({@link SampleConfig#HOURLY}) from 60 keywords over 10 days
     */
    public static SampleAccount generate(SampleConfig config) {
        Objects.requireNonNull(config, "config");
        long t0 = System.nanoTime();
        AccountLayout layout = AccountLayout.create(config);
        AccountModel model = AccountModel.create(config, layout);
        MetricSeries[] series;
        List<Incident> incidents;
        if (config.granularity() == Granularity.HOUR) {
            HourlyModel hourly = HourlyModel.create(config, layout);
            HourlyIncidentPlanner.Plan plan = HourlyIncidentPlanner.plan(config, layout, model);
            series = HourlySimulator.simulate(config, layout, model, hourly, plan);
            incidents = plan.incidents();
        } else {
            IncidentPlanner.Plan plan = IncidentPlanner.plan(config, layout, model);
            series = DailySimulator.simulate(config, layout, model, plan);
            incidents = plan.incidents();
        }
        SampleAccount account = new SampleAccount(config, layout.graph, layout.keywordIds, series, incidents);
        if (LOG.isDebugEnabled()) {
            LOG.debug("generated {} ({} campaigns, {} ad groups) in {} ms", account, layout.campaigns,
                    layout.adGroups, (System.nanoTime() - t0) / 1_000_000);
        }
        return account;
    }
}
