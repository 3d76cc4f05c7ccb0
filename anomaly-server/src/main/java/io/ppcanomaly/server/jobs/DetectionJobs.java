package io.ppcanomaly.server.jobs;

import io.ppcanomaly.store.ProfileId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detection runs in the background, so a request can wait for a short one and hand out a job to poll for a long
 * one (HTTP 202). A fixed number of worker threads (detection is CPU-bound: more threads than cores only slows
 * every run) and a bounded queue; finished jobs are kept for a retention period, then forgotten. Thread-safe.
 */
public final class DetectionJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionJobs.class);

    private final ThreadPoolExecutor executor;
    private final Duration retention;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    /**
     * @param threads   detections run at once, &ge; 1
     * @param queue     detections waiting at most, &ge; 0
     * @param retention how long a finished job stays readable, &gt; 0
     */
    public DetectionJobs(int threads, int queue, Duration retention, Clock clock) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (queue < 0) {
            throw new IllegalArgumentException("queue must be >= 0, got " + queue);
        }
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.isZero() || retention.isNegative()) {
            throw new IllegalArgumentException("retention must be > 0, got " + retention);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                queue == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, "ppca-detection-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Queues a detection.
     *
     * @param profile the tenant the job belongs to (only its keys can read it)
     * @param work    the detection; it returns the response body, or throws
     * @return the queued job
     * @throws RejectedExecutionException when every worker is busy and the queue is full
     */
    public Job submit(ProfileId profile, Callable<byte[]> work) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(work, "work");
        forgetOld();
        Job job = new Job(id(), profile, clock);
        jobs.put(job.id(), job);
        try {
            executor.execute(() -> job.run(work));
        } catch (RejectedExecutionException e) {
            jobs.remove(job.id());
            throw e;
        }
        return job;
    }

    /** @return the job with this id, whatever its profile (the caller checks the profile) */
    public Optional<Job> get(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(jobs.get(id));
    }

    /** @return jobs queued or running now */
    public int inFlight() {
        return executor.getActiveCount() + executor.getQueue().size();
    }

    private void forgetOld() {
        Instant cutoff = clock.instant().minus(retention);
        jobs.values().removeIf(j -> j.finishedAt() != null && j.finishedAt().isBefore(cutoff));
    }

    private String id() {
        byte[] b = new byte[18];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Stops taking jobs, lets running ones finish for up to 30 s, then interrupts them. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("Detection jobs still running after 30 s at shutdown: interrupting them");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
