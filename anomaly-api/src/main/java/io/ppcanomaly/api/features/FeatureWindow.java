package io.ppcanomaly.api.features;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable block of {@code length} periods × {@code schema.size()} features: what a detector scores.
 *
 * <p>Rows are periods, oldest first; the last row is the period being judged. Every value is finite — NaN and
 * infinities are rejected here, at the boundary, naming the row, the feature and the value. A window may carry
 * the entity and the period it describes; tabular data (one row per record) uses windows of length 1 with no
 * entity.
 */
public final class FeatureWindow {

    private final FeatureSchema schema;
    private final int length;
    private final double[] values;
    private final String entityId;
    private final LocalDateTime period;

    private FeatureWindow(FeatureSchema schema, int length, double[] values, String entityId, LocalDateTime period) {
        this.schema = schema;
        this.length = length;
        this.values = values;
        this.entityId = entityId;
        this.period = period;
    }

    /**
     * Creates a window from row-major values (row t, feature f at {@code t * schema.size() + f}); the array is
     * copied.
     *
     * @param entityId the entity described, or {@code null}
     * @param period   the period of the last row, or {@code null}
     * @throws IllegalArgumentException when the array length is not a positive multiple of the schema size, or
     *                                  a value is NaN or infinite
     */
    public static FeatureWindow of(FeatureSchema schema, double[] rowMajor, String entityId, LocalDateTime period) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(rowMajor, "values");
        int f = schema.size();
        if (rowMajor.length == 0 || rowMajor.length % f != 0) {
            throw new IllegalArgumentException("window values must be a positive multiple of " + f
                    + " features " + schema + ", got " + rowMajor.length + " values");
        }
        double[] copy = rowMajor.clone();
        checkFinite(schema, copy);
        return new FeatureWindow(schema, copy.length / f, copy, entityId, period);
    }

    /**
     * Creates a window from rows; each row must have one value per feature.
     *
     * @throws IllegalArgumentException naming the first row of the wrong width or the first non-finite value
     */
    public static FeatureWindow of(FeatureSchema schema, double[][] rows, String entityId, LocalDateTime period) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(rows, "rows");
        if (rows.length == 0) {
            throw new IllegalArgumentException("window must have at least one row, got 0");
        }
        int f = schema.size();
        double[] flat = new double[rows.length * f];
        for (int t = 0; t < rows.length; t++) {
            if (rows[t] == null || rows[t].length != f) {
                throw new IllegalArgumentException("window row " + t + " has "
                        + (rows[t] == null ? "no" : Integer.toString(rows[t].length)) + " values, expected " + f);
            }
            System.arraycopy(rows[t], 0, flat, t * f, f);
        }
        checkFinite(schema, flat);
        return new FeatureWindow(schema, rows.length, flat, entityId, period);
    }

    /** Creates a one-row window (a tabular record). */
    public static FeatureWindow ofRow(FeatureSchema schema, double... row) {
        return of(schema, new double[][] {row}, null, null);
    }

    /** Creates a window of zeros: in the scale-free feature space, an entity behaving exactly as its baseline. */
    public static FeatureWindow zeros(FeatureSchema schema, int length, String entityId, LocalDateTime period) {
        if (length <= 0) {
            throw new IllegalArgumentException("window length must be > 0, got " + length);
        }
        return new FeatureWindow(schema, length, new double[length * schema.size()], entityId, period);
    }

    private static void checkFinite(FeatureSchema schema, double[] v) {
        int f = schema.size();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("window row " + (i / f) + " feature '" + schema.name(i % f)
                        + "' must be finite, got " + v[i]);
            }
        }
    }

    /** @return the feature names */
    public FeatureSchema schema() {
        return schema;
    }

    /** @return the number of periods (rows) */
    public int length() {
        return length;
    }

    /** @return the number of features (columns) */
    public int width() {
        return schema.size();
    }

    /** @return the entity this window describes, or {@code null} */
    public String entityId() {
        return entityId;
    }

    /** @return the period of the last row, or {@code null} */
    public LocalDateTime period() {
        return period;
    }

    /** @return the value of feature {@code f} at row {@code t} */
    public double get(int t, int f) {
        Objects.checkIndex(t, length);
        Objects.checkIndex(f, schema.size());
        return values[t * schema.size() + f];
    }

    /** @return a copy of row {@code t} */
    public double[] row(int t) {
        Objects.checkIndex(t, length);
        int f = schema.size();
        return Arrays.copyOfRange(values, t * f, t * f + f);
    }

    /** @return a copy of the last row, the period being judged */
    public double[] lastRow() {
        return row(length - 1);
    }

    /** @return a copy of all values, row-major */
    public double[] toArray() {
        return values.clone();
    }

    /**
     * Copies all values, row-major, into {@code dst} from {@code offset}, without allocating: the path batch
     * scorers use to fill their own buffers.
     */
    public void copyTo(double[] dst, int offset) {
        System.arraycopy(values, 0, dst, offset, values.length);
    }

    /**
     * Copies the last {@code rows} rows into {@code dst} from {@code offset} without allocating.
     *
     * @throws IllegalArgumentException if the window has fewer rows
     */
    public void copyLastRowsTo(int rows, double[] dst, int offset) {
        if (rows <= 0 || rows > length) {
            throw new IllegalArgumentException("rows must be in [1, " + length + "], got " + rows);
        }
        int f = schema.size();
        System.arraycopy(values, (length - rows) * f, dst, offset, rows * f);
    }

    /** @return a window with the same schema, entity and period but other values (validated like {@link #of}) */
    public FeatureWindow withValues(double[] rowMajor) {
        if (rowMajor.length != values.length) {
            throw new IllegalArgumentException("window values must have " + values.length + " entries, got "
                    + rowMajor.length);
        }
        double[] copy = rowMajor.clone();
        checkFinite(schema, copy);
        return new FeatureWindow(schema, length, copy, entityId, period);
    }

    /** @return a window over the same values labelled with another entity and period */
    public FeatureWindow withIdentity(String entityId, LocalDateTime period) {
        return new FeatureWindow(schema, length, values, entityId, period);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureWindow w && w.schema.equals(schema) && w.length == length
                && Arrays.equals(w.values, values) && Objects.equals(w.entityId, entityId)
                && Objects.equals(w.period, period);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + Objects.hash(schema, length, entityId, period);
    }

    @Override
    public String toString() {
        return "FeatureWindow[" + (entityId == null ? "" : entityId + " ") + length + "x" + schema + "]";
    }
}
