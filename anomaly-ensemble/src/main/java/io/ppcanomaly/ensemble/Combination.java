package io.ppcanomaly.ensemble;

import java.util.Locale;

/**
 * How the ensemble weighs its members' calibrated scores together. Either way the result is calibrated once
 * more, so the ensemble's score reads like a member's; the two differ in how a lone strong vote counts.
 */
public enum Combination {

    /**
     * Weighted mean of the members' surprisals {@code −ln p}, where {@code p = 1 − calibrated score} is the
     * member's tail probability (its "p-value" under normal behaviour): a weighted Fisher combination (Fisher
     * 1932, <i>Statistical Methods for Research Workers</i>, §21.1). One member calling a window one-in-a-million
     * moves the ensemble a long way even when the others shrug, which is what an incident seen by a single
     * detector (a one-day shift only the streaming member sees, say) looks like. Each {@code p} is floored at
     * {@link #MIN_TAIL_PROBABILITY}, beyond which a calibration sample of normal windows cannot vouch for
     * anything.
     */
    SURPRISAL,

    /**
     * Weighted mean of the calibrated scores themselves: favours agreement, so a window all members find
     * somewhat unusual outranks one a single member finds extreme.
     */
    MEAN;

    /** Floor of a member's tail probability in {@link #SURPRISAL}: surprisal at most about 20.7. */
    public static final double MIN_TAIL_PROBABILITY = 1e-9;

    /** @return the lower-case name used in Properties, e.g. {@code surprisal} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException for a name that is not {@code surprisal} or {@code mean}
     */
    static Combination parse(String v) {
        for (Combination c : values()) {
            if (c.wireName().equals(v.trim().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException(EnsembleConfig.KEY_COMBINE + " must be surprisal or mean, got '" + v
                + "'");
    }

    /**
     * @param calibrated    the member's calibrated score
     * @param tailProbability the member's tail probability, {@code 1 − calibrated} without rounding
     * @return the member's vote on this combination's scale
     */
    double vote(double calibrated, double tailProbability) {
        return this == MEAN ? calibrated : -Math.log(Math.max(MIN_TAIL_PROBABILITY, tailProbability));
    }
}
