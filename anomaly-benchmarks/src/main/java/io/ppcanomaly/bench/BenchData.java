package io.ppcanomaly.bench;

import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Data for the benchmarks, generated from fixed seeds so every run measures the same work.
 */
public final class BenchData {

    /** Seed of every generated table unless a benchmark says otherwise. */
    public static final long SEED = 20_240_101L;

    private BenchData() {
    }

    /**
     * A table of {@code rows × features}: standard normal rows with a share of outliers drawn uniformly from
     * [−6, 6] in every feature — the shape of the ADBench tables, at any size.
     */
    public static double[][] table(int rows, int features, double outlierShare, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] out = new double[rows][features];
        for (int i = 0; i < rows; i++) {
            boolean outlier = rnd.nextDouble() < outlierShare;
            for (int j = 0; j < features; j++) {
                out[i][j] = outlier ? rnd.nextDouble(-6, 6) : gaussian(rnd);
            }
        }
        return out;
    }

    /** The rows of a table as one-period windows with generic feature names. */
    public static List<FeatureWindow> rowWindows(double[][] rows) {
        FeatureSchema schema = FeatureSchema.generic(rows[0].length);
        List<FeatureWindow> out = new ArrayList<>(rows.length);
        for (double[] r : rows) {
            out.add(FeatureWindow.ofRow(schema, r));
        }
        return out;
    }

    /**
     * Windows of {@code length} periods over {@code features} scale-free features: rows around 0 with a little
     * autocorrelation, and a share of windows whose last row jumps — what the feature layer produces for an
     * account.
     */
    public static List<FeatureWindow> windows(int count, int length, FeatureSchema schema, double anomalyShare,
                                               long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int f = schema.size();
        List<FeatureWindow> out = new ArrayList<>(count);
        double[] v = new double[length * f];
        for (int w = 0; w < count; w++) {
            for (int j = 0; j < f; j++) {
                double x = 0.3 * gaussian(rnd);
                for (int t = 0; t < length; t++) {
                    x = 0.6 * x + 0.3 * gaussian(rnd);
                    v[t * f + j] = x;
                }
            }
            if (rnd.nextDouble() < anomalyShare) {
                int j = rnd.nextInt(f);
                v[(length - 1) * f + j] += (rnd.nextBoolean() ? 1 : -1) * (2 + 2 * rnd.nextDouble());
            }
            out.add(FeatureWindow.of(schema, v, "e" + w, null));
        }
        return out;
    }

    /** A schema of {@code n} features: the default PPC names while they last, then {@code x6, x7, …}. */
    public static FeatureSchema schema(int n) {
        List<String> names = new ArrayList<>(FeatureSchema.DEFAULT.names());
        for (int i = names.size(); i < n; i++) {
            names.add("x" + i);
        }
        return FeatureSchema.of(names.subList(0, n));
    }

    static double gaussian(SplittableRandom rnd) {
        // Marsaglia polar method: deterministic for a seed, no shared state.
        double u;
        double v;
        double s;
        do {
            u = rnd.nextDouble(-1, 1);
            v = rnd.nextDouble(-1, 1);
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
