package io.ppcanomaly.flink;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Passes events through (slowed to about 7,000 a second) and throws once, at the first record after {@code after} records once a checkpoint has
 * completed, so the job restarts from that checkpoint (not from scratch). JVM-wide flags: the MiniCluster runs in
 * the test's JVM, and the restarted task is a new instance.
 */
final class FailOnce implements MapFunction<KeywordEvent, KeywordEvent>, CheckpointListener {

    private static final long serialVersionUID = 1L;
    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicInteger CHECKPOINTS = new AtomicInteger();
    private final int after;
    private int seen;

    FailOnce(int after) {
        this.after = after;
    }

    @Override
    public KeywordEvent map(KeywordEvent e) throws InterruptedException {
        seen++;
        if (seen % 20 == 0) {
            // events arrive over a few seconds, as a feed does, so checkpoints complete while they stream in
            Thread.sleep(3);
        }
        if (seen > after && CHECKPOINTS.get() > 0 && FAILED.compareAndSet(false, true)) {
            throw new IllegalStateException("injected failure after " + seen + " records");
        }
        return e;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        CHECKPOINTS.incrementAndGet();
    }
}
