package io.ppcanomaly.lstm.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LstmNetworkTest {

    static float[] random(SplittableRandom rnd, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        }
        return a;
    }

    static LstmLayer layer(SplittableRandom rnd, int nIn, int nOut) {
        return new LstmLayer(nIn, nOut, random(rnd, nIn * 4 * nOut, 0.5), random(rnd, nOut * 4 * nOut, 0.5),
                random(rnd, 4 * nOut, 0.3));
    }

    static LstmNetwork network(long seed, int length, int features, int e, int b, int d) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return new LstmNetwork(length, layer(rnd, features, e), layer(rnd, e, b), layer(rnd, b, d),
                random(rnd, d * features, 0.5), random(rnd, features, 0.1));
    }

    private static double sig(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** A reference LSTM step in double precision, written from the equations, not from the optimised code. */
    private static void referenceStep(LstmLayer l, double[] x, double[] h, double[] c) {
        int n = l.nOut();
        float[] w = l.inputWeights();
        float[] r = l.recurrentWeights();
        float[] b = l.bias();
        double[] z = new double[4 * n];
        for (int j = 0; j < 4 * n; j++) {
            double s = b[j];
            for (int k = 0; k < l.nIn(); k++) {
                s += x[k] * w[k * 4 * n + j];
            }
            for (int k = 0; k < n; k++) {
                s += h[k] * r[k * 4 * n + j];
            }
            z[j] = s;
        }
        for (int j = 0; j < n; j++) {
            double a = Math.tanh(z[j]);
            double f = sig(z[n + j]);
            double o = sig(z[2 * n + j]);
            double g = sig(z[3 * n + j]);
            c[j] = f * c[j] + g * a;
            h[j] = o * Math.tanh(c[j]);
        }
    }

    private static double[] reference(LstmNetwork net, float[] x) {
        int len = net.length();
        int feat = net.features();
        double[] h1 = new double[net.encoder().nOut()];
        double[] c1 = new double[h1.length];
        double[] h2 = new double[net.bottleneck().nOut()];
        double[] c2 = new double[h2.length];
        for (int t = 0; t < len; t++) {
            double[] in = new double[feat];
            for (int f = 0; f < feat; f++) {
                in[f] = x[t * feat + f];
            }
            referenceStep(net.encoder(), in, h1, c1);
            referenceStep(net.bottleneck(), h1.clone(), h2, c2);
        }
        double[] h3 = new double[net.decoder().nOut()];
        double[] c3 = new double[h3.length];
        float[] wo = net.outputWeights();
        float[] bo = net.outputBias();
        double[] y = new double[len * feat];
        for (int t = 0; t < len; t++) {
            referenceStep(net.decoder(), h2, h3, c3);
            for (int f = 0; f < feat; f++) {
                double s = bo[f];
                for (int k = 0; k < h3.length; k++) {
                    s += h3[k] * wo[k * feat + f];
                }
                y[t * feat + f] = s;
            }
        }
        return y;
    }

    @Test
    void forwardPassMatchesTheLstmEquationsInDoublePrecision() {
        LstmNetwork net = network(3, 14, 6, 9, 5, 7);
        SplittableRandom rnd = new SplittableRandom(4);
        LstmNetwork.Scratch s = net.newScratch();
        float[] y = new float[14 * 6];
        for (int trial = 0; trial < 50; trial++) {
            float[] x = random(rnd, 14 * 6, 3.0);
            net.reconstruct(x, 0, y, 0, s);
            double[] expected = reference(net, x);
            for (int i = 0; i < y.length; i++) {
                assertThat((double) y[i]).as("trial %d cell %d", trial, i).isCloseTo(expected[i], within(1e-5));
            }
        }
    }

    @Test
    void reusingAScratchGivesBitIdenticalResultsRegardlessOfWhatRanBefore() {
        LstmNetwork net = network(5, 10, 3, 8, 4, 8);
        SplittableRandom rnd = new SplittableRandom(6);
        float[] a = random(rnd, 30, 2);
        float[] b = random(rnd, 30, 2);
        float[] fresh = new float[30];
        net.reconstruct(a, 0, fresh, 0, net.newScratch());
        LstmNetwork.Scratch s = net.newScratch();
        float[] y = new float[30];
        net.reconstruct(b, 0, y, 0, s);
        net.reconstruct(a, 0, y, 0, s);
        assertThat(y).containsExactly(fresh);
    }

    @Test
    void offsetsSelectTheWindowInsideLargerArrays() {
        LstmNetwork net = network(7, 4, 2, 3, 2, 3);
        float[] x = random(new SplittableRandom(8), 8 * 5, 1);
        float[] single = new float[8];
        float[] many = new float[8 * 5];
        LstmNetwork.Scratch s = net.newScratch();
        net.reconstruct(x, 16, single, 0, s);
        net.reconstruct(x, 16, many, 24, s);
        assertThat(java.util.Arrays.copyOfRange(many, 24, 32)).containsExactly(single);
    }

    @Test
    void reconstructAllocatesNothingPerWindow() {
        LstmNetwork net = network(9, 14, 6, 32, 16, 32);
        float[] x = random(new SplittableRandom(10), 14 * 6, 1);
        float[] y = new float[x.length];
        LstmNetwork.Scratch s = net.newScratch();
        for (int i = 0; i < 20_000; i++) { // let the JIT compile it
            net.reconstruct(x, 0, y, 0, s);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        for (int i = 0; i < 10_000; i++) {
            net.reconstruct(x, 0, y, 0, s);
        }
        long allocated = mx.getThreadAllocatedBytes(id) - before;
        assertThat(allocated).as("bytes allocated by 10,000 forward passes").isLessThan(1_000);
    }

    @Test
    void reconstructAllIsBitIdenticalToOneWindowAtATimeWhateverTheBlockRemainder() {
        // sizes that are not multiples of four exercise the row tails of the block kernel too
        LstmNetwork net = network(11, 14, 3, 9, 6, 7);
        int cells = 14 * 3;
        SplittableRandom rnd = new SplittableRandom(12);
        LstmNetwork.Scratch s = net.newScratch();
        for (int count : new int[] {0, 1, 2, 3, 5, 8, LstmNetwork.BATCH_BLOCK - 1, LstmNetwork.BATCH_BLOCK,
                LstmNetwork.BATCH_BLOCK + 1, 2 * LstmNetwork.BATCH_BLOCK + 7}) {
            float[] x = random(rnd, 3 + count * cells, 3.0);
            float[] all = new float[5 + count * cells];
            net.reconstructAll(x, 3, count, all, 5, s);
            float[] one = new float[cells];
            LstmNetwork.Scratch single = net.newScratch();
            for (int w = 0; w < count; w++) {
                net.reconstruct(x, 3 + w * cells, one, 0, single);
                assertThat(java.util.Arrays.copyOfRange(all, 5 + w * cells, 5 + (w + 1) * cells))
                        .as("count %d window %d", count, w).containsExactly(one);
            }
        }
    }

    @Test
    void reconstructAllAllocatesNothing() {
        LstmNetwork net = network(13, 14, 6, 32, 16, 32);
        int count = 64;
        float[] x = random(new SplittableRandom(14), count * 14 * 6, 1);
        float[] y = new float[x.length];
        LstmNetwork.Scratch s = net.newScratch();
        for (int i = 0; i < 1_000; i++) { // let the JIT compile it
            net.reconstructAll(x, 0, count, y, 0, s);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        for (int i = 0; i < 200; i++) {
            net.reconstructAll(x, 0, count, y, 0, s);
        }
        long allocated = mx.getThreadAllocatedBytes(id) - before;
        assertThat(allocated).as("bytes allocated by 12,800 forward passes in blocks").isLessThan(1_000);
    }

    @Test
    void reconstructAllRejectsACountThatDoesNotFit() {
        LstmNetwork a = network(1, 4, 2, 3, 2, 3);
        assertThatThrownBy(() -> a.reconstructAll(new float[8 * 3], 0, 4, new float[8 * 4], 0, a.newScratch()))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> a.reconstructAll(new float[8], 0, -1, new float[8], 0, a.newScratch()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count").hasMessageContaining("-1");
    }

    @Test
    void layersThatDoNotChainAreRejectedNamingTheSizes() {
        SplittableRandom rnd = new SplittableRandom(1);
        assertThatThrownBy(() -> new LstmNetwork(5, layer(rnd, 3, 8), layer(rnd, 7, 4), layer(rnd, 4, 8),
                new float[8 * 3], new float[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bottleneck nIn must be 8").hasMessageContaining("got 7");
        assertThatThrownBy(() -> new LstmNetwork(5, layer(rnd, 3, 8), layer(rnd, 8, 4), layer(rnd, 4, 8),
                new float[8 * 2], new float[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outputWeights must have 24 values, got 16");
        assertThatThrownBy(() -> new LstmNetwork(0, layer(rnd, 3, 8), layer(rnd, 8, 4), layer(rnd, 4, 8),
                new float[24], new float[3])).hasMessageContaining("length must be > 0, got 0");
    }

    @Test
    void nonFiniteWeightsAreRejectedNamingThePosition() {
        float[] w = new float[2 * 4 * 3];
        w[5] = Float.NaN;
        assertThatThrownBy(() -> new LstmLayer(2, 3, w, new float[36], new float[12]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("inputWeights[5] must be finite, got NaN");
    }

    @Test
    void aScratchOfAnotherNetworkIsRejected() {
        LstmNetwork a = network(1, 4, 2, 3, 2, 3);
        LstmNetwork b = network(1, 4, 2, 3, 2, 3);
        assertThatThrownBy(() -> a.reconstruct(new float[8], 0, new float[8], 0, b.newScratch()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scratch");
    }

    @Test
    void windowsThatDoNotFitTheArraysAreRejected() {
        LstmNetwork a = network(1, 4, 2, 3, 2, 3);
        assertThatThrownBy(() -> a.reconstruct(new float[8], 1, new float[8], 0, a.newScratch()))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void weightAccessorsReturnCopiesAndEqualityFollowsTheWeights() {
        LstmNetwork a = network(11, 4, 2, 3, 2, 3);
        LstmNetwork b = network(11, 4, 2, 3, 2, 3);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        a.outputWeights()[0] = 99f;
        a.encoder().inputWeights()[0] = 99f;
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(network(12, 4, 2, 3, 2, 3));
        assertThat(a.parameterCount()).isEqualTo(2 * 12 + 3 * 12 + 12 + 3 * 8 + 2 * 8 + 8 + 2 * 12 + 3 * 12 + 12
                + 3 * 2 + 2);
    }
}
