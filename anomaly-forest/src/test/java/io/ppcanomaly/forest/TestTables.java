package io.ppcanomaly.forest;

import java.util.SplittableRandom;

/** Seeded synthetic tables for the tests. */
final class TestTables {

    private TestTables() {
    }

    /** @return {@code n} rows of {@code d} independent standard normal values */
    static double[][] gaussian(int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = gaussian(rnd);
            }
        }
        return x;
    }

    /** @return one standard normal value (Box–Muller, deterministic) */
    static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
