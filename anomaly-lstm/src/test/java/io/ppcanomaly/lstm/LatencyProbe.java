package io.ppcanomaly.lstm;

import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.lstm.train.Dl4jNetworks;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Hand-run latency and memory probe (not a test, nothing asserted): our plain-Java scoring against DL4J's
 * {@code MultiLayerNetwork.output()} on the same trained weights, in the same JVM run, until the JMH benchmark
 * in anomaly-benchmarks replaces it.
 *
 * <pre>
 * cd /work/main
 * mvn -B -o -q -pl anomaly-lstm test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp "anomaly-lstm/target/classes:anomaly-lstm/target/test-classes:$(cat anomaly-lstm/target/test-classpath.txt)" \
 *     io.ppcanomaly.lstm.LatencyProbe
 * </pre>
 *
 * Prints single-window p50/p99 latencies (ours through a cursor and through {@code score}, DL4J's on a
 * prepared [1, 6, 14] array — its input conversion is not charged to it — with ND4J's default thread count and
 * with one thread), per-window costs in batches of 1,000 and 10,000 (ours sequential and on the common pool,
 * DL4J's one {@code output()} call), the thread CPU time per window (robust on a loaded machine), the saved
 * model's size and the heap allocated to score 10,000 windows.
 */
public final class LatencyProbe {

    private LatencyProbe() {
    }

    /** Runs the probe; no arguments. */
    public static void main(String[] args) throws Exception {
        int length = 14;
        List<FeatureWindow> train = TestModels.normalWindows(200, 10, length, 1);
        LstmAutoencoderConfig cfg = LstmAutoencoderConfig.builder().epochs(2).batchSize(256).build();
        LstmAutoencoderDetector d = new LstmAutoencoderDetector(cfg);
        d.fit(train);
        LstmModel m = d.model();
        MultiLayerNetwork net = Dl4jNetworks.fromZip(m.dl4jZip());
        LstmAutoencoderDetector sequential = new LstmAutoencoderDetector(
                new LstmModel(m.schema(), m.scaler(), m.network(), m.calibration(), m.thresholdPercentile(),
                        m.thresholdError(), cfg.toBuilder().parallelScoring(false).build(), m.summary(), m.dl4jZip()));
        List<FeatureWindow> probe = TestModels.normalWindows(1_000, 10, length, 2);
        System.out.printf(Locale.ROOT, "model %s, %d parameters, load average %.1f, %d cores%n", m.network(),
                m.network().parameterCount(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());

        // single window
        LstmModel.Cursor cursor = m.newCursor();
        long[] lat = new long[50_000];
        double sink = 0;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < lat.length; i++) {
                FeatureWindow w = probe.get(i % probe.size());
                long t0 = System.nanoTime();
                sink += cursor.score(w);
                lat[i] = System.nanoTime() - t0;
            }
        }
        report("ours, cursor.score(window)", lat);
        for (int i = 0; i < lat.length; i++) {
            FeatureWindow w = probe.get(i % probe.size());
            long t0 = System.nanoTime();
            sink += d.score(w).score();
            lat[i] = System.nanoTime() - t0;
        }
        report("ours, detector.score(window)", lat);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < 100_000; i++) {
            sink += cursor.score(probe.get(i % probe.size()));
        }
        System.out.printf(Locale.ROOT, "%-32s mean %8.2f us of thread CPU per window (100,000 calls)%n",
                "ours, cursor.score(window)", (mx.getCurrentThreadCpuTime() - cpu0) / 1e3 / 100_000);
        INDArray one = toNcw(probe.subList(0, 1), m);
        int defaultThreads = Nd4j.getEnvironment().maxThreads();
        for (int threads : new int[] {defaultThreads, 1}) {
            setNd4jThreads(threads);
            long[] dl = new long[200];
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < dl.length; i++) {
                    long t0 = System.nanoTime();
                    sink += net.output(one).getDouble(0);
                    dl[i] = System.nanoTime() - t0;
                }
            }
            report("DL4J output(), [1,6,14], " + threads + " thr", dl);
        }

        // batches
        for (int n : new int[] {1_000, 10_000}) {
            List<FeatureWindow> batch = probe.subList(0, n);
            INDArray x = toNcw(batch, m);
            double ours = best(() -> d.scoreAll(batch).size(), 15) / n;
            double oursSeq = best(() -> sequential.scoreAll(batch).size(), 10) / n;
            long c0 = mx.getCurrentThreadCpuTime();
            sequential.scoreAll(batch);
            double oursCpu = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / n;
            for (int threads : new int[] {defaultThreads, 1}) {
                setNd4jThreads(threads);
                double dl4j = best(() -> net.output(x).length(), 3) / n;
                System.out.printf(Locale.ROOT, "batch %,6d: ours %.2f us/window (common pool), %.2f us/window "
                                + "(one thread; %.2f us of CPU); DL4J output() %.2f us/window with %d threads; "
                                + "DL4J/ours %.1fx%n", n, ours, oursSeq, oursCpu, dl4j, threads, dl4j / ours);
            }
        }
        setNd4jThreads(defaultThreads);

        // memory
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        d.save(bos);
        System.out.printf(Locale.ROOT, "saved model %,d bytes (DL4J zip %,d of them); weights %,d bytes as float%n",
                bos.size(), m.dl4jZip().length, m.network().parameterCount() * 4);
        List<FeatureWindow> tenK = probe.subList(0, 10_000);
        long id = Thread.currentThread().getId();
        sequential.scoreAll(tenK);
        long before = mx.getThreadAllocatedBytes(id);
        sink += sequential.scoreAll(tenK).size();
        long allocated = mx.getThreadAllocatedBytes(id) - before;
        long windowBytes = 10_000L * (16 + 14 * 6 * 8 + 40);
        System.out.printf(Locale.ROOT, "scoreAll(10,000 windows), one thread: %,d bytes allocated (%.0f per window: "
                + "the results and the error array); the windows themselves hold about %,d bytes%n", allocated,
                allocated / 10_000.0, windowBytes);
        System.out.println("(checksum " + sink + ")");
    }

    private static void setNd4jThreads(int threads) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    private static INDArray toNcw(List<FeatureWindow> ws, LstmModel m) {
        int len = m.length();
        int f = m.schema().size();
        float[] buf = new float[ws.size() * len * f];
        double[] raw = new double[len * f];
        float[] std = new float[len * f];
        for (int e = 0; e < ws.size(); e++) {
            ws.get(e).copyTo(raw, 0);
            m.scaler().standardise(raw, 0, std, 0, raw.length);
            for (int t = 0; t < len; t++) {
                for (int j = 0; j < f; j++) {
                    buf[e * len * f + j * len + t] = std[t * f + j];
                }
            }
        }
        return Nd4j.create(buf, new long[] {ws.size(), f, len}, 'c');
    }

    private interface Task {
        long run() throws Exception;
    }

    /** @return the best of {@code reps} runs in microseconds */
    private static double best(Task t, int reps) throws Exception {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            t.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e3);
        }
        return best;
    }

    private static void report(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%-32s p50 %10.2f us   p99 %10.2f us   (%,d calls)%n", what,
                s[s.length / 2] / 1e3, s[(int) (s.length * 0.99)] / 1e3, s.length);
    }
}
