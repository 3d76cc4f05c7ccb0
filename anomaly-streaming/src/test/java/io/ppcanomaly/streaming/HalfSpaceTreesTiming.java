package io.ppcanomaly.streaming;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A quick hand-run timing of score+learn at the paper's defaults, without JMH; the figures to quote come from
 * {@code HalfSpaceTreesBenchmark} in anomaly-benchmarks (see the README). Not a test and asserts nothing: it prints wall-clock and thread-CPU microseconds per observation for 3, 6 and 10
 * features (four Gaussian clusters, 65,536 distinct rows cycled), after 2 M warm-up calls.
 *
 * <pre>
 * cd /work/main/anomaly-streaming &amp;&amp; mvn -B -o -q test-compile &amp;&amp; java -cp target/classes:target/test-classes:\
 * $HOME/.m2/repository/io/ppcanomaly/anomaly-api/0.1.0-SNAPSHOT/anomaly-api-0.1.0-SNAPSHOT.jar:\
 * $HOME/.m2/repository/org/slf4j/slf4j-api/2.0.16/slf4j-api-2.0.16.jar io.ppcanomaly.streaming.HalfSpaceTreesTiming
 * </pre>
 */
final class HalfSpaceTreesTiming {

    private HalfSpaceTreesTiming() {
    }

    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int reps = 4_000_000;
        for (int d : new int[] {3, 6, 10}) {
            SplittableRandom rnd = new SplittableRandom(7);
            int n = 1 << 16;
            double[][] data = new double[n][d];
            for (int i = 0; i < n; i++) {
                int c = rnd.nextInt(4);
                for (int j = 0; j < d; j++) {
                    data[i][j] = c + 0.3 * rnd.nextGaussian();
                }
            }
            HalfSpaceTreesDetector det = new HalfSpaceTreesDetector();
            det.fit(java.util.Arrays.copyOf(data, 250));
            double sink = 0;
            for (int i = 0; i < 2_000_000; i++) {
                sink += det.scoreAndLearn(data[i & (n - 1)]);
            }
            long wall0 = System.nanoTime();
            long cpu0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < reps; i++) {
                sink += det.scoreAndLearn(data[i & (n - 1)]);
            }
            long cpu1 = mx.getCurrentThreadCpuTime();
            long wall1 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                sink += det.score(data[i & (n - 1)]);
            }
            long cpu2 = mx.getCurrentThreadCpuTime();
            long wall2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "features %2d: scoreAndLearn %.3f µs wall / %.3f µs cpu, score %.3f µs wall"
                            + " / %.3f µs cpu per observation (checksum %.1f)%n", d, (wall1 - wall0) / 1e3 / reps,
                    (cpu1 - cpu0) / 1e3 / reps, (wall2 - wall1) / 1e3 / reps, (cpu2 - cpu1) / 1e3 / reps, sink);
        }
    }
}
