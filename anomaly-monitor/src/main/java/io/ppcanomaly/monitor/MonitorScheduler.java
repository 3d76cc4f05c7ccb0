package io.ppcanomaly.monitor;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.monitor.registry.ModelVersion;
import io.ppcanomaly.monitor.spi.MonitorJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's daemon: a timer that every tick hands the profiles whose detection, retraining or clean-up is due to
 * a pool of workers (one job per profile at a time), and the extensions' jobs. On start
 * every profile's detection is due at once (catching up after downtime), and retraining too when a level's newest
 * model is older than a week and retraining is scheduled. Closing stops the timer, lets running jobs finish (up to the
 * shutdown timeout) and then interrupts what is left; every job writes in one transaction at its end, so an
 * interrupted job leaves nothing half-written.
 */
final class MonitorScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorScheduler.class);
    private static final Duration RETRAIN_INTERVAL = Duration.ofDays(7);

    /** Per profile: when each job is next due, and whether one runs now. */
    private static final class Due {
        volatile Instant detect;
        volatile Instant cleanup;
        volatile Instant retrain;
        volatile Granularity granularity;
        final AtomicBoolean running = new AtomicBoolean();
    }

    private final MonitorRuntime rt;
    private final DetectionJob detection;
    private final RetrainJob retraining;
    private final CleanupJob cleanup;
    private final List<MonitorJob> extensionJobs;
    private final Consumer<RunResult> afterRun;
    private final Duration tick;
    private final Map<String, Due> due = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private ExecutorService workers;
    private ScheduledExecutorService jobs;

    MonitorScheduler(MonitorRuntime rt, DetectionJob detection, RetrainJob retraining, CleanupJob cleanup,
                     List<MonitorJob> extensionJobs, Consumer<RunResult> afterRun, Duration tick) {
        this.rt = rt;
        this.detection = detection;
        this.retraining = retraining;
        this.cleanup = cleanup;
        this.extensionJobs = List.copyOf(extensionJobs);
        this.afterRun = afterRun;
        this.tick = tick;
    }

    synchronized void start() {
        Instant now = rt.clock.instant();
        for (ProfileSettings p : rt.config.profiles()) {
            Due d = new Due();
            d.detect = now;
            d.cleanup = rt.config.schedule().nextCleanup(now);
            d.retrain = firstRetraining(p, now);
            due.put(p.id().value(), d);
        }
        timer = Executors.newSingleThreadScheduledExecutor(threads("ppc-monitor-timer"));
        workers = Executors.newFixedThreadPool(rt.config.threads(), threads("ppc-monitor-worker"));
        timer.scheduleWithFixedDelay(this::tick, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        if (!extensionJobs.isEmpty()) {
            jobs = Executors.newScheduledThreadPool(extensionJobs.size(), threads("ppc-monitor-job"));
            for (MonitorJob j : extensionJobs) {
                jobs.scheduleWithFixedDelay(() -> runExtensionJob(j), j.interval().toMillis(), j.interval().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
        LOG.info("Monitor {} started: {} profiles, {} worker threads, schedule {}, {} extension jobs",
                rt.config.instanceId(), rt.config.profiles().size(), rt.config.threads(), rt.config.schedule(),
                extensionJobs.size());
    }

    /** Stops scheduling, waits for running jobs up to the shutdown timeout, then interrupts the rest. */
    synchronized void stop() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        workers.shutdown();
        if (jobs != null) {
            jobs.shutdown();
        }
        long deadline = System.nanoTime() + rt.config.shutdownTimeout().toNanos();
        try {
            if (!workers.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.warn("Monitor jobs still running after {}: interrupting them (each writes in one transaction at its "
                        + "end, so nothing half-written is left)", rt.config.shutdownTimeout());
                workers.shutdownNow();
            }
            if (jobs != null && !jobs.awaitTermination(Math.max(0, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS)) {
                jobs.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            if (jobs != null) {
                jobs.shutdownNow();
            }
            Thread.currentThread().interrupt();
        }
        LOG.info("Monitor {} stopped", rt.config.instanceId());
    }

    private void tick() {
        Instant now = rt.clock.instant();
        for (ProfileSettings p : rt.config.profiles()) {
            Due d = due.get(p.id().value());
            if (d.running.get()) {
                continue;
            }
            Runnable job = null;
            // each job sets its next time when it ends, even when it fails (a database down is retried at the next
            // slot, not every tick)
            if (!now.isBefore(d.detect)) {
                job = () -> {
                    try {
                        RunResult r = detection.run(p, null);
                        if (r.granularity() != null) {
                            d.granularity = r.granularity();
                        }
                        afterRun.accept(r);
                    } finally {
                        d.detect = rt.config.schedule().nextDetection(d.granularity == null ? Granularity.HOUR
                                : d.granularity, rt.clock.instant());
                    }
                };
            } else if (d.retrain != null && !now.isBefore(d.retrain)) {
                job = () -> {
                    try {
                        retraining.run(p);
                    } finally {
                        d.retrain = rt.config.schedule().nextRetraining(rt.clock.instant()).orElse(null);
                    }
                };
            } else if (!now.isBefore(d.cleanup)) {
                job = () -> {
                    try {
                        cleanup.run(p);
                    } finally {
                        d.cleanup = rt.config.schedule().nextCleanup(rt.clock.instant());
                    }
                };
            }
            if (job != null && d.running.compareAndSet(false, true)) {
                Runnable run = job;
                try {
                    workers.execute(() -> {
                        try {
                            run.run();
                        } catch (RuntimeException e) {
                            LOG.error("Monitor job of profile {} failed: {}", p.id(), e.toString(), e);
                        } finally {
                            d.running.set(false);
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    d.running.set(false);
                    return;
                }
            }
        }
    }

    private Instant firstRetraining(ProfileSettings p, Instant now) {
        if (rt.config.schedule().retrainDay().isEmpty()) {
            return null;
        }
        try {
            for (EntityType level : p.levels()) {
                List<ModelVersion> v = rt.registry.versions(p.id(), level);
                if (!v.isEmpty() && v.get(0).createdAt().plus(RETRAIN_INTERVAL).isBefore(now)) {
                    LOG.info("Profile {} {}: newest model v{} is older than {} days; retraining after the first "
                            + "detection run", p.id(), level.wireName(), v.get(0).id(), RETRAIN_INTERVAL.toDays());
                    return now;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot read profile {}'s model versions ({}); retraining at the scheduled time", p.id(),
                    e.toString());
        }
        return rt.config.schedule().nextRetraining(now).orElse(null);
    }

    private static void runExtensionJob(MonitorJob j) {
        try {
            j.task().run();
        } catch (RuntimeException e) {
            LOG.warn("Monitor extension job {} failed: {}", j.name(), e.toString(), e);
        }
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
