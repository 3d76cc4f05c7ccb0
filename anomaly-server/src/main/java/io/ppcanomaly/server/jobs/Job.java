package io.ppcanomaly.server.jobs;

import io.ppcanomaly.store.ProfileId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One detection in the background: queued, running, then succeeded with a response body or failed with an
 * exception. Thread-safe; its state only moves forward.
 */
public final class Job {

    private static final Logger LOG = LoggerFactory.getLogger(Job.class);

    /** Where a job is. */
    public enum State {
        /** Waiting for a worker. */
        QUEUED,
        /** A worker runs it. */
        RUNNING,
        /** Done: {@link #result()} holds the response body. */
        SUCCEEDED,
        /** Done: {@link #failure()} says why. */
        FAILED;

        /** @return the lower-case name used in the API */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String id;
    private final ProfileId profile;
    private final Clock clock;
    private final Instant submittedAt;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile State state = State.QUEUED;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile byte[] result;
    private volatile Exception failure;

    Job(String id, ProfileId profile, Clock clock) {
        this.id = id;
        this.profile = profile;
        this.clock = clock;
        this.submittedAt = clock.instant();
    }

    void run(Callable<byte[]> work) {
        startedAt = clock.instant();
        state = State.RUNNING;
        try {
            result = work.call();
            finishedAt = clock.instant();
            state = State.SUCCEEDED;
        } catch (Exception e) {
            failure = e;
            finishedAt = clock.instant();
            state = State.FAILED;
            LOG.debug("Detection job {} of profile {} failed: {}", id, profile, e.toString());
        } catch (Error e) {
            failure = new IllegalStateException("the detection failed: " + e);
            finishedAt = clock.instant();
            state = State.FAILED;
            LOG.error("Detection job {} of profile {} failed", id, profile, e);
            throw e;
        } finally {
            done.countDown();
        }
    }

    /**
     * Waits for the job to finish.
     *
     * @return whether it finished within {@code timeout}
     */
    public boolean await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** @return the job's id (random, 24 URL-safe characters) */
    public String id() {
        return id;
    }

    /** @return the tenant it belongs to */
    public ProfileId profile() {
        return profile;
    }

    /** @return its state now */
    public State state() {
        return state;
    }

    /** @return when it was queued */
    public Instant submittedAt() {
        return submittedAt;
    }

    /** @return when a worker took it, or {@code null} */
    public Instant startedAt() {
        return startedAt;
    }

    /** @return when it finished, or {@code null} */
    public Instant finishedAt() {
        return finishedAt;
    }

    /** @return the response body once succeeded, else {@code null} */
    public byte[] result() {
        return result;
    }

    /** @return why it failed once failed, else {@code null} */
    public Exception failure() {
        return failure;
    }
}
