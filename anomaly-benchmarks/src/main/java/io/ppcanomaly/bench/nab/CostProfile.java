package io.ppcanomaly.bench.nab;

import java.util.List;
import java.util.Objects;

/**
 * One NAB application profile: the weights of a true positive, a missed window (false negative) and a false
 * positive in the NAB score. True negatives weigh nothing.
 *
 * <p>The three published profiles are {@link #STANDARD}, {@link #REWARD_LOW_FP} and {@link #REWARD_LOW_FN}
 * (NAB {@code config/profiles.json}). The false-positive weight 0.11 is about the share of a file covered by
 * label windows (10%), so that random detections score about zero.
 *
 * @param name     the profile name as NAB spells it
 * @param tpWeight the credit of a detection at the very start of a window, {@code > 0}
 * @param fnWeight the cost of a window with no detection, {@code >= 0}
 * @param fpWeight the cost of a false positive far from any window, {@code >= 0}
 */
public record CostProfile(String name, double tpWeight, double fnWeight, double fpWeight) {

    /** NAB's standard profile: A_TP 1, A_FN 1, A_FP 0.11. */
    public static final CostProfile STANDARD = new CostProfile("standard", 1.0, 1.0, 0.11);
    /** NAB's profile rewarding few false positives: A_TP 1, A_FN 1, A_FP 0.22. */
    public static final CostProfile REWARD_LOW_FP = new CostProfile("reward_low_FP_rate", 1.0, 1.0, 0.22);
    /** NAB's profile rewarding few false negatives: A_TP 1, A_FN 2, A_FP 0.11. */
    public static final CostProfile REWARD_LOW_FN = new CostProfile("reward_low_FN_rate", 1.0, 2.0, 0.11);
    /** The three published profiles, in NAB's reporting order. */
    public static final List<CostProfile> ALL = List.of(STANDARD, REWARD_LOW_FP, REWARD_LOW_FN);

    /** Validates the weights. */
    public CostProfile {
        Objects.requireNonNull(name, "name");
        if (!(tpWeight > 0 && Double.isFinite(tpWeight))) {
            throw new IllegalArgumentException("tpWeight must be > 0 and finite, got " + tpWeight);
        }
        if (!(fnWeight >= 0 && Double.isFinite(fnWeight))) {
            throw new IllegalArgumentException("fnWeight must be >= 0 and finite, got " + fnWeight);
        }
        if (!(fpWeight >= 0 && Double.isFinite(fpWeight))) {
            throw new IllegalArgumentException("fpWeight must be >= 0 and finite, got " + fpWeight);
        }
    }
}
