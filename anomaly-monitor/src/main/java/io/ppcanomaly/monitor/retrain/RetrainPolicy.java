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
 * With {@code feedback} on, people's labels shape the challenger: windows containing an alert labelled true are left
 * out of its training ({@link ConfirmedAnomalies}), and its {@link FeedbackFilter} — every labelled judged row, at
 * most {@code maxExamples}, the latest first — keeps back alerts whose nearest labelled neighbour within
 * {@code radius} is a false one.
 *
 * @param shadowDays          days of recent periods the challenger is compared on, in [1, 366] (hourly data: 24
 *                            periods a day)
 * @param feedback            whether labels shape the challenger
 * @param radius              the feedback filter's neighbourhood, in ordinary spreads of the features (root mean
 *                            square over the judged row's features, each difference divided by the feature's
 *                            spread; see {@link FeedbackFilter}), in (0, 10]
 * @param maxExamples         most labels a filter keeps, &ge; 1
 * @param falseAlertTolerance how much higher than the champion's the challenger's false-alert rate may be, as a
 *                            fraction, in [0, 10] (0: not higher at all)
 */
public record RetrainPolicy(int shadowDays, boolean feedback, double radius, int maxExamples,
                            double falseAlertTolerance) {

    /** 14 shadow days, feedback on, radius 2 spreads, 10,000 labels, no tolerance. */
    public static final RetrainPolicy DEFAULT = new RetrainPolicy(14, true, 2.0, 10_000, 0.0);

    /** Validates. */
    public RetrainPolicy {
        if (shadowDays < 1 || shadowDays > 366) {
            throw new IllegalArgumentException("shadowDays must be in [1, 366], got " + shadowDays);
        }
        if (!(radius > 0 && radius <= 10)) {
            throw new IllegalArgumentException("radius must be in (0, 10], got " + radius);
        }
        if (maxExamples < 1) {
            throw new IllegalArgumentException("maxExamples must be >= 1, got " + maxExamples);
        }
        if (!(falseAlertTolerance >= 0 && falseAlertTolerance <= 10)) {
            throw new IllegalArgumentException("falseAlertTolerance must be in [0, 10], got " + falseAlertTolerance);
        }
    }
}
