package io.ppcanomaly.server;

import io.ppcanomaly.api.features.FeatureConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;

/**
 * How an {@link AnomalyServer} runs. Immutable; {@link #builder()} starts from the defaults.
 *
 * @param host               the address to listen on (default {@code 127.0.0.1}: this machine only; {@code 0.0.0.0}
 *                           for every interface)
 * @param port               the port, 0 for any free one (default 8080)
 * @param maxBodyBytes       largest request body accepted, larger ones get 413 (default 1,000,000 = 1 MB)
 * @param rateLimitPerSecond sustained requests per second per key (default 20)
 * @param rateLimitBurst     requests a key may make at once (default 60)
 * @param syncDetectTimeout  how long {@code POST /api/anomaly/detect} waits for the detection before answering 202
 *                           with a job to poll (default 20 s)
 * @param detectionThreads   detections run at once (default 1: detection already uses every core)
 * @param detectionQueue     detections waiting at most; more get 503 (default 16)
 * @param jobRetention       how long a finished job stays readable (default 1 hour)
 * @param sessionIdle        how long an unused dashboard sign-in lasts (default 8 hours)
 * @param seriesBefore       periods the alert page shows before an alert (default 42)
 * @param seriesAfter        periods it shows after (default 7)
 * @param features           the feature configuration whose baseline the alert page draws (default
 *                           {@link FeatureConfig#DEFAULT})
 * @param referenceDay       the day the dashboard's default date ranges end on, or {@code null} for today
 *                           (the one-command start sets the sample's last day)
 * @param clock              the server's clock (jobs, today)
 */
public record ServerConfig(String host, int port, long maxBodyBytes, double rateLimitPerSecond, int rateLimitBurst,
                           Duration syncDetectTimeout, int detectionThreads, int detectionQueue, Duration jobRetention,
                           Duration sessionIdle, int seriesBefore, int seriesAfter, FeatureConfig features,
                           LocalDate referenceDay, Clock clock) {

    /** The defaults. */
    public static final ServerConfig DEFAULT = builder().build();

    /** Validates every field. */
    public ServerConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank, got '" + host + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 1, got " + maxBodyBytes);
        }
        if (!(rateLimitPerSecond > 0) || Double.isInfinite(rateLimitPerSecond)) {
            throw new IllegalArgumentException("rateLimitPerSecond must be finite and > 0, got " + rateLimitPerSecond);
        }
        if (rateLimitBurst < 1) {
            throw new IllegalArgumentException("rateLimitBurst must be >= 1, got " + rateLimitBurst);
        }
        positive("syncDetectTimeout", syncDetectTimeout);
        if (detectionThreads < 1) {
            throw new IllegalArgumentException("detectionThreads must be >= 1, got " + detectionThreads);
        }
        if (detectionQueue < 0) {
            throw new IllegalArgumentException("detectionQueue must be >= 0, got " + detectionQueue);
        }
        positive("jobRetention", jobRetention);
        positive("sessionIdle", sessionIdle);
        if (seriesBefore < 0 || seriesBefore > 1000) {
            throw new IllegalArgumentException("seriesBefore must be between 0 and 1000, got " + seriesBefore);
        }
        if (seriesAfter < 0 || seriesAfter > 1000) {
            throw new IllegalArgumentException("seriesAfter must be between 0 and 1000, got " + seriesAfter);
        }
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(clock, "clock");
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be > 0, got " + d);
        }
    }

    /** @return the day default date ranges end on */
    public LocalDate today() {
        return referenceDay != null ? referenceDay : LocalDate.now(clock);
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this configuration */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.maxBodyBytes = maxBodyBytes;
        b.rateLimitPerSecond = rateLimitPerSecond;
        b.rateLimitBurst = rateLimitBurst;
        b.syncDetectTimeout = syncDetectTimeout;
        b.detectionThreads = detectionThreads;
        b.detectionQueue = detectionQueue;
        b.jobRetention = jobRetention;
        b.sessionIdle = sessionIdle;
        b.seriesBefore = seriesBefore;
        b.seriesAfter = seriesAfter;
        b.features = features;
        b.referenceDay = referenceDay;
        b.clock = clock;
        return b;
    }

    /** Builds a {@link ServerConfig}; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private long maxBodyBytes = 1_000_000;
        private double rateLimitPerSecond = 20;
        private int rateLimitBurst = 60;
        private Duration syncDetectTimeout = Duration.ofSeconds(20);
        private int detectionThreads = 1;
        private int detectionQueue = 16;
        private Duration jobRetention = Duration.ofHours(1);
        private Duration sessionIdle = Duration.ofHours(8);
        private int seriesBefore = 42;
        private int seriesAfter = 7;
        private FeatureConfig features = FeatureConfig.DEFAULT;
        private LocalDate referenceDay;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** @param v the address to listen on; @return this */
        public Builder host(String v) {
            host = v;
            return this;
        }

        /** @param v the port, 0 for any free one; @return this */
        public Builder port(int v) {
            port = v;
            return this;
        }

        /** @param v largest request body in bytes; @return this */
        public Builder maxBodyBytes(long v) {
            maxBodyBytes = v;
            return this;
        }

        /** @param perSecond sustained requests per second per key; @param burst at once; @return this */
        public Builder rateLimit(double perSecond, int burst) {
            rateLimitPerSecond = perSecond;
            rateLimitBurst = burst;
            return this;
        }

        /** @param v how long a detection request waits before answering 202; @return this */
        public Builder syncDetectTimeout(Duration v) {
            syncDetectTimeout = v;
            return this;
        }

        /** @param threads detections at once; @param queue waiting at most; @return this */
        public Builder detections(int threads, int queue) {
            detectionThreads = threads;
            detectionQueue = queue;
            return this;
        }

        /** @param v how long finished jobs stay readable; @return this */
        public Builder jobRetention(Duration v) {
            jobRetention = v;
            return this;
        }

        /** @param v how long an unused sign-in lasts; @return this */
        public Builder sessionIdle(Duration v) {
            sessionIdle = v;
            return this;
        }

        /** @param before periods shown before an alert; @param after after it; @return this */
        public Builder series(int before, int after) {
            seriesBefore = before;
            seriesAfter = after;
            return this;
        }

        /** @param v the feature configuration whose baseline the alert page draws; @return this */
        public Builder features(FeatureConfig v) {
            features = v;
            return this;
        }

        /** @param v the day default ranges end on ({@code null}: today); @return this */
        public Builder referenceDay(LocalDate v) {
            referenceDay = v;
            return this;
        }

        /** @param v the server's clock; @return this */
        public Builder clock(Clock v) {
            clock = v;
            return this;
        }

        /** @return the validated configuration */
        public ServerConfig build() {
            return new ServerConfig(host, port, maxBodyBytes, rateLimitPerSecond, rateLimitBurst, syncDetectTimeout,
                    detectionThreads, detectionQueue, jobRetention, sessionIdle, seriesBefore, seriesAfter, features,
                    referenceDay, clock);
        }
    }
}
