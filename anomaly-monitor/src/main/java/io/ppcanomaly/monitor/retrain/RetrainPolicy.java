package io.ppcanomaly.monitor.retrain;

/**
 * How retraining trains a challenger and when it is promoted. Immutable.
 *
 * <h2>Shadow evaluation</h2>
 * The challenger is trained on the data before the last {@code shadowDays} days judged, then judges those days in a
 * shadow backtest (learning as live, nothing stored) beside the champion's live record of them. It is promoted only
 * if, on those periods, it catches at least as many alerts labelled true, alerts at most as many labelled false, and
 * its false-alert rate (alerts not confirmed true per 1,000 windows) is at most the champion's times
 * {@code 1 + falseAlertTolerance}.
 *
 * <h2>Feedback</h2>
 * With {@code feedback} on, the windows of alerts labelled false are taught as normal: each joins the training
 * windows {@code copies} times, jittered, dated at the start of the training range so a temporal calibration holdout
 * keeps them in the part the detector learns from (the calibration sample stays a sample of ordinary windows); and
 * the windows of alerts labelled true — every window of that entity that contains an alerted period — are left out,
 * so a confirmed incident never becomes "normal".
 *
 * @param shadowDays           days of recent periods the challenger is compared on, &ge; 1 (hourly data: 24 periods
 *                             a day)
 * @param feedback             whether labels shape the challenger's training
 * @param copies               copies of each window labelled false among the training windows, &ge; 1
 * @param jitter               standard deviation of the Gaussian noise added to each copy's features (scale-free
 *                             log-ratios, so 0.05 ≈ 5%), in [0, 1]
 * @param maxTaughtFraction    cap on the taught copies as a fraction of the training windows, in (0, 0.5]
 * @param falseAlertTolerance  how much higher than the champion's the challenger's false-alert rate may be, as a
 *                             fraction, &ge; 0 (0: not higher at all)
 */
public record RetrainPolicy(int shadowDays, boolean feedback, int copies, double jitter, double maxTaughtFraction,
                            double falseAlertTolerance) {

    /** 14 shadow days, feedback on, 200 copies with 5% jitter, at most 10% taught, no tolerance. */
    public static final RetrainPolicy DEFAULT = new RetrainPolicy(14, true, 200, 0.05, 0.1, 0.0);

    /** Validates. */
    public RetrainPolicy {
        if (shadowDays < 1 || shadowDays > 366) {
            throw new IllegalArgumentException("shadowDays must be in [1, 366], got " + shadowDays);
        }
        if (copies < 1 || copies > 100_000) {
            throw new IllegalArgumentException("copies must be in [1, 100000], got " + copies);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1], got " + jitter);
        }
        if (!(maxTaughtFraction > 0 && maxTaughtFraction <= 0.5)) {
            throw new IllegalArgumentException("maxTaughtFraction must be in (0, 0.5], got " + maxTaughtFraction);
        }
        if (!(falseAlertTolerance >= 0 && falseAlertTolerance <= 10)) {
            throw new IllegalArgumentException("falseAlertTolerance must be in [0, 10], got " + falseAlertTolerance);
        }
    }
}
