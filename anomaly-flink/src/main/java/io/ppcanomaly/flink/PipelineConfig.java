package io.ppcanomaly.flink;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.DetectionRequest;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * How {@link PpcAnomalyPipeline} runs: the period length, the levels judged, how late events may come, how much
 * history each entity keeps and when a silent one is forgotten, and the detection settings the library's
 * {@link DetectionRequest} names (explanations, root causes, seed, look-back, confirmation, score floor).
 * Immutable and serializable (Flink ships it to every task).
 *
 * @param granularity      the period length of the events
 * @param levels           the levels judged, each with its own model; keyword means every leaf
 * @param outOfOrderness   how far event time may run backwards before an event counts as late for the watermark,
 *                         &ge; 0
 * @param allowedLateness  how long after a period's end its events are still taken; a period is rolled up and
 *                         judged once the watermark passes its end plus this; later events go to the late side
 *                         output, counted, never silently dropped; &ge; 0
 * @param silentPeriods    periods without any record after which an entity's state is dropped (its trailing
 *                         window would be all zeros: a keyword paused for good), &ge; 1
 * @param explain          explain each alert (the request's explainer)
 * @param rootCause        trace root causes (the request's analyzer)
 * @param seed             the request's seed (learning order of the streaming member)
 * @param startLookback    periods looked back for an anomaly's start, &ge; 0
 * @param confirmPeriod    alert a period only when it carries the anomaly itself
 * @param minScore         alert floor, or a negative number for none
 * @param explainer        explainer provider name
 * @param rootCauseAnalyzer root-cause analyzer provider name
 */
public record PipelineConfig(Granularity granularity, List<EntityType> levels, Duration outOfOrderness,
                             Duration allowedLateness, int silentPeriods, boolean explain, boolean rootCause, long seed,
                             int startLookback, boolean confirmPeriod, double minScore, String explainer,
                             String rootCauseAnalyzer) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Daily keyword detection, in-order events, two days of lateness, library defaults otherwise. */
    public static final PipelineConfig DEFAULT = new PipelineConfig(Granularity.DAY, List.of(EntityType.KEYWORD),
            Duration.ZERO, Duration.ofDays(2), 90, true, true, DetectionRequest.DEFAULT_SEED,
            DetectionRequest.DEFAULT_START_LOOKBACK, true, -1, DetectionRequest.DEFAULT_EXPLAINER,
            DetectionRequest.DEFAULT_ROOT_CAUSE_ANALYZER);

    /** Validates and freezes. */
    public PipelineConfig {
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(levels, "levels");
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("levels must name at least one level, got none");
        }
        for (EntityType t : levels) {
            if (t != EntityType.KEYWORD && t != EntityType.AD_GROUP && t != EntityType.CAMPAIGN
                    && t != EntityType.PORTFOLIO) {
                throw new IllegalArgumentException("levels must be keyword, ad_group, campaign or portfolio, got "
                        + t.wireName());
            }
        }
        levels = List.copyOf(new ArrayList<>(new java.util.LinkedHashSet<>(levels)));
        if (outOfOrderness == null || outOfOrderness.isNegative()) {
            throw new IllegalArgumentException("outOfOrderness must be >= 0, got " + outOfOrderness);
        }
        if (allowedLateness == null || allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowedLateness must be >= 0, got " + allowedLateness);
        }
        if (silentPeriods < 1) {
            throw new IllegalArgumentException("silentPeriods must be >= 1, got " + silentPeriods);
        }
        if (startLookback < 0) {
            throw new IllegalArgumentException("startLookback must be >= 0, got " + startLookback);
        }
        if (!(minScore < 0 || minScore <= 1)) {
            throw new IllegalArgumentException("minScore must be in [0, 1] or negative (none), got " + minScore);
        }
        Objects.requireNonNull(explainer, "explainer");
        Objects.requireNonNull(rootCauseAnalyzer, "rootCauseAnalyzer");
    }

    /** @return this config judging {@code v} */
    public PipelineConfig withLevels(List<EntityType> v) {
        return new PipelineConfig(granularity, v, outOfOrderness, allowedLateness, silentPeriods, explain, rootCause,
                seed, startLookback, confirmPeriod, minScore, explainer, rootCauseAnalyzer);
    }

    /** @return this config with other watermark and lateness bounds */
    public PipelineConfig withLateness(Duration outOfOrder, Duration lateness) {
        return new PipelineConfig(granularity, levels, outOfOrder, lateness, silentPeriods, explain, rootCause,
                seed, startLookback, confirmPeriod, minScore, explainer, rootCauseAnalyzer);
    }

    /** @return this config with explanations and root causes switched */
    public PipelineConfig withAnalysis(boolean explainAlerts, boolean traceRootCauses) {
        return new PipelineConfig(granularity, levels, outOfOrderness, allowedLateness, silentPeriods, explainAlerts,
                traceRootCauses, seed, startLookback, confirmPeriod, minScore, explainer, rootCauseAnalyzer);
    }

    /** @return the request a level is judged with: these settings, the model's features added by the caller */
    DetectionRequest request(EntityType level) {
        DetectionRequest.Builder b = DetectionRequest.builder().entityType(level).explain(explain)
                .explainer(explainer).rootCause(rootCause).rootCauseAnalyzer(rootCauseAnalyzer).seed(seed)
                .startLookback(startLookback).confirmPeriod(confirmPeriod).explainerOptions(new Properties())
                .rootCauseOptions(new Properties());
        if (minScore >= 0) {
            b.minScore(minScore);
        }
        return b.build();
    }

    /**
     * @return periods of history each entity keeps: the default features' window and baseline, the look-back for
     *         an anomaly's start, and two weeks (daily) or two days (hourly) more for root-cause forecasts
     */
    public int historyPeriods() {
        io.ppcanomaly.api.features.FeatureConfig f = io.ppcanomaly.api.features.FeatureConfig.defaults(granularity);
        return f.windowLength() + f.baselineLength() + startLookback + (granularity == Granularity.HOUR ? 48 : 14);
    }

    /** @return periods each entity's ring holds: the history plus the periods a late event may still change */
    int trailCapacity() {
        return historyPeriods() + (int) latenessPeriods() + 2;
    }

    /** @return the allowed lateness in whole periods, rounded up */
    long latenessPeriods() {
        long len = Periods.length(granularity);
        return (allowedLateness.toMillis() + len - 1) / len;
    }
}
