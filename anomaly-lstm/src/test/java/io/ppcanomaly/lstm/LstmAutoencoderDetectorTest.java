package io.ppcanomaly.lstm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.lstm.train.Dl4jNetworks;
import io.ppcanomaly.lstm.train.EpochProgress;
import io.ppcanomaly.lstm.train.TrainingListener;
import io.ppcanomaly.lstm.train.TrainingPlan;
import io.ppcanomaly.lstm.train.TrainingSummary;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LstmAutoencoderDetectorTest {

    private static List<FeatureWindow> training;
    private static LstmAutoencoderDetector fitted;
    private static final List<EpochProgress> EPOCHS = new ArrayList<>();
    private static final List<String> EVENTS = new ArrayList<>();
    private static TrainingPlan plan;
    private static TrainingSummary summary;

    @BeforeAll
    static void fitOnce() {
        training = TestModels.normalWindows(30, 20, 14, 1);
        fitted = new LstmAutoencoderDetector(TestModels.small().toBuilder().epochs(6).patience(2).build());
        fitted.addTrainingListener(new TrainingListener() {
            @Override
            public void onStart(TrainingPlan p) {
                plan = p;
                EVENTS.add("start");
            }

            @Override
            public void onBatch(int epoch, int batch, int batches) {
                EVENTS.add("batch " + epoch + " " + batch + "/" + batches);
            }

            @Override
            public void onEpoch(EpochProgress progress) {
                EPOCHS.add(progress);
                EVENTS.add("epoch " + progress.epoch());
            }

            @Override
            public void onFinish(TrainingSummary s) {
                summary = s;
                EVENTS.add("finish");
            }
        });
        fitted.fit(training);
    }

    private static double[] raw(List<AnomalyResult> rs) {
        return rs.stream().mapToDouble(AnomalyResult::rawScore).toArray();
    }

    @Test
    void listenersHearStartEveryBatchEveryEpochAndFinishInOrder() {
        assertThat(plan.totalWindows()).isEqualTo(600);
        assertThat(plan.validationWindows()).as("3 of 30 entities held out").isEqualTo(60);
        assertThat(plan.poolWindows()).isEqualTo(540);
        assertThat(plan.trainingWindows()).isEqualTo(540);
        assertThat(plan.batchesPerEpoch()).isEqualTo(9);
        assertThat(EVENTS.get(0)).isEqualTo("start");
        assertThat(EVENTS.get(EVENTS.size() - 1)).isEqualTo("finish");
        assertThat(EVENTS).contains("batch 1 1/9", "batch 1 9/9", "epoch 1");
        assertThat(EVENTS.indexOf("epoch 1")).isEqualTo(EVENTS.indexOf("batch 1 9/9") + 1);
        assertThat(EPOCHS).hasSize(summary.epochs());
        assertThat(EVENTS.stream().filter(e -> e.startsWith("batch")).count()).isEqualTo(9L * summary.epochs());
    }

    @Test
    void earlyStoppingKeepsTheEpochWithTheLowestValidationLoss() {
        EpochProgress best = EPOCHS.stream().min((a, b) -> Double.compare(a.validationLoss(), b.validationLoss()))
                .orElseThrow();
        assertThat(summary.bestEpoch()).isEqualTo(best.epoch());
        assertThat(summary.bestValidationLoss()).isEqualTo(best.validationLoss());
        if (summary.stoppedEarly()) {
            assertThat(summary.epochs() - summary.bestEpoch()).isEqualTo(2);
        } else {
            assertThat(summary.epochs()).isEqualTo(6);
        }
        for (EpochProgress p : EPOCHS) {
            assertThat(p.trainingLoss()).isPositive().isFinite();
            assertThat(p.maxEpochs()).isEqualTo(6);
        }
        assertThat(fitted.model().summary()).isEqualTo(summary);
    }

    @Test
    void trainingLowersTheValidationLoss() {
        assertThat(summary.bestValidationLoss()).isLessThan(EPOCHS.get(0).validationLoss());
    }

    @Test
    void windowsWithAnIncidentScoreAboveNormalWindowsAndAreFlagged() {
        List<FeatureWindow> fresh = TestModels.normalWindows(10, 5, 14, 99);
        List<FeatureWindow> spiked = fresh.stream().map(w -> TestModels.withIncident(w, 1, 1.5, 4)).toList();
        double[] normal = raw(fitted.scoreAll(fresh));
        List<AnomalyResult> bad = fitted.scoreAll(spiked);
        for (int i = 0; i < normal.length; i++) {
            assertThat(bad.get(i).rawScore()).as("window %d", i).isGreaterThan(normal[i]);
        }
        assertThat(bad.stream().filter(AnomalyResult::anomalous).count()).isGreaterThanOrEqualTo(45);
        assertThat(fitted.scoreAll(fresh).stream().filter(AnomalyResult::anomalous).count()).isLessThan(5);
    }

    @Test
    void aboutTheConfiguredShareOfTrainingWindowsIsFlagged() {
        long flagged = fitted.scoreAll(training).stream().filter(AnomalyResult::anomalous).count();
        // threshold at the 99th percentile of the training errors: 1% of 600 windows, give or take the ties
        assertThat(flagged).isBetween(5L, 7L);
        assertThat(fitted.threshold()).as("(1 + p(n - 1)) / (n + 1) at p = 0.99, n = 600")
                .isCloseTo(0.9884, within(0.001));
    }

    @Test
    void reconstructionErrorExplainsTheScoreByFeatureAndPeriod() {
        FeatureWindow w = TestModels.withIncident(TestModels.normalWindows(1, 1, 14, 5).get(0), 1, 2.0, 3);
        ReconstructionError e = fitted.reconstructionError(w);
        assertThat(e.total()).isEqualTo(fitted.score(w).rawScore());
        assertThat(e.worstFeature()).isEqualTo(FeatureSchema.CPC);
        double[] perPeriod = e.perPeriod();
        double last3 = perPeriod[11] + perPeriod[12] + perPeriod[13];
        double first11 = 0;
        for (int t = 0; t < 11; t++) {
            first11 += perPeriod[t];
        }
        assertThat(last3).isGreaterThan(first11);
        assertThat(e.perFeature().values().stream().mapToDouble(Double::doubleValue).average().orElseThrow())
                .isCloseTo(e.total(), within(1e-12));
        assertThat(e.entityId()).isEqualTo(w.entityId());
        assertThat(e.period()).isEqualTo(w.period());
        // the reconstruction is in the window's own units: close to the window where it is normal
        assertThat(e.reconstructed(0, 0)).isCloseTo(w.get(0, 0), within(0.5));
    }

    @Test
    void scoreIntoAndCursorsGiveTheSameNumbersAsScoreAll() {
        List<FeatureWindow> probe = TestModels.normalWindows(4, 3, 14, 77);
        List<AnomalyResult> rs = fitted.scoreAll(probe);
        double[] errors = new double[probe.size()];
        double[] scores = new double[probe.size()];
        fitted.scoreInto(probe, errors, scores);
        LstmModel.Cursor cursor = fitted.newCursor();
        for (int i = 0; i < probe.size(); i++) {
            assertThat(errors[i]).isEqualTo(rs.get(i).rawScore());
            assertThat(scores[i]).isEqualTo(rs.get(i).score());
            assertThat(cursor.error(probe.get(i))).isEqualTo(rs.get(i).rawScore());
            assertThat(cursor.score(probe.get(i))).isEqualTo(rs.get(i).score());
        }
        assertThatThrownBy(() -> fitted.scoreInto(probe, new double[1], scores))
                .hasMessageContaining("must hold 12 values");
    }

    @Test
    void parallelAndSequentialBatchScoringAgreeBitForBit() {
        List<FeatureWindow> many = TestModels.normalWindows(40, 15, 14, 55); // 600 >= the parallel threshold
        LstmAutoencoderDetector sequential = new LstmAutoencoderDetector(fitted.model());
        double[] par = raw(fitted.scoreAll(many));
        LstmModel m = fitted.model();
        double[] seq = new double[many.size()];
        LstmModel.Cursor c = m.newCursor();
        for (int i = 0; i < seq.length; i++) {
            seq[i] = c.error(many.get(i));
        }
        assertThat(par).containsExactly(seq);
        assertThat(raw(sequential.scoreAll(many))).containsExactly(seq);
    }

    @Test
    void aCursorScoresWithoutAllocating() {
        FeatureWindow w = training.get(0);
        LstmModel.Cursor c = fitted.newCursor();
        for (int i = 0; i < 20_000; i++) {
            c.score(w);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        double sink = 0;
        for (int i = 0; i < 10_000; i++) {
            sink += c.score(w);
        }
        long allocated = mx.getThreadAllocatedBytes(id) - before;
        assertThat(sink).isPositive();
        assertThat(allocated).as("bytes allocated by 10,000 cursor scores").isLessThan(1_000);
    }

    @Test
    void theDl4jZipHoldsTheSameWeightsAsTheJavaNetwork() throws Exception {
        LstmModel m = fitted.model();
        assertThat(Dl4jNetworks.toNetwork(Dl4jNetworks.fromZip(m.dl4jZip()), m.length())).isEqualTo(m.network());
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers() {
        LstmAutoencoderConfig c = TestModels.small().toBuilder().epochs(2).build();
        List<FeatureWindow> w = training.subList(0, 200);
        LstmAutoencoderDetector a = new LstmAutoencoderDetector(c);
        LstmAutoencoderDetector b = new LstmAutoencoderDetector(c);
        LstmAutoencoderDetector other = new LstmAutoencoderDetector(c.toBuilder().seed(8).build());
        a.fit(w);
        b.fit(w);
        other.fit(w);
        assertThat(b.model().network()).isEqualTo(a.model().network());
        assertThat(b.model().calibration()).isEqualTo(a.model().calibration());
        assertThat(other.model().network()).isNotEqualTo(a.model().network());
    }

    @Test
    void windowsOfTheWrongLengthOrWidthAreRejectedNamingBoth() {
        FeatureWindow shorter = FeatureWindow.zeros(FeatureSchema.DEFAULT, 13, "kw", null);
        assertThatThrownBy(() -> fitted.score(shorter)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window length must be 14, got 13");
        assertThatThrownBy(() -> fitted.reconstructionError(shorter)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window length must be 14, got 13");
        FeatureWindow narrow = FeatureWindow.zeros(FeatureSchema.of("ctr", "cpc", "acos"), 14, "kw", null);
        assertThatThrownBy(() -> fitted.score(narrow)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window features must be [ctr, cpc, acos, cvr, impressions, spend]")
                .hasMessageContaining("got [ctr, cpc, acos]");
        List<FeatureWindow> batch = new ArrayList<>(training.subList(0, 3));
        batch.add(shorter);
        assertThatThrownBy(() -> fitted.scoreAll(batch)).hasMessage("window 3 length must be 14, got 13");
    }

    @Test
    void anUnfittedDetectorSaysSoForEveryModelAccess() {
        LstmAutoencoderDetector d = new LstmAutoencoderDetector(LstmAutoencoderConfig.DEFAULT);
        assertThatThrownBy(d::model).isInstanceOf(IllegalStateException.class)
                .hasMessage("lstm-autoencoder must be fitted (or loaded) before scoring");
        assertThatThrownBy(() -> d.reconstructionError(training.get(0))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(d::newCursor).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(d::schema).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(d::windowLength).isInstanceOf(IllegalStateException.class);
        assertThat(d.toString()).contains("unfitted");
    }

    @Test
    void aFailingFitKeepsThePreviousModel() {
        LstmAutoencoderDetector d = new LstmAutoencoderDetector(fitted.model());
        LstmModel before = d.model();
        TrainingListener boom = p -> {
            throw new IllegalStateException("listener failed");
        };
        d.addTrainingListener(boom);
        assertThatThrownBy(() -> d.fit(training.subList(0, 100))).hasMessage("listener failed");
        assertThat(d.model()).isSameAs(before);
        d.removeTrainingListener(boom);
    }
}
