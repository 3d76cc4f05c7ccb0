package io.ppcanomaly.service;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.SeverityPolicy;
import io.ppcanomaly.api.features.FeatureConfig;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Properties;

/**
 * What one detection run checks and how. Immutable (the option {@link Properties} are copied in and out);
 * build one with {@link #builder()}.
 *
 * <h2>Periods</h2>
 * The run judges the {@code periods} periods ending at {@code asOf} (the data's last period when
 * {@code null}). With one period it is the daily job: fit on everything before it, score it. With more it is a
 * backtest: the detector is fitted once on the data before the first of them, then each period is scored in
 * turn from data up to it only; a {@link io.ppcanomaly.api.StreamingDetector} learns each period after scoring
 * it, the period's windows in an order shuffled with {@code seed} (a batch has no natural order, and learning it
 * sorted would leave a sliding-window learner's latest memory holding only the last entities). The metrics are loaded up to {@code asOf} and no further.
 *
 * @param entityType          level checked: {@link EntityType#KEYWORD} (every leaf, keywords and product
 *                            targets), {@link EntityType#AD_GROUP}, {@link EntityType#CAMPAIGN} or
 *                            {@link EntityType#PORTFOLIO}; parents' metrics are the sums of their leaves'
 * @param profileId           the advertiser profile, or {@code null} for all the source holds
 * @param asOf                the last period judged, or {@code null} for the data's last period
 * @param periods             how many periods ending at {@code asOf} to judge, &ge; 1 (default 1)
 * @param detector            detector provider name (default {@value #DEFAULT_DETECTOR})
 * @param detectorOptions     the detector's options (provider keys), never {@code null}
 * @param model               a fitted detector to use instead of fitting one, or {@code null}; it must match
 *                            the feature schema and window length. It is never mutated: a backtest that
 *                            learns works on a copy
 * @param explain             whether to explain each anomalous window
 * @param explainer           explainer provider name (default {@value #DEFAULT_EXPLAINER})
 * @param explainerOptions    the explainer's options
 * @param rootCause           whether to run root-cause analysis over the anomalies
 * @param rootCauseAnalyzer   analyzer provider name (default {@value #DEFAULT_ROOT_CAUSE_ANALYZER})
 * @param rootCauseOptions    the analyzer's options
 * @param features            window and feature configuration, or {@code null} (the default) for the defaults of
 *                            the data's granularity, {@link FeatureConfig#defaults(Granularity)}: windows of 14
 *                            periods, a seasonal baseline of 28 days or of 4 weeks of hours
 * @param trainingStride      step between training window ends per entity, &ge; 1 (default 1)
 * @param maxTrainingWindows  cap on training windows, &ge; 1; beyond it a sample with {@code seed}, stratified by
 *                            entity size (decades of clicks per period, equal shares) so that large entities'
 *                            ordinary noise is learnt as normal
 *                            (default {@value #DEFAULT_MAX_TRAINING_WINDOWS})
 * @param startLookback       periods looked back to find when an anomaly started, &ge; 0 (default
 *                            {@value #DEFAULT_START_LOOKBACK}); root-cause analysis uses the starts
 * @param confirmPeriod       whether an alert needs the judged period itself to carry the anomaly (default
 *                            {@code true}). A flagged window is split into two players, the judged period and the
 *                            earlier periods, with the entity's baseline (zeros) as "absent", and the period is
 *                            alerted when the judged row alone is flagged, or when its Shapley share is at least
 *                            the earlier periods' — that is, when the window with only the judged row scores at
 *                            least as high as the window with the judged row at baseline. A window flagged because
 *                            of earlier rows only — the days after an
 *                            incident, while it is still inside the window — is an echo of periods already judged;
 *                            echoes are counted in {@link DetectionReport#echoesSuppressed()}, not alerted. The
 *                            comparison uses two scores of one model, so it holds whatever the score scale
 * @param minScore            an alert floor on top of the detector's threshold, or empty (the default) for none.
 *                            With calibrated scores (the ensemble's: 0.999 = rarer than 999 in 1,000 normal
 *                            windows) it bounds the expected false alerts per period to about
 *                            (1 − minScore) × entities checked: with 1,000 keywords and the ensemble's 0.99
 *                            threshold, about 10 a day; with a floor of 0.999, about 1. Flags below the floor are
 *                            counted in {@link DetectionReport#belowMinScore()}
 * @param seed                seed of the training sample
 * @param severity            the score × money severity table
 */
