package io.ppcanomaly.monitor;

import io.ppcanomaly.monitor.config.ConfigParser;
import io.ppcanomaly.monitor.retrain.RetrainPolicy;
import io.ppcanomaly.monitor.schedule.Schedule;
import io.ppcanomaly.service.DetectionRequest;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * What the monitor runs and how. Immutable; build with {@link #builder()} or read a configuration file with
 * {@link #of(Properties)} (the keys are documented in the module README and {@link ConfigParser}).
 *
 * @param profiles        the monitored profiles, at least one, unique ids
 * @param detection       how each run detects: detector and its options, features, explanations, root causes,
 *                        minimum score, severity, training sample. Its level, profile, as-of, periods and model are
 *                        set per run, so they must be left at their defaults here
 * @param schedule        when the jobs run
 * @param retraining      how retraining trains and promotes
 * @param instanceId      this instance's name in leases and logs (1 to 256 characters)
 * @param leaseTtl        how long a lease lasts without renewal (renewed every third of it while a job runs)
 * @param threads         profiles run at once by this instance, &ge; 1
 * @param keepVersions    non-champion model versions kept per profile and level by the daily clean-up, &ge; 0
 * @param ledgerDays      days of the judged-periods ledger kept, &ge; the retraining's shadow days
 * @param shutdownTimeout how long {@code close()} waits for running jobs
 * @param sourceKeys      the {@code source.*} keys, prefix removed (read by {@code MonitorSources})
 * @param storeKeys       the {@code store.*} keys, prefix removed (read by {@code MonitorStores})
 * @param extensionKeys   keys claimed by extensions (e.g. {@code notify.*}, {@code route.*}), passed to them unparsed
 */
public record MonitorConfig(List<ProfileSettings> profiles, DetectionRequest detection, Schedule schedule,
                            RetrainPolicy retraining, String instanceId, Duration leaseTtl, int threads,
                            int keepVersions, int ledgerDays, Duration shutdownTimeout, Properties sourceKeys,
                            Properties storeKeys, Properties extensionKeys) {

    /** Default lease time to live. */
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofMinutes(10);
    /** Default versions kept besides the champion and the live one. */
    public static final int DEFAULT_KEEP_VERSIONS = 10;
    /** Default ledger retention. */
    public static final int DEFAULT_LEDGER_DAYS = 400;
    /** Default wait for running jobs on close. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofMinutes(10);

    /** Validates and freezes. */
    public MonitorConfig {
        profiles = List.copyOf(profiles);
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("profiles must name at least one profile, got none");
        }
        Set<String> ids = new HashSet<>();
        for (ProfileSettings p : profiles) {
            if (!ids.add(p.id().value())) {
                throw new IllegalArgumentException("profiles must not repeat, got " + p.id() + " twice");
            }
        }
        Objects.requireNonNull(detection, "detection");
        if (detection.model() != null || detection.asOf() != null || detection.periods() != 1
                || detection.profileId() != null) {
            throw new IllegalArgumentException("detection must leave model, asOf, periods and profileId at their "
                    + "defaults (the monitor sets them per run)");
        }
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(retraining, "retraining");
        Objects.requireNonNull(instanceId, "instanceId");
        if (instanceId.isBlank() || instanceId.length() > 256) {
            throw new IllegalArgumentException("instanceId must be 1 to 256 characters, got '" + instanceId + "'");
        }
        if (leaseTtl.isNegative() || leaseTtl.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalArgumentException("leaseTtl must be at least 3 s, got " + leaseTtl);
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be in [1, 256], got " + threads);
        }
        if (keepVersions < 0) {
            throw new IllegalArgumentException("keepVersions must be >= 0, got " + keepVersions);
        }
        if (ledgerDays < retraining.shadowDays()) {
            throw new IllegalArgumentException("ledgerDays must be >= the retraining's shadow days "
                    + retraining.shadowDays() + ", got " + ledgerDays);
        }
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout must be >= 0, got " + shutdownTimeout);
        }
        sourceKeys = copy(sourceKeys);
        storeKeys = copy(storeKeys);
        extensionKeys = copy(extensionKeys);
    }

    /** @return copies of the keys (the record keeps its own) */
    @Override
    public Properties sourceKeys() {
        return copy(sourceKeys);
    }

    /** @return copies of the keys */
    @Override
    public Properties storeKeys() {
        return copy(storeKeys);
    }

    /** @return copies of the keys */
    @Override
    public Properties extensionKeys() {
        return copy(extensionKeys);
    }

    /** @return the settings of a monitored profile, or {@code null} */
    public ProfileSettings profile(String id) {
        for (ProfileSettings p : profiles) {
            if (p.id().value().equals(id)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Reads a configuration file's properties. Keys under the prefixes of the monitor extensions found on the class
     * path ({@code MonitorExtensionProvider}) are kept for them unparsed; any other unknown key is refused.
     *
     * @throws IllegalArgumentException naming the key and the value of the first problem
     */
    public static MonitorConfig of(Properties properties) {
        return ConfigParser.parse(properties, io.ppcanomaly.monitor.spi.MonitorExtensions.prefixes());
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.profiles.addAll(profiles);
        b.detection = detection;
        b.schedule = schedule;
        b.retraining = retraining;
        b.instanceId = instanceId;
        b.leaseTtl = leaseTtl;
        b.threads = threads;
        b.keepVersions = keepVersions;
        b.ledgerDays = ledgerDays;
        b.shutdownTimeout = shutdownTimeout;
        b.sourceKeys = sourceKeys;
        b.storeKeys = storeKeys;
        b.extensionKeys = extensionKeys;
        return b;
    }

    /** @return this process's default instance id: {@code <pid>@<host>} */
    public static String defaultInstanceId() {
        return ManagementFactory.getRuntimeMXBean().getName();
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

    /** Builds a {@link MonitorConfig}. Not thread-safe. */
    public static final class Builder {
        private final List<ProfileSettings> profiles = new ArrayList<>();
        private DetectionRequest detection = DetectionRequest.builder().build();
        private Schedule schedule = Schedule.DEFAULT;
        private RetrainPolicy retraining = RetrainPolicy.DEFAULT;
        private String instanceId = defaultInstanceId();
        private Duration leaseTtl = DEFAULT_LEASE_TTL;
        private int threads = 1;
        private int keepVersions = DEFAULT_KEEP_VERSIONS;
        private int ledgerDays = DEFAULT_LEDGER_DAYS;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private Properties sourceKeys = new Properties();
        private Properties storeKeys = new Properties();
        private Properties extensionKeys = new Properties();

        private Builder() {
        }

        /** @param p a monitored profile, added; @return this */
        public Builder profile(ProfileSettings p) {
            profiles.add(Objects.requireNonNull(p, "profile"));
            return this;
        }

        /** @param v the detection template; @return this */
        public Builder detection(DetectionRequest v) {
            detection = v;
            return this;
        }

        /** @param v the schedule; @return this */
        public Builder schedule(Schedule v) {
            schedule = v;
            return this;
        }

        /** @param v the retraining policy; @return this */
        public Builder retraining(RetrainPolicy v) {
            retraining = v;
            return this;
        }

        /** @param v this instance's id; @return this */
        public Builder instanceId(String v) {
            instanceId = v;
            return this;
        }

        /** @param v the lease time to live; @return this */
        public Builder leaseTtl(Duration v) {
            leaseTtl = v;
            return this;
        }

        /** @param v profiles run at once; @return this */
        public Builder threads(int v) {
            threads = v;
            return this;
        }

        /** @param v versions kept; @return this */
        public Builder keepVersions(int v) {
            keepVersions = v;
            return this;
        }

        /** @param v ledger days kept; @return this */
        public Builder ledgerDays(int v) {
            ledgerDays = v;
            return this;
        }

        /** @param v wait for running jobs on close; @return this */
        public Builder shutdownTimeout(Duration v) {
            shutdownTimeout = v;
            return this;
        }

        /** @param v the {@code source.*} keys, prefix removed; @return this */
        public Builder sourceKeys(Properties v) {
            sourceKeys = v;
            return this;
        }

        /** @param v the {@code store.*} keys, prefix removed; @return this */
        public Builder storeKeys(Properties v) {
            storeKeys = v;
            return this;
        }

        /** @param v keys passed to extensions unparsed; @return this */
        public Builder extensionKeys(Properties v) {
            extensionKeys = v;
            return this;
        }

        /** @return the configuration */
        public MonitorConfig build() {
            return new MonitorConfig(profiles, detection, schedule, retraining, instanceId, leaseTtl, threads,
                    keepVersions, ledgerDays, shutdownTimeout, sourceKeys, storeKeys, extensionKeys);
        }
    }
}
