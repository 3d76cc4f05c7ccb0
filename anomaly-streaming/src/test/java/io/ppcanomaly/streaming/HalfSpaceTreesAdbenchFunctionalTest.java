package io.ppcanomaly.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.ppcanomaly.api.eval.LabelledTable;
import io.ppcanomaly.api.eval.RocAuc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accuracy of streaming Half-Space Trees at the paper's defaults on two ADBench tables, streamed once in file order
 * and once shuffled (fixed seed), as the paper streams its data: the first ψ = 250 rows are the warm-up
 * ({@code fit}: work-space ranges and the first reference), then every later row is scored, then learnt. ROC-AUC
 * of the [0, 1] scores of those rows against the label (the warm-up rows are not scored, as in the paper's
 * Algorithm 1). The AUC of the paper's raw mass score is logged beside it.
 *
 * <p>Run: {@code mvn -B -o -pl anomaly-streaming verify -Pdata -Ddata.dir=/work/shared/data}.
 */
@Tag("functional")
class HalfSpaceTreesAdbenchFunctionalTest {

    private static final Logger LOG = LoggerFactory.getLogger(HalfSpaceTreesAdbenchFunctionalTest.class);
    private static final long SHUFFLE_SEED = 20110716L;
    private static Path adbench;

    @BeforeAll
    static void dataFolder() {
        String dir = System.getProperty("data.dir");
        if (dir == null || dir.isBlank()) {
            fail("data.dir must name the public data folder (mvn -B verify -Pdata -Ddata.dir=/work/shared/data), "
                    + "got a blank value");
        }
        adbench = Path.of(dir).resolve("adbench");
        if (!Files.isDirectory(adbench)) {
            fail("data.dir must contain adbench/, got missing " + adbench.toAbsolutePath());
        }
    }

    /** Reads {@code adbench/name.csv.gz} with the shared reader, failing loudly on a missing file. */
    private static LabelledTable read(String name) throws IOException {
        Path file = adbench.resolve(name + ".csv.gz");
        if (!Files.isRegularFile(file)) {
            throw new IOException("ADBench file must exist, got missing " + file.toAbsolutePath());
        }
        return LabelledTable.read(file);
    }

    /** @return the rows of {@code t} in a Fisher–Yates order drawn from {@code seed}, named {@code name-shuffled} */
    private static LabelledTable shuffled(LabelledTable t, long seed) {
        int n = t.rows();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int tmp = idx[i];
            idx[i] = idx[j];
            idx[j] = tmp;
        }
        double[][] x = new double[n][];
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i] = t.x()[idx[i]];
            labels[i] = t.labels()[idx[i]];
        }
        return new LabelledTable(t.name() + "-shuffled", x, labels);
    }

    /** ROC-AUC of the score and of the negated raw score over the rows after the warm-up. */
    private static double[] stream(LabelledTable t) {
        int psi = HalfSpaceTreesConfig.DEFAULT_WINDOW_SIZE;
        HalfSpaceTreesDetector d = new HalfSpaceTreesDetector(HalfSpaceTreesConfig.DEFAULT);
        d.fit(Arrays.copyOf(t.x(), psi));
        int n = t.rows() - psi;
        double[] score = new double[n];
        double[] negRaw = new double[n];
        boolean[] label = new boolean[n];
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            double[] x = t.x()[psi + i];
            negRaw[i] = -d.rawScore(x);
            score[i] = d.scoreAndLearn(x);
            label[i] = t.labels()[psi + i];
        }
        double micros = (System.nanoTime() - start) / 1e3 / n;
        double auc = RocAuc.of(score, label);
        double rawAuc = RocAuc.of(negRaw, label);
        LOG.info(String.format(Locale.ROOT, "%-17s rows %,d scored, ROC-AUC %.4f (raw mass score %.4f), "
                + "threshold %.4f, %.2f µs per rawScore + scoreAndLearn (wall clock)", t.name(), n, auc, rawAuc,
                d.threshold(), micros));
        return new double[] {auc, rawAuc};
    }

    @Test
    void shuttleShuffledReaches098AndFileOrderStaysNearIt() throws IOException {
        LabelledTable shuttle = read("shuttle");
        double fileOrder = stream(shuttle)[0];
        double shuffled = stream(shuffled(shuttle, SHUFFLE_SEED))[0];
        assertThat(shuffled).as("shuttle shuffled ROC-AUC").isGreaterThanOrEqualTo(0.98);
        // regression guard under the lowest of seeds 42, 1–4 (0.978; 0.988 at the default seed 42)
        assertThat(fileOrder).as("shuttle file-order ROC-AUC").isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void smtpIsReportedInBothOrders() throws IOException {
        LabelledTable smtp = read("smtp");
        double fileOrder = stream(smtp)[0];
        double shuffled = stream(shuffled(smtp, SHUFFLE_SEED))[0];
        // regression guards under the lowest of seeds 42, 1–4 (0.878 and 0.765; 0.919 and 0.814 at seed 42):
        // 30 outliers in 95,156 rows make the figure jump with the seed
        assertThat(shuffled).as("smtp shuffled ROC-AUC").isGreaterThanOrEqualTo(0.87);
        assertThat(fileOrder).as("smtp file-order ROC-AUC").isGreaterThanOrEqualTo(0.75);
    }
}
