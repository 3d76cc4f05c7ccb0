package io.ppcanomaly.service.source;

import java.time.LocalDateTime;
import java.util.Arrays;

/**
 * The rows of one load in columns — one primitive array per field, every leaf's rows together — so that adding a
 * row allocates nothing (the arrays grow by doubling) and a leaf's rows are gathered once, at the end. Not
 * thread-safe; owned by an {@link AccountAssembler}.
 */
final class RowTable {

    int size;
    int[] leaf = new int[4096];
    /** The period as a count of days (or hours) since the epoch, for cheap ordering. */
    long[] ordinal = new long[4096];
    long[] line = new long[4096];
    LocalDateTime[] period = new LocalDateTime[4096];
    long[] impressions = new long[4096];
    long[] clicks = new long[4096];
    double[] spend = new double[4096];
    double[] sales = new double[4096];
    long[] orders = new long[4096];

    void add(int leafIndex, long periodOrdinal, ReportRow r) {
        if (size == leaf.length) {
            int cap = size * 2;
            leaf = Arrays.copyOf(leaf, cap);
            ordinal = Arrays.copyOf(ordinal, cap);
            line = Arrays.copyOf(line, cap);
            period = Arrays.copyOf(period, cap);
            impressions = Arrays.copyOf(impressions, cap);
            clicks = Arrays.copyOf(clicks, cap);
            spend = Arrays.copyOf(spend, cap);
            sales = Arrays.copyOf(sales, cap);
            orders = Arrays.copyOf(orders, cap);
        }
        int i = size++;
        leaf[i] = leafIndex;
        ordinal[i] = periodOrdinal;
        line[i] = r.line();
        period[i] = r.period();
        impressions[i] = r.metrics().impressions();
        clicks[i] = r.metrics().clicks();
        spend[i] = r.metrics().spend();
        sales[i] = r.metrics().sales();
        orders[i] = r.metrics().orders();
    }

    /**
     * Groups the rows by leaf, keeping their order of arrival within a leaf (a counting sort).
     *
     * @param leaves the number of leaves
     * @return {@code [starts, rows]}: leaf {@code l}'s rows are {@code rows[starts[l], starts[l + 1])}
     */
    int[][] byLeaf(int leaves) {
        int[] starts = new int[leaves + 1];
        for (int i = 0; i < size; i++) {
            starts[leaf[i] + 1]++;
        }
        for (int l = 0; l < leaves; l++) {
            starts[l + 1] += starts[l];
        }
        int[] next = Arrays.copyOf(starts, leaves);
        int[] rows = new int[size];
        for (int i = 0; i < size; i++) {
            rows[next[leaf[i]]++] = i;
        }
        return new int[][] {starts, rows};
    }
}
