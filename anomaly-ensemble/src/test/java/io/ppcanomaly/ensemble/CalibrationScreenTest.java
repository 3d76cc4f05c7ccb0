package io.ppcanomaly.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.ensemble.support.TestData;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The calibration screen: a training history whose last weeks hold incidents still alerts on a new incident the
 * next day, where a calibration on those weeks as they are would not.
 */
class CalibrationScreenTest {

    private static final int ENTITIES = 300;
    private static final int PERIODS = 40;
    private static final int LENGTH = 14;
    private static final int IMPRESSIONS = 4;
    /** A budget cut-off: impressions at a quarter, ln 0.25. */
    private static final double CUT_OFF = -1.4;

    /**
     * Each entity's rows are AR(1) noise around its baseline; windows slide over them, so an incident period
     * sits in the 13 windows after its own too. The incident entities lose three quarters of their impressions
     * on the last 6 of the 40 periods — inside the latest 20% the ensemble calibrates on.
     */
    private static List<FeatureWindow> history(double incidentShare) {
        SplittableRandom rnd = new SplittableRandom(7);
        int f = FeatureSchema.DEFAULT.size();
        int rows = PERIODS + LENGTH - 1;
        List<FeatureWindow> out = new ArrayList<>();
        for (int e = 0; e < ENTITIES; e++) {
            double[][] r = new double[rows][f];
            for (int j = 0; j < f; j++) {
                double x = 0;
                for (int t = 0; t < rows; t++) {
                    x = 0.5 * x + 0.15 * TestData.gaussian(rnd);
                    r[t][j] = x;
                }
            }
            if (e < incidentShare * ENTITIES) {
                for (int t = rows - 6; t < rows; t++) {
                    r[t][IMPRESSIONS] += CUT_OFF;
                }
            }
            for (int end = LENGTH - 1; end < rows; end++) {
                double[] v = new double[LENGTH * f];
                for (int t = 0; t < LENGTH; t++) {
                    System.arraycopy(r[end - LENGTH + 1 + t], 0, v, t * f, f);
                }
                out.add(FeatureWindow.of(FeatureSchema.DEFAULT, v, "kw-" + e, period(end)));
            }
        }
        return out;
    }

    private static LocalDateTime period(int row) {
        return TestData.T0.plusDays(row);
    }

    /** The next day: a clean entity's impressions fall to a quarter. */
    private static FeatureWindow newIncident() {
        FeatureWindow w = TestData.windows(new SplittableRandom(99), 1, LENGTH, 0.0, 1, "new").get(0);
        double[] v = w.toArray();
        v[(LENGTH - 1) * w.width() + IMPRESSIONS] += CUT_OFF;
        return FeatureWindow.of(FeatureSchema.DEFAULT, v, "kw-new", period(PERIODS + LENGTH - 1));
    }

    private static EnsembleDetector fitted(List<FeatureWindow> history, String screen) {
        Properties p = new Properties();
        p.setProperty("calibration.screen", screen);
        EnsembleDetector d = new EnsembleDetectorProvider(TestData.defaultsStandIn()).createEnsemble(p);
        d.fit(history);
        return d;
    }

    @Test
    void aHistoryWhoseLastWeeksHoldIncidentsStillAlertsOnANewIncidentTheNextDay() {
        // 10% of the entities cut off over the last 6 periods: 7.5% of the held-out windows end in an incident
        List<FeatureWindow> dirty = history(0.10);
        AnomalyResult screened = fitted(dirty, "1e-4").score(newIncident());
        AnomalyResult unscreened = fitted(dirty, "0").score(newIncident());
        assertThat(screened.anomalous()).as("score %s with the screen", screened.score()).isTrue();
        // calibrated among the recent incidents as if they were normal, the new one looks ordinary
        assertThat(unscreened.anomalous()).as("score %s without the screen", unscreened.score()).isFalse();
    }

    @Test
    void withIncidentsInTheHistoryTheNewIncidentScoresAsOnACleanHistory() {
        double clean = fitted(history(0.0), "1e-4").score(newIncident()).score();
        double dirty = fitted(history(0.10), "1e-4").score(newIncident()).score();
        // both far beyond the threshold; tail probabilities within a factor of 100 of each other
        assertThat(Math.log10(1 - dirty)).isCloseTo(Math.log10(1 - clean), org.assertj.core.api.Assertions.within(2.0));
    }

    @Test
    void onCleanDataTheScreenKeepsTheFalseAlertBudget() {
        EnsembleDetector d = fitted(history(0.0), "1e-4");
        List<FeatureWindow> fresh = TestData.normal(12, 20_000);
        long flagged = d.scoreAll(fresh).stream().filter(AnomalyResult::anomalous).count();
        // budget 0.1% of 20,000 = 20; the threshold's own error from 2,400 calibration windows dominates
        assertThat(flagged).isBetween(4L, 60L);
    }

    @Test
    void withoutAPeriodTailMemberThereIsNoScreen() {
        Properties p = new Properties();
        p.setProperty("members", "lstm-autoencoder:0.5,half-space-trees:0.3,isolation-forest:0.2");
        EnsembleDetector d = new EnsembleDetectorProvider(TestData.defaultsStandIn()).createEnsemble(p);
        d.fit(history(0.0));
        AnomalyResult r = d.score(newIncident());
        assertThat(r.score()).isEqualTo(d.combinedCalibrator().calibrate(r.rawScore()));
    }
}