public record DetectionRequest(EntityType entityType, String profileId, LocalDateTime asOf, int periods,
                               String detector, Properties detectorOptions, Detector model, boolean explain,
                               String explainer, Properties explainerOptions, boolean rootCause,
                               String rootCauseAnalyzer, Properties rootCauseOptions, FeatureConfig features,
                               int trainingStride, int maxTrainingWindows, int startLookback,
                               boolean confirmPeriod, OptionalDouble minScore,
                               long seed, SeverityPolicy severity) {

    /** Default detector: the calibrated ensemble. */
    public static final String DEFAULT_DETECTOR = "ensemble";
    /** Default explainer. */
    public static final String DEFAULT_EXPLAINER = "monte-carlo-shapley";
    /** Default root-cause analyzer. */
    public static final String DEFAULT_ROOT_CAUSE_ANALYZER = "hierarchy";
    /** Default cap on training windows. */
    public static final int DEFAULT_MAX_TRAINING_WINDOWS = 60_000;
    /** Default look-back for anomaly starts. */
    public static final int DEFAULT_START_LOOKBACK = 7;
    /** Default seed. */
    public static final long DEFAULT_SEED = 20260314L;

    /** Validates every field and copies the options. */
    public DetectionRequest {
        Objects.requireNonNull(entityType, "entityType");
        if (entityType == EntityType.PROFILE || entityType == EntityType.PRODUCT_TARGET) {
            throw new IllegalArgumentException("entityType must be keyword, ad_group, campaign or portfolio, got "
                    + entityType.wireName());
        }
        if (profileId != null && profileId.isBlank()) {
            throw new IllegalArgumentException("profileId must be null or non-blank, got '" + profileId + "'");
        }
        if (periods < 1) {
            throw new IllegalArgumentException("periods must be >= 1, got " + periods);
        }
        requireName("detector", detector);
        requireName("explainer", explainer);
        requireName("rootCauseAnalyzer", rootCauseAnalyzer);
        detectorOptions = copy(detectorOptions);
        explainerOptions = copy(explainerOptions);
        rootCauseOptions = copy(rootCauseOptions);
        if (trainingStride < 1) {
            throw new IllegalArgumentException("trainingStride must be >= 1, got " + trainingStride);
        }
        if (maxTrainingWindows < 1) {
            throw new IllegalArgumentException("maxTrainingWindows must be >= 1, got " + maxTrainingWindows);
        }
        if (startLookback < 0) {
            throw new IllegalArgumentException("startLookback must be >= 0, got " + startLookback);
        }
        Objects.requireNonNull(minScore, "minScore");
        unit("minScore", minScore);
        Objects.requireNonNull(severity, "severity");
        if (model != null && !model.isFitted()) {
            throw new IllegalArgumentException("model must be fitted, got an unfitted '" + model.name() + "'");
        }
    }

    private static void unit(String what, OptionalDouble v) {
        if (v.isPresent() && !(v.getAsDouble() > 0 && v.getAsDouble() <= 1)) {
            throw new IllegalArgumentException(what + " must be in (0, 1], got " + v.getAsDouble());
        }
    }

    private static void requireName(String what, String v) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(what + " must be a provider name, got '" + v + "'");
        }
    }

    private static Properties copy(Properties p) {
        Properties out = new Properties();
        if (p != null) {
            for (String k : p.stringPropertyNames()) {
                out.setProperty(k, p.getProperty(k));
            }
        }
        return out;
    }

    /** @return a copy of the detector's options */
    @Override
    public Properties detectorOptions() {
        return copy(detectorOptions);
    }

    /** @return a copy of the explainer's options */
    @Override
    public Properties explainerOptions() {
        return copy(explainerOptions);
    }

    /** @return a copy of the analyzer's options */
    @Override
    public Properties rootCauseOptions() {
        return copy(rootCauseOptions);
    }

    /**
     * @return the feature configuration for data of granularity {@code g}: {@link #features()}, or when that is
     *         {@code null} the defaults of {@code g}
     */
    public FeatureConfig featuresFor(Granularity g) {
        return features != null ? features : FeatureConfig.defaults(g);
    }

    /** @return this request with {@link #features()} fixed for data of granularity {@code g} */
    DetectionRequest resolvedFor(Granularity g) {
        return features != null ? this : toBuilder().features(FeatureConfig.defaults(g)).build();
    }

    /** @return the name of the detector that scores: the model's when one is given */
    public String detectorName() {
        return model != null ? model.name() : detector;
    }

    /** @return a builder with every default */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this request's values */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.entityType = entityType;
        b.profileId = profileId;
        b.asOf = asOf;
        b.periods = periods;
        b.detector = detector;
        b.detectorOptions = detectorOptions;
        b.model = model;
        b.explain = explain;
        b.explainer = explainer;
        b.explainerOptions = explainerOptions;
        b.rootCause = rootCause;
        b.rootCauseAnalyzer = rootCauseAnalyzer;
        b.rootCauseOptions = rootCauseOptions;
        b.features = features;
        b.trainingStride = trainingStride;
        b.maxTrainingWindows = maxTrainingWindows;
        b.startLookback = startLookback;
        b.confirmPeriod = confirmPeriod;
        b.minScore = minScore;
        b.seed = seed;
        b.severity = severity;
        return b;
    }

    /** A plain builder; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private EntityType entityType = EntityType.KEYWORD;
        private String profileId;
        private LocalDateTime asOf;
        private int periods = 1;
        private String detector = DEFAULT_DETECTOR;
        private Properties detectorOptions;
        private Detector model;
        private boolean explain = true;
        private String explainer = DEFAULT_EXPLAINER;
        private Properties explainerOptions;
        private boolean rootCause = true;
        private String rootCauseAnalyzer = DEFAULT_ROOT_CAUSE_ANALYZER;
        private Properties rootCauseOptions;
        private FeatureConfig features;
        private int trainingStride = 1;
        private int maxTrainingWindows = DEFAULT_MAX_TRAINING_WINDOWS;
        private int startLookback = DEFAULT_START_LOOKBACK;
        private boolean confirmPeriod = true;
        private OptionalDouble minScore = OptionalDouble.empty();
        private long seed = DEFAULT_SEED;
        private SeverityPolicy severity = SeverityPolicy.DEFAULT;

        private Builder() {
        }

        /** @see DetectionRequest#entityType() */
        public Builder entityType(EntityType v) {
            entityType = v;
            return this;
        }

        /** @see DetectionRequest#profileId() */
        public Builder profileId(String v) {
            profileId = v;
            return this;
        }

        /** @see DetectionRequest#asOf() */
        public Builder asOf(LocalDateTime v) {
            asOf = v;
            return this;
        }

        /** @see DetectionRequest#periods() */
        public Builder periods(int v) {
            periods = v;
            return this;
        }

        /** @see DetectionRequest#detector() */
        public Builder detector(String v) {
            detector = v;
            return this;
        }

        /** @see DetectionRequest#detectorOptions() */
        public Builder detectorOptions(Properties v) {
            detectorOptions = v;
            return this;
        }

        /** @see DetectionRequest#model() */
        public Builder model(Detector v) {
            model = v;
            return this;
        }

        /** @see DetectionRequest#explain() */
        public Builder explain(boolean v) {
            explain = v;
            return this;
        }

        /** @see DetectionRequest#explainer() */
        public Builder explainer(String v) {
            explainer = v;
            return this;
        }

        /** @see DetectionRequest#explainerOptions() */
        public Builder explainerOptions(Properties v) {
            explainerOptions = v;
            return this;
        }

        /** @see DetectionRequest#rootCause() */
        public Builder rootCause(boolean v) {
            rootCause = v;
            return this;
        }

        /** @see DetectionRequest#rootCauseAnalyzer() */
        public Builder rootCauseAnalyzer(String v) {
            rootCauseAnalyzer = v;
            return this;
        }

        /** @see DetectionRequest#rootCauseOptions() */
        public Builder rootCauseOptions(Properties v) {
            rootCauseOptions = v;
            return this;
        }

        /** Sets the feature configuration; {@code null} means the defaults of the data's granularity. @see DetectionRequest#features() */
        public Builder features(FeatureConfig v) {
            features = v;
            return this;
        }

        /** @see DetectionRequest#trainingStride() */
        public Builder trainingStride(int v) {
            trainingStride = v;
            return this;
        }

        /** @see DetectionRequest#maxTrainingWindows() */
        public Builder maxTrainingWindows(int v) {
            maxTrainingWindows = v;
            return this;
        }

        /** @see DetectionRequest#startLookback() */
        public Builder startLookback(int v) {
            startLookback = v;
            return this;
        }

        /** @see DetectionRequest#confirmPeriod() */
        public Builder confirmPeriod(boolean v) {
            confirmPeriod = v;
            return this;
        }

        /** @see DetectionRequest#minScore() */
        public Builder minScore(double v) {
            minScore = OptionalDouble.of(v);
            return this;
        }

        /** Removes the alert floor. */
        public Builder noMinScore() {
            minScore = OptionalDouble.empty();
            return this;
        }

        /** @see DetectionRequest#seed() */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** @see DetectionRequest#severity() */
        public Builder severity(SeverityPolicy v) {
            severity = v;
            return this;
        }

        /** @return the validated request */
        public DetectionRequest build() {
            return new DetectionRequest(entityType, profileId, asOf, periods, detector, detectorOptions, model,
                    explain, explainer, explainerOptions, rootCause, rootCauseAnalyzer, rootCauseOptions, features,
                    trainingStride, maxTrainingWindows, startLookback, confirmPeriod, minScore,
                    seed, severity);
        }
    }
}
