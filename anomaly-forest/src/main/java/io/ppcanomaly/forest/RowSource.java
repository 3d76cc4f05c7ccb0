package io.ppcanomaly.forest;

import io.ppcanomaly.api.features.FeatureWindow;
import java.util.List;

/**
 * Random access to the model inputs, one vector per row, whether they come from a table or from windows: the
 * trainer reads only the rows it samples, and scorers never copy a table.
 */
interface RowSource {

    /** @return the number of rows */
    int size();

    /** @return the length of every row vector */
    int width();

    /**
     * Returns row {@code i}: either an array backing the source (read it, never write it) or {@code scratch}
     * filled with the row.
     *
     * @param scratch an array of {@link #width()} values to fill, or {@code null} to let the source allocate
     *                one when it has no backing array
     */
    double[] row(int i, double[] scratch);

    /** @return whether {@link #row} needs a scratch array to avoid allocating */
    boolean needsScratch();

    /** A table of validated rows, read in place. */
    static RowSource of(double[][] rows, int width) {
        return new RowSource() {
            @Override
            public int size() {
                return rows.length;
            }

            @Override
            public int width() {
                return width;
            }

            @Override
            public double[] row(int i, double[] scratch) {
                return rows[i];
            }

            @Override
            public boolean needsScratch() {
                return false;
            }
        };
    }

    /** The last {@code rows} rows of each window, flattened row-major (oldest first). */
    static RowSource ofWindows(List<FeatureWindow> windows, int rows, int features) {
        int width = rows * features;
        return new RowSource() {
            @Override
            public int size() {
                return windows.size();
            }

            @Override
            public int width() {
                return width;
            }

            @Override
            public double[] row(int i, double[] scratch) {
                double[] out = scratch == null ? new double[width] : scratch;
                windows.get(i).copyLastRowsTo(rows, out, 0);
                return out;
            }

            @Override
            public boolean needsScratch() {
                return true;
            }
        };
    }
}
