package io.ppcanomaly.monitor.retrain;

import io.ppcanomaly.monitor.registry.ShadowEvaluation;
import io.ppcanomaly.monitor.state.LedgerTotals;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.LiveDetection;
import io.ppcanomaly.store.TrainingExample;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The promotion decision of a retraining: the champion's live record of the recent periods against the
 * challenger's shadow run of the same periods, on the alerts people labelled and on the false-alert rate
 * ({@link RetrainPolicy}). Stateless.
 */
public final class ShadowComparison {

    /** Relative slack for comparing rates computed from integers (not a tolerance of the rule). */
    private static final double EPS = 1e-12;

    private ShadowComparison() {
    }

    /**
     * @param from              first period of the shadow range
     * @param to                last period (the watermark)
     * @param championVersionId the champion's version
     * @param ledger            what the champion judged live in the range
     * @param shadow            the challenger's shadow run over the range
     * @param labels            labelled alerts of the level whose period lies in the range
     * @param policy            the tolerance on the false-alert rate
     * @return the figures and the decision
     */
    public static ShadowEvaluation evaluate(LocalDateTime from, LocalDateTime to, long championVersionId,
                                            LedgerTotals ledger, LiveDetection shadow,
                                            Collection<TrainingExample> labels, RetrainPolicy policy) {
        Set<LocalDateTime> compared = ledger.periods();
        Set<String> truths = new HashSet<>();
        Set<String> falses = new HashSet<>();
        for (TrainingExample e : labels) {
            if (compared.contains(e.period())) {
                (e.trueAnomaly() ? truths : falses).add(key(e.entityId(), e.period()));
            }
        }
        long alerts = 0;
        int caught = 0;
        int alertedFalse = 0;
        for (Alert a : shadow.report().alerts()) {
            if (!compared.contains(a.period())) {
                continue;
            }
            alerts++;
            String k = key(a.entityId(), a.period());
            if (truths.contains(k)) {
                caught++;
            }
            if (falses.contains(k)) {
                alertedFalse++;
            }
        }
        long windows = 0;
        for (Map.Entry<LocalDateTime, Long> e : shadow.windowsPerPeriod().entrySet()) {
            if (compared.contains(e.getKey())) {
                windows += e.getValue();
            }
        }
        ShadowEvaluation.Figures champion = new ShadowEvaluation.Figures(ledger.alerts(), ledger.windowsScored(),
                truths.size(), falses.size());
        ShadowEvaluation.Figures challenger = new ShadowEvaluation.Figures(alerts, windows, caught, alertedFalse);
        List<String> worse = new ArrayList<>();
        if (compared.isEmpty()) {
            worse.add("the champion judged none of the shadow periods, so there is nothing to compare");
        }
        if (challenger.caughtTrue() < champion.caughtTrue()) {
            worse.add("it misses " + (champion.caughtTrue() - challenger.caughtTrue()) + " of the "
                    + champion.caughtTrue() + " alerts labelled true");
        }
        if (challenger.alertedFalse() > champion.alertedFalse()) {
            worse.add("it alerts " + challenger.alertedFalse() + " labelled false, the champion "
                    + champion.alertedFalse());
        }
        double limit = champion.falseAlertRate() * (1 + policy.falseAlertTolerance());
        if (challenger.falseAlertRate() > limit * (1 + EPS) + EPS) {
            worse.add(String.format(Locale.ROOT, "its false-alert rate %.3f per 1,000 windows is above the champion's"
                    + " %.3f%s", challenger.falseAlertRate(), champion.falseAlertRate(),
                    policy.falseAlertTolerance() > 0 ? String.format(Locale.ROOT, " + %.0f%%",
                            100 * policy.falseAlertTolerance()) : ""));
        }
        boolean promoted = worse.isEmpty();
        String reason = promoted ? String.format(Locale.ROOT, "not worse on %d labelled alerts (%d true caught of %d, "
                        + "%d false alerted of %d) and false-alert rate %.3f <= %.3f per 1,000 windows", truths.size()
                        + falses.size(), challenger.caughtTrue(), truths.size(), challenger.alertedFalse(),
                falses.size(), challenger.falseAlertRate(), champion.falseAlertRate())
                : "kept the champion: " + String.join("; ", worse);
        return new ShadowEvaluation(from, to, compared.size(), truths.size(), falses.size(), championVersionId,
                champion, challenger, promoted, reason);
    }

    private static String key(String entity, LocalDateTime period) {
        return entity + '\u0000' + period;
    }
}
