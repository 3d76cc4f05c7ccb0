package io.ppcanomaly.flink;

/**
 * A (profile, level)'s model in keyed state: the version it came from and the model as it stands after learning
 * the periods judged so far, in the detector's own {@code save} format. A Flink POJO.
 */
public class LevelState {

    /** The model version it started from. */
    public String versionId;
    /** The (learnt) model's {@code save} bytes; the version's own bytes until it first learns. */
    public byte[] model;
    /** Number of the last period judged with it, or {@code Long.MIN_VALUE} before the first. */
    public long judgedThrough = Long.MIN_VALUE;

    /** For Flink. */
    public LevelState() {
    }
}
