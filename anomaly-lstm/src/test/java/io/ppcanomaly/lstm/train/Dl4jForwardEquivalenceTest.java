package io.ppcanomaly.lstm.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.lstm.inference.LstmNetwork;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The plain-Java forward pass must compute what DL4J's {@code output()} computes: same gate order, same weight
 * layout, same activations, within 1e-5.
 */
public class Dl4jForwardEquivalenceTest {

    private static final int FEATURES = 6;
    private static final int LENGTH = 14;

    private static float[] randomWindows(SplittableRandom rnd, int n, double scale) {
        float[] x = new float[n * LENGTH * FEATURES];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        }
        return x;
    }

    /** Row-major [n][t][f] to DL4J's NCW [n][f][t]. */
    private static INDArray toNcw(float[] x, int n) {
        float[] out = new float[x.length];
        int cells = LENGTH * FEATURES;
        for (int e = 0; e < n; e++) {
            for (int t = 0; t < LENGTH; t++) {
                for (int f = 0; f < FEATURES; f++) {
                    out[e * cells + f * LENGTH + t] = x[e * cells + t * FEATURES + f];
                }
            }
        }
        return Nd4j.create(out, new long[] {n, FEATURES, LENGTH}, 'c');
    }

    private static double maxDifference(MultiLayerNetwork net, LstmNetwork ours, float[] x, int n) {
        INDArray expected = net.output(toNcw(x, n));
        float[] y = new float[LENGTH * FEATURES];
        LstmNetwork.Scratch s = ours.newScratch();
        double max = 0;
        for (int e = 0; e < n; e++) {
            ours.reconstruct(x, e * LENGTH * FEATURES, y, 0, s);
            for (int t = 0; t < LENGTH; t++) {
                for (int f = 0; f < FEATURES; f++) {
                    double d = Math.abs(y[t * FEATURES + f] - expected.getDouble(e, f, t));
                    max = Math.max(max, d);
                }
            }
        }
        return max;
    }

    /** Prints the largest differences, for the README: run this class's main by hand. */
    public static void main(String[] args) {
        SplittableRandom rnd = new SplittableRandom(7);
        MultiLayerNetwork net = new MultiLayerNetwork(
                Dl4jNetworks.configuration(FEATURES, LENGTH, 32, 16, 32, 0.01, 11L));
        net.init();
        for (int i = 0; i < 5; i++) {
            INDArray x = toNcw(randomWindows(rnd, 64, 1.0), 64);
            net.fit(new DataSet(x, x));
        }
        LstmNetwork ours = Dl4jNetworks.toNetwork(net, LENGTH);
        for (double scale : new double[] {1, 3, 8}) {
            System.out.printf("inputs in [-%s, %s]: max |ours - DL4J| = %.3g over 1000 windows%n", scale, scale,
                    maxDifference(net, ours, randomWindows(rnd, 1000, scale), 1000));
        }
    }

    @Test
    void javaForwardPassMatchesDl4jOutputOnRandomWindowsWithinOneHundredThousandth() {
        SplittableRandom rnd = new SplittableRandom(7);
        MultiLayerNetwork net = new MultiLayerNetwork(
                Dl4jNetworks.configuration(FEATURES, LENGTH, 32, 16, 32, 0.01, 11L));
        net.init();
        // Two steps of training so the weights are not just the initialisation (forget bias 1 etc.).
        for (int i = 0; i < 2; i++) {
            INDArray x = toNcw(randomWindows(rnd, 32, 1.0), 32);
            net.fit(new DataSet(x, x));
        }
        LstmNetwork ours = Dl4jNetworks.toNetwork(net, LENGTH);
        int n = 200;
        assertThat(maxDifference(net, ours, randomWindows(rnd, n, 1.0), n)).isLessThanOrEqualTo(1e-5);
        // Large inputs drive the gates into saturation, where a poor tanh/sigmoid would show.
        assertThat(maxDifference(net, ours, randomWindows(rnd, n, 8.0), n)).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void dl4jScoreIsTheMeanCellErrorTimesTheWindowLength() {
        // LstmTrainer converts DL4J's minibatch score to the per-cell unit of the raw score with this relation.
        SplittableRandom rnd = new SplittableRandom(9);
        MultiLayerNetwork net = new MultiLayerNetwork(
                Dl4jNetworks.configuration(FEATURES, LENGTH, 8, 4, 8, 0.01, 13L));
        net.init();
        int n = 40;
        float[] x = randomWindows(rnd, n, 1.0);
        INDArray in = toNcw(x, n);
        double score = net.score(new DataSet(in, in));
        LstmNetwork ours = Dl4jNetworks.toNetwork(net, LENGTH);
        float[] y = new float[LENGTH * FEATURES];
        LstmNetwork.Scratch s = ours.newScratch();
        double sum = 0;
        for (int e = 0; e < n; e++) {
            ours.reconstruct(x, e * LENGTH * FEATURES, y, 0, s);
            sum += LstmNetwork.meanSquaredError(x, e * LENGTH * FEATURES, y, 0, LENGTH * FEATURES);
        }
        assertThat(score / LENGTH).isCloseTo(sum / n, org.assertj.core.data.Percentage.withPercentage(1e-3));
    }

    @Test
    void javaForwardPassMatchesDl4jForUnequalLayerSizes() {
        SplittableRandom rnd = new SplittableRandom(8);
        MultiLayerNetwork net = new MultiLayerNetwork(
                Dl4jNetworks.configuration(FEATURES, LENGTH, 7, 3, 5, 0.01, 12L));
        net.init();
        LstmNetwork ours = Dl4jNetworks.toNetwork(net, LENGTH);
        int n = 50;
        assertThat(maxDifference(net, ours, randomWindows(rnd, n, 2.0), n)).isLessThanOrEqualTo(1e-5);
    }
}
