package io.ppcanomaly.monitor;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.monitor.lease.Lease;
import io.ppcanomaly.monitor.registry.ModelRegistry;
import io.ppcanomaly.monitor.registry.ModelVersion;
import io.ppcanomaly.monitor.spi.MonitorContext;
import io.ppcanomaly.monitor.spi.MonitorExtension;
import io.ppcanomaly.monitor.spi.MonitorExtensionProvider;
import io.ppcanomaly.monitor.spi.MonitorExtensions;
import io.ppcanomaly.monitor.spi.MonitorJob;
import io.ppcanomaly.monitor.state.MonitorState;
import io.ppcanomaly.monitor.state.Watermark;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.SaveHook;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library running itself: detection per profile and level at a cadence fitting the data, the daily clean-up and
 * weekly retraining, incremental and restart-safe, on any {@link MetricSource} and an {@link AlertStore}.
 *
 * <pre>{@code
 * try (AlertStore store = AlertStore.open(dataSource);
 *      AnomalyMonitor monitor = AnomalyMonitor.builder()
 *              .config(MonitorConfig.of(properties))       // profiles, levels, detector, schedule, retraining
 *              .store(store)
 *              .source(source)                             // CSV, JDBC, in memory: any MetricSource
 *              .build()) {
 *     monitor.start();                                     // the daemon; or, with your own scheduler:
 *     RunResult r = monitor.runOnce(ProfileId.of("3712345678901234"), null);   // latest closed period
 * }
 * }</pre>
 *
 * <h2>A run</h2>
 * {@link #runOnce} takes the profile's lease in the database (two instances never run one profile at once), reads
 * its metrics once, and for each level judges every period after the level's watermark — after downtime, every
 * period missed, none twice — with the champion model as it stands after learning through the watermark (streaming
 * members keep learning). The alerts, the new watermark, the learnt model and the ledger of judged periods are
 * written in one transaction, fenced by the lease, with the extensions' save hooks (notification outbox rows). Runs
 * chained this way judge exactly what one backtest over their periods judges with the same starting model
 * ({@link AnomalyService#detectLive}), and a restarted monitor continues exactly where the last one stopped. A level
 * without a model first trains one on the data before the period judged.
 *
 * <h2>Retraining and the registry</h2>
 * {@link #retrain} trains a challenger per level with the people's labels, shadow-scores it beside the champion on the
 * recent periods and promotes it only if it is not worse on the labelled alerts and does not raise the false-alert
 * rate; the decision and both models' figures are kept with the version and logged. {@link #registry()} lists
 * versions; {@link #rollback} makes an earlier one champion again.
 *
 * <h2>Threads</h2>
 * Thread-safe. {@link #close()} stops the daemon, lets running jobs finish (up to the configured shutdown timeout)
 * and closes the extensions; it does not close the store or the source.
 */
public final class AnomalyMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnomalyMonitor.class);

    private final MonitorRuntime rt;
    private final DetectionJob detection;
    private final RetrainJob retraining;
    private final CleanupJob cleanup;
    private final List<MonitorExtension> extensions;
    private final List<MonitorJob> jobs;
    private final Duration tick;
    private final ScheduledExecutorService heartbeat;
    private MonitorScheduler scheduler;
    private boolean closed;

    private AnomalyMonitor(Builder b) {
        List<SaveHook> hooks = new ArrayList<>(b.hooks);
        List<MonitorJob> j = new ArrayList<>(b.jobs);
        for (MonitorExtension e : b.extensions) {
            hooks.addAll(e.saveHooks());
            j.addAll(e.jobs());
        }
        this.rt = new MonitorRuntime(b.config, b.store, b.service == null ? new AnomalyService(b.clock) : b.service,
                b.sources, hooks, b.clock);
        this.detection = new DetectionJob(rt);
        this.retraining = new RetrainJob(rt);
        this.cleanup = new CleanupJob(rt);
        this.extensions = List.copyOf(b.extensions);
        this.jobs = List.copyOf(j);
        this.tick = b.tick;
        AtomicInteger n = new AtomicInteger();
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ppc-monitor-leases-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        long renew = Math.max(1000, b.config.leaseTtl().toMillis() / 3);
        heartbeat.scheduleAtFixedRate(this::renewLeases, renew, renew, TimeUnit.MILLISECONDS);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the configuration */
    public MonitorConfig config() {
        return rt.config;
    }

    /** @return the model registry on the monitor's store */
    public ModelRegistry registry() {
        return rt.registry;
    }

    /** @return the extensions running in this monitor */
    public List<MonitorExtension> extensions() {
        return extensions;
    }

    /**
     * Starts the daemon: each profile's detection at once (catching up), then at its cadence; the clean-up daily;
     * retraining weekly (and at once for a level whose newest model is older than a week); the extensions' jobs.
     *
     * @throws IllegalStateException when already started or closed
     */
    public synchronized void start() {
        if (closed || scheduler != null) {
            throw new IllegalStateException("monitor must be new to start, got one " + (closed ? "closed" : "started"));
        }
        scheduler = new MonitorScheduler(rt, detection, retraining, cleanup, jobs, this::afterRun, tick);
        scheduler.start();
    }

    /**
     * Runs detection of one profile now, on the caller's thread: every period after each level's watermark up to
     * {@code asOf}.
     *
     * @param asOf the last period to judge, or {@code null} for the latest period closed by the schedule's clock;
     *             cut at the data's last period
     * @return what was judged and stored; {@link RunResult.Outcome#SKIPPED} when another instance holds the lease
     * @throws IllegalArgumentException for a profile that is not configured
     */
    public RunResult runOnce(ProfileId profile, LocalDateTime asOf) {
        RunResult r = detection.run(settings(profile), asOf);
        afterRun(r);
        return r;
    }

    /** {@link #runOnce(ProfileId, LocalDateTime)} for every configured profile, in order. */
    public List<RunResult> runOnce(LocalDateTime asOf) {
        List<RunResult> out = new ArrayList<>();
        for (ProfileSettings p : rt.config.profiles()) {
            out.add(runOnce(p.id(), asOf));
        }
        return out;
    }

    /**
     * Retrains every level of a profile now, on the caller's thread (see the class comment).
     *
     * @return one result per level
     * @throws IllegalArgumentException for a profile that is not configured
     */
    public List<RetrainResult> retrain(ProfileId profile) {
        return retraining.run(settings(profile));
    }

    /** Runs the daily clean-up of a profile now. */
    public CleanupResult cleanUp(ProfileId profile) {
        return cleanup.run(settings(profile));
    }

    /** @return where the monitor stands on a profile and level, if it judged or holds a model there */
    public Optional<Watermark> watermark(ProfileId profile, EntityType level) {
        return rt.store.inTransaction(profile, tx -> MonitorState.watermark(tx, level));
    }

    /**
     * Makes an earlier model version champion again, under the profile's lease. The next run brings it up to date
     * (replaying the periods judged after its training, learning only) and judges with it.
     *
     * @return the version, now champion
     * @throws IllegalArgumentException for an unknown version or one of another level
     * @throws IllegalStateException    when another instance holds the profile's lease (try again)
     */
    public ModelVersion rollback(ProfileId profile, EntityType level, long versionId) {
        settings(profile);
        Lease lease = rt.leases.tryAcquire(profile, "rollback").orElseThrow(() -> new IllegalStateException(
                "profile " + profile + " is being run by " + rt.leases.currentHolder(profile).orElse("another instance")
                        + ": try the rollback again when it is done"));
        try {
            ModelVersion v = rt.store.inTransaction(profile, tx -> {
                lease.verify(tx);
                ModelVersion target = rt.registry.version(tx, versionId).orElseThrow(() ->
                        new IllegalArgumentException("model version must be one of profile " + profile + "'s, got "
                                + versionId));
                if (target.level() != level) {
                    throw new IllegalArgumentException("model version " + versionId + " must be a "
                            + level.wireName() + " model, got a " + target.level().wireName() + " model");
                }
                return rt.registry.promote(tx, versionId);
            });
            rt.cache.remove(MonitorRuntime.key(settings(profile), level));
            LOG.info("Rolled profile {} {} back to model {}", profile, level.wireName(), v.describe());
            return v;
        } finally {
            lease.close();
        }
    }

    /** Stops the daemon (running jobs finish, up to the shutdown timeout) and closes the extensions. Idempotent. */
    @Override
    public void close() {
        MonitorScheduler s;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            s = scheduler;
        }
        if (s != null) {
            s.stop();
        }
        heartbeat.shutdownNow();
        for (MonitorExtension e : extensions) {
            try {
                e.close();
            } catch (RuntimeException ex) {
                LOG.warn("Closing monitor extension {} failed: {}", e, ex.toString());
            }
        }
    }

    private ProfileSettings settings(ProfileId profile) {
        Objects.requireNonNull(profile, "profile");
        ProfileSettings p = rt.config.profile(profile.value());
        if (p == null) {
            List<String> ids = new ArrayList<>();
            rt.config.profiles().forEach(x -> ids.add(x.id().value()));
            throw new IllegalArgumentException("profile must be one of the monitored " + ids + ", got '" + profile + "'");
        }
        return p;
    }

    private void afterRun(RunResult r) {
        for (MonitorExtension e : extensions) {
            try {
                e.afterRun(r);
            } catch (RuntimeException ex) {
                LOG.warn("Monitor extension {} failed after the run of profile {}: {}", e, r.profile(), ex.toString());
            }
        }
    }

    private void renewLeases() {
        for (Lease l : new ArrayList<>(rt.held)) {
            try {
                l.renew();
            } catch (RuntimeException e) {
                LOG.warn("Renewing {} failed: {}", l, e.toString());
            }
        }
    }

    /** Builds an {@link AnomalyMonitor}. Not thread-safe. */
    public static final class Builder {
        private MonitorConfig config;
        private AlertStore store;
        private MetricSourceFactory sources;
        private AnomalyService service;
        private Clock clock = Clock.systemUTC();
        private final List<MonitorExtension> extensions = new ArrayList<>();
        private final List<SaveHook> hooks = new ArrayList<>();
        private final List<MonitorJob> jobs = new ArrayList<>();
        private boolean discover = true;
        private Duration tick = Duration.ofSeconds(10);

        private Builder() {
        }

        /** @param v what to run (required); @return this */
        public Builder config(MonitorConfig v) {
            config = Objects.requireNonNull(v, "config");
            return this;
        }

        /** @param v the store alerts, watermarks, models and leases live in (required); @return this */
        public Builder store(AlertStore v) {
            store = Objects.requireNonNull(v, "store");
            return this;
        }

        /** @param v one source for every profile; @return this */
        public Builder source(MetricSource v) {
            Objects.requireNonNull(v, "source");
            sources = p -> v;
            return this;
        }

        /** @param v the source of each profile; @return this */
        public Builder sources(MetricSourceFactory v) {
            sources = Objects.requireNonNull(v, "sources");
            return this;
        }

        /** @param v the detection service (default: a new one on the monitor's clock); @return this */
        public Builder service(AnomalyService v) {
            service = Objects.requireNonNull(v, "service");
            return this;
        }

        /** @param v the clock of schedules (default UTC system clock); @return this */
        public Builder clock(Clock v) {
            clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        /** @param v an extension to run in the monitor (besides those found on the class path); @return this */
        public Builder extension(MonitorExtension v) {
            extensions.add(Objects.requireNonNull(v, "extension"));
            return this;
        }

        /** @param v a hook run in every detection save transaction, after the monitor's writes; @return this */
        public Builder saveHook(SaveHook v) {
            hooks.add(Objects.requireNonNull(v, "hook"));
            return this;
        }

        /** @param v a job the daemon runs beside its own; @return this */
        public Builder job(MonitorJob v) {
            jobs.add(Objects.requireNonNull(v, "job"));
            return this;
        }

        /**
         * @param v whether to create the extensions found on the class path ({@link MonitorExtensionProvider}) with
         *          their configuration keys (default true); @return this
         */
        public Builder discoverExtensions(boolean v) {
            discover = v;
            return this;
        }

        /** @param v how often the daemon checks what is due (default 10 s); @return this */
        public Builder tick(Duration v) {
            if (v.isNegative() || v.isZero()) {
                throw new IllegalArgumentException("tick must be > 0, got " + v);
            }
            tick = v;
            return this;
        }

        /**
         * @return the monitor (not started)
         * @throws IllegalStateException    when the config, store or source is missing
         * @throws IllegalArgumentException when an extension refuses its configuration (key and value named)
         */
        public AnomalyMonitor build() {
            if (config == null || store == null || sources == null) {
                throw new IllegalStateException("monitor needs a config, a store and a source, got "
                        + (config == null ? "no config " : "") + (store == null ? "no store " : "")
                        + (sources == null ? "no source" : "").trim());
            }
            if (discover) {
                MonitorContext ctx = new MonitorContext(store, config, clock);
                Properties keys = config.extensionKeys();
                for (MonitorExtensionProvider p : MonitorExtensions.available()) {
                    Properties own = new Properties();
                    for (String k : keys.stringPropertyNames()) {
                        for (String prefix : p.keyPrefixes()) {
                            if (k.startsWith(prefix)) {
                                own.setProperty(k, keys.getProperty(k));
                            }
                        }
                    }
                    MonitorExtension e = p.create(ctx, own);
                    if (e != null) {
                        LOG.info("Monitor extension {} created ({} configuration keys)", p.name(), own.size());
                        extensions.add(e);
                    }
                }
            }
            return new AnomalyMonitor(this);
        }
    }
}
