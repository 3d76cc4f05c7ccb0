package io.ppcanomaly.service.table;

import java.util.Arrays;

/**
 * Centres each column on its median and divides by its interquartile range / 1.349 (the standard deviation
 * of a normal column), falling back to the standard deviation, then to 1, for a column whose quartiles
 * coincide. Robust to the outliers being looked for. Immutable.
 */
final class RobustScaler {

    private final double[] centre;
    private final double[] scale;

    private RobustScaler(double[] centre, double[] scale) {
        this.centre = centre;
        this.scale = scale;
    }

    /** Learns the scaling from the first {@code rows} rows. */
    static RobustScaler fit(double[][] x, int rows) {
        int w = x[0].length;
        double[] centre = new double[w];
        double[] scale = new double[w];
        double[] col = new double[rows];
        for (int c = 0; c < w; c++) {
            double sum = 0;
            for (int i = 0; i < rows; i++) {
                col[i] = x[i][c];
                sum += col[i];
            }
            Arrays.sort(col);
            centre[c] = quantile(col, 0.5);
            double s = (quantile(col, 0.75) - quantile(col, 0.25)) / 1.349;
            if (!(s > 0)) {
                double mean = sum / rows;
                double ss = 0;
                for (int i = 0; i < rows; i++) {
                    ss += (col[i] - mean) * (col[i] - mean);
                }
                s = Math.sqrt(ss / Math.max(1, rows - 1));
            }
            scale[c] = s > 0 ? s : 1.0;
        }
        return new RobustScaler(centre, scale);
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** @return scaled copies of the rows */
    double[][] apply(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double[] r = new double[x[i].length];
            for (int c = 0; c < r.length; c++) {
                r[c] = (x[i][c] - centre[c]) / scale[c];
            }
            out[i] = r;
        }
        return out;
    }
}
