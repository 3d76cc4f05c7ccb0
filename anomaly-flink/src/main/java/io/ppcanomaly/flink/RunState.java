package io.ppcanomaly.flink;

/**
 * An entity's run of anomalous periods still going (the library's {@code OngoingAnomaly}) in keyed state: what the
 * next period needs to carry an anomaly's start and peak score on. A Flink POJO.
 */
public class RunState {

    /** The run's first period, epoch milliseconds. */
    public long start;
    /** Its latest anomalous period, epoch milliseconds. */
    public long last;
    /** Its highest score. */
    public double peak;

    /** For Flink. */
    public RunState() {
    }
}
