package io.ppcanomaly.bench.nab;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class NabScorerTest {

    private static final LocalDateTime T0 = LocalDateTime.of(2024, 1, 1, 0, 0, 1);

    private static List<LocalDateTime> hours(int n) {
        List<LocalDateTime> ts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ts.add(T0.plusHours(i));
        }
        return ts;
    }

    /** A file of n hourly rows with windows given as [firstRow, lastRow] pairs. */
    private static NabFile file(String name, int n, int... windowRows) {
        List<LocalDateTime> ts = hours(n);
        List<LabelWindow> windows = new ArrayList<>();
        for (int k = 0; k < windowRows.length; k += 2) {
            windows.add(new LabelWindow(ts.get(windowRows[k]), ts.get(windowRows[k + 1])));
        }
        return new NabFile(name, ts, new double[n], windows);
    }

    /**
     * The hand-worked case. 20 rows, probation floor(0.15·20) = 3 rows (0..2), one window on rows 8..11 (w = 4).
     * Anomaly scores: row 1 → 0.95 (in probation: ignored), row 10 → 0.9, row 14 → 0.8, row 5 → 0.7, others 0.
     *
     * <pre>
     * σ̃(p) = 2/(1 + e^{5p}) − 1;  σ̃(−1) = 2/(1 + e^{−5}) − 1 = 0.9866143;  σ̃(−0.5) = 2/(1 + e^{−2.5}) − 1 = 0.8482836
     * row 10 in the window: p = −(11 − 10 + 1)/4 = −0.5  → credit σ̃(−0.5)/σ̃(−1) = 0.8597926
     * row 14 after the window: p = |11 − 14|/(4 − 1) = 1 → σ̃(1)·0.11 = −0.9866143·0.11 = −0.1085276
     * row 5 before any window: −0.11
     *
     * standard profile (A_TP 1, A_FN 1, A_FP 0.11), S by threshold:
     *   1.1 (nothing):              −1                                   (the window is missed)
     *   0.9 (row 10):               0.8597926
     *   0.8 (rows 10, 14):          0.8597926 − 0.1085276 = 0.7512650
     *   0.7 (rows 10, 14, 5):       0.7512650 − 0.11      = 0.6412650
     *   0.0 (rows 3..19, all):      window credit 1 (row 8, p = −1)
     *                               − 5·0.11 (rows 3..7, before the window) = −0.55
     *                               + 0.11·Σ σ̃(k/3), k = 1..8 (rows 12..19)
     *                                 = 0.11·(−0.6822618 − 0.9311096 − 0.9866143 − 0.9974580 − 0.9995194
     *                                         − 0.9999092 − 0.9999829 − 0.9999968) = 0.11·(−7.5968519) = −0.8356537
     *                               = −0.3856537
     *   best: threshold 0.9, S = 0.8597926
     * null detector (one constant score): max(−1, −0.3856537) = −0.3856537; perfect = 1 window · A_TP = 1
     * normalised = 100·(0.8597926 + 0.3856537)/(1 + 0.3856537) = 89.88150
     * </pre>
     */
    @Test
    void handWorkedCaseMatchesTheNumbersDerivedByHand() {
        NabFile f = file("hand.csv", 20, 8, 11);
        double[] scores = new double[20];
        scores[1] = 0.95;
        scores[10] = 0.9;
        scores[14] = 0.8;
        scores[5] = 0.7;
        Sweeper sweeper = new Sweeper(CostProfile.STANDARD, 0.15);
        SweptFile swept = sweeper.sweep(f, scores);
        assertThat(swept.probationLength()).isEqualTo(3);
        assertThat(swept.sweepScore(10)).isCloseTo(0.8597926, within(1e-7));
        assertThat(swept.sweepScore(14)).isCloseTo(-0.1085276, within(1e-7));
        assertThat(swept.sweepScore(5)).isCloseTo(-0.11, within(1e-12));
        assertThat(swept.sweepScore(8)).isCloseTo(1.0, within(1e-12));

        List<ThresholdScore> byThreshold = sweeper.scoresByThreshold(List.of(swept));
        assertThat(byThreshold).extracting(ThresholdScore::threshold).containsExactly(1.1, 0.9, 0.8, 0.7, 0.0);
        assertThat(byThreshold).extracting(ThresholdScore::score).satisfiesExactly(
                s -> assertThat(s).isCloseTo(-1.0, within(1e-12)),
                s -> assertThat(s).isCloseTo(0.8597926, within(1e-7)),
                s -> assertThat(s).isCloseTo(0.7512650, within(1e-7)),
                s -> assertThat(s).isCloseTo(0.6412650, within(1e-7)),
                s -> assertThat(s).isCloseTo(-0.3856537, within(1e-7)));
        // Counts at 0.8: rows 10 (tp) and 14 (fp) detected; 17 scorable rows, 4 of them in the window.
        ThresholdScore at08 = byThreshold.get(2);
        assertThat(List.of(at08.tp(), at08.tn(), at08.fp(), at08.fn())).containsExactly(1, 12, 1, 3);

        NabResult r = new NabScorer().evaluate("hand", List.of(f), List.of(scores), CostProfile.STANDARD);
        assertThat(r.threshold()).isEqualTo(0.9);
        assertThat(r.rawScore()).isCloseTo(0.8597926, within(1e-7));
        assertThat(r.nullScore()).isCloseTo(-0.3856537, within(1e-7));
        assertThat(r.perfectScore()).isEqualTo(1.0);
        assertThat(r.normalizedScore()).isCloseTo(89.88150, within(1e-4));
    }

    /**
     * NAB's own {@code scorer_test.py::testScoringAllMetrics}: 100 rows, no probation, all weights 1, two windows of
     * 5 rows placed by NAB's {@code generateWindows} (gap round(90/3) = 30: rows 30..34 and 65..69), detections at
     * rows 30 (earliest TP: +1), 31 (later TP: adds nothing) and 37 (FP 3 rows past a window of width 5:
     * σ̃(3/4) = 2/(1 + e^{3.75}) − 1 = −0.9540453); the second window is missed (−1). NAB asserts −0.9540 and the
     * counts tn 89, tp 2, fp 1, fn 8.
     */
    @Test
    void reproducesNabsOwnAllMetricsTestCase() {
        NabFile f = file("nab.csv", 100, 30, 34, 65, 69);
        double[] scores = new double[100];
        scores[30] = 1;
        scores[31] = 1;
        scores[37] = 1;
        Sweeper sweeper = new Sweeper(new CostProfile("ones", 1, 1, 1), 0.0);
        ThresholdScore s = sweeper.scoreAt(sweeper.sweep(f, scores), 0.5);
        assertThat(s.score()).isCloseTo(-0.9540453, within(1e-7));
        assertThat(List.of(s.tn(), s.tp(), s.fp(), s.fn())).containsExactly(89, 2, 1, 8);
    }

    @Test
    void perfectDetectorScores100UnderEveryProfile() {
        List<NabFile> files = List.of(file("a.csv", 400, 100, 139, 250, 289), file("b.csv", 300, 200, 229));
        List<double[]> scores = new ArrayList<>();
        for (NabFile f : files) {
            double[] s = new double[f.size()];
            for (int k = 0; k < f.windowCount(); k++) {
                s[f.windowStart(k)] = 1.0;
            }
            scores.add(s);
        }
        for (NabResult r : new NabScorer().evaluateAllProfiles("perfect", files, scores)) {
            assertThat(r.normalizedScore()).as(r.profile().name()).isCloseTo(100.0, within(1e-9));
            assertThat(r.rawScore()).isCloseTo(3 * r.profile().tpWeight(), within(1e-12));
            assertThat(r.windowsDetected()).isEqualTo(3);
            assertThat(r.falsePositives()).isZero();
        }
    }

    @Test
    void nullDetectorScoresZeroUnderEveryProfile() {
        List<NabFile> files = List.of(file("a.csv", 400, 100, 139, 250, 289), file("b.csv", 300, 200, 229));
        List<double[]> scores = List.of(constant(400, 0.3), constant(300, 0.3));
        for (NabResult r : new NabScorer().evaluateAllProfiles("null", files, scores)) {
            assertThat(r.normalizedScore()).as(r.profile().name()).isCloseTo(0.0, within(1e-9));
            // Detecting everything costs far more than the 3 missed windows here.
            assertThat(r.nullScore()).isCloseTo(-3 * r.profile().fnWeight(), within(1e-12));
        }
    }

    @Test
    void onlyTheEarliestDetectionInAWindowCounts() {
        NabFile f = file("a.csv", 200, 100, 119);
        double[] one = new double[200];
        one[105] = 1;
        double[] many = one.clone();
        for (int i = 106; i <= 119; i++) {
            many[i] = 1;
        }
        Sweeper sweeper = new Sweeper(CostProfile.STANDARD, 0.15);
        double s1 = sweeper.scoreAt(sweeper.sweep(f, one), 0.5).score();
        double s2 = sweeper.scoreAt(sweeper.sweep(f, many), 0.5).score();
        assertThat(s2).isEqualTo(s1);
        // Position −(119 − 105 + 1)/20 = −0.75: credit σ̃(−0.75)/σ̃(−1).
        assertThat(s1).isCloseTo(Sweeper.scaledSigmoid(-0.75) / Sweeper.scaledSigmoid(-1), within(1e-12));
        double[] earlier = one.clone();
        earlier[101] = 1;
        assertThat(sweeper.scoreAt(sweeper.sweep(f, earlier), 0.5).score()).isGreaterThan(s1);
    }

    @Test
    void aMissedWindowCostsTheFalseNegativeWeight() {
        NabFile f = file("a.csv", 200, 100, 119);
        double[] none = new double[200];
        for (CostProfile p : CostProfile.ALL) {
            Sweeper sweeper = new Sweeper(p, 0.15);
            assertThat(sweeper.scoreAt(sweeper.sweep(f, none), 0.5).score()).isEqualTo(-p.fnWeight());
        }
    }

    @Test
    void falsePositivesCostLessJustAfterAWindowThanFarFromIt() {
        NabFile f = file("a.csv", 300, 100, 119);
        Sweeper sweeper = new Sweeper(CostProfile.STANDARD, 0.15);
        SweptFile s = sweeper.sweep(f, new double[300]);
        assertThat(s.sweepScore(50)).as("before any window").isEqualTo(-0.11);
        assertThat(s.sweepScore(120)).as("just after").isBetween(-0.11 * 0.3, 0.0);
        assertThat(s.sweepScore(138)).as("one width after").isCloseTo(-0.11 * 0.9866143, within(1e-7));
        assertThat(s.sweepScore(200)).as("beyond three widths").isEqualTo(-0.11);
        assertThat(s.sweepScore(120)).isGreaterThan(s.sweepScore(125));
    }

    @Test
    void probationIsFifteenPercentCappedAt750Rows() {
        assertThat(NabFile.probationLength(20, 0.15)).isEqualTo(3);
        assertThat(NabFile.probationLength(1624, 0.15)).isEqualTo(243);
        assertThat(NabFile.probationLength(4999, 0.15)).isEqualTo(749);
        assertThat(NabFile.probationLength(22695, 0.15)).isEqualTo(750);
    }

    @Test
    void detectionsDuringProbationAreIgnored() {
        NabFile f = file("a.csv", 200, 100, 119);
        double[] scores = new double[200];
        scores[10] = 1;
        Sweeper sweeper = new Sweeper(CostProfile.STANDARD, 0.15);
        ThresholdScore s = sweeper.scoreAt(sweeper.sweep(f, scores), 0.5);
        assertThat(s.score()).isEqualTo(-1.0);
        assertThat(s.fp()).isZero();
        assertThat(s.total()).isEqualTo(200 - 30);
    }

    @Test
    void scoringOneFileAtAThresholdAgreesWithTheSweep() {
        Random rnd = new Random(7);
        NabFile f = file("a.csv", 500, 120, 159, 300, 339, 420, 430);
        double[] scores = new double[500];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = Math.round(rnd.nextDouble() * 50) / 50.0; // many ties
        }
        for (CostProfile p : CostProfile.ALL) {
            Sweeper sweeper = new Sweeper(p, 0.15);
            SweptFile swept = sweeper.sweep(f, scores);
            for (ThresholdScore t : sweeper.scoresByThreshold(List.of(swept))) {
                ThresholdScore direct = sweeper.scoreAt(swept, t.threshold());
                assertThat(direct.score()).isCloseTo(t.score(), within(1e-9));
                assertThat(List.of(direct.tp(), direct.tn(), direct.fp(), direct.fn()))
                        .containsExactly(t.tp(), t.tn(), t.fp(), t.fn());
            }
        }
    }

    @Test
    void theThresholdIsOptimisedOverAllFilesTogether() {
        NabFile a = file("a.csv", 200, 100, 119);
        NabFile b = file("b.csv", 200, 100, 119);
        double[] sa = new double[200];
        sa[100] = 0.9; // a's window found early at 0.9
        double[] sb = new double[200];
        sb[100] = 0.6; // b's window found only at 0.6...
        sb[50] = 0.7;  // ...after a false positive at 0.7
        NabResult r = new NabScorer().evaluate("d", List.of(a, b), List.of(sa, sb), CostProfile.STANDARD);
        // One threshold for both files: 0.6 catches both windows at the price of one false positive.
        assertThat(r.threshold()).isEqualTo(0.6);
        assertThat(r.rawScore()).isCloseTo(2 - 0.11, within(1e-12));
        assertThat(r.files()).extracting(FileScore::windowsDetected).containsExactly(1, 1);
    }

    @Test
    void rejectsScoresOutsideTheUnitInterval() {
        NabFile f = file("a.csv", 20, 8, 11);
        double[] s = new double[20];
        s[3] = 1.5;
        assertThatThrownBy(() -> new Sweeper(CostProfile.STANDARD, 0.15).sweep(f, s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("anomaly score of a.csv row 3 must be in [0, 1], got 1.5");
        double[] nan = new double[20];
        nan[0] = Double.NaN;
        assertThatThrownBy(() -> new Sweeper(CostProfile.STANDARD, 0.15).sweep(f, nan))
                .hasMessageContaining("got NaN");
    }

    @Test
    void rejectsWindowsOffTheRowsOrOverlapping() {
        List<LocalDateTime> ts = hours(20);
        assertThatThrownBy(() -> new NabFile("a.csv", ts, new double[20],
                List.of(new LabelWindow(ts.get(3).plusMinutes(1), ts.get(5)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window 0 ends must be timestamps of the file");
        assertThatThrownBy(() -> new NabFile("a.csv", ts, new double[20],
                List.of(new LabelWindow(ts.get(3), ts.get(8)), new LabelWindow(ts.get(8), ts.get(10)))))
                .hasMessageContaining("must be in time order and not overlap");
        assertThatThrownBy(() -> new LabelWindow(ts.get(5), ts.get(3)))
                .hasMessageContaining("window end must not be before its start");
    }

    @Test
    void aRepeatedTimestampIsARowAndAWindowEndResolvesToItsFirstRow() {
        // NAB's exchange-2 files repeat 2011-08-24 12:00:01; NAB keeps both rows.
        List<LocalDateTime> ts = new ArrayList<>(hours(10));
        ts.add(5, ts.get(5));
        NabFile f = new NabFile("dup.csv", ts, new double[11], List.of(new LabelWindow(ts.get(3), ts.get(5))));
        assertThat(f.windowStart(0)).isEqualTo(3);
        assertThat(f.windowEnd(0)).isEqualTo(5);
        assertThatThrownBy(() -> new NabFile("dec.csv", List.of(ts.get(2), ts.get(1)), new double[2], List.of()))
                .hasMessageContaining("timestamps must not decrease");
    }

    @Test
    void rejectsACorpusWithoutWindows() {
        NabFile f = file("a.csv", 20);
        assertThatThrownBy(() -> new NabScorer().evaluate("d", List.of(f), List.of(new double[20]),
                CostProfile.STANDARD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("files must hold at least one label window, got 0");
    }

    private static double[] constant(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
