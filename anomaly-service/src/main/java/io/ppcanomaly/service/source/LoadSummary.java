package io.ppcanomaly.service.source;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link MetricSource} read and what it refused. Immutable.
 *
 * @param rowsRead      data rows read (header excluded)
 * @param rowsLoaded    rows that became metrics
 * @param rowsFiltered  rows left out by the query (another profile, after {@link MetricQuery#until()})
 * @param rowsSkipped   bad rows skipped ({@link OnError#SKIP})
 * @param skippedBy     skipped rows per problem; only problems that occurred
 * @param examples      the first few skipped rows, for the user to fix the file (at most
 *                      {@link #MAX_EXAMPLES})
 */
public record LoadSummary(long rowsRead, long rowsLoaded, long rowsFiltered, long rowsSkipped,
                          Map<RowProblem, Long> skippedBy, List<RowError> examples) {

    /** How many skipped rows are kept as examples. */
    public static final int MAX_EXAMPLES = 10;

    /** A summary for data that did not come from rows (an in-memory source). */
    public static final LoadSummary NONE = new LoadSummary(0, 0, 0, 0, Map.of(), List.of());

    /** Validates the counts add up and freezes the collections. */
    public LoadSummary {
        Objects.requireNonNull(skippedBy, "skippedBy");
        Objects.requireNonNull(examples, "examples");
        if (rowsRead < 0 || rowsLoaded < 0 || rowsFiltered < 0 || rowsSkipped < 0) {
            throw new IllegalArgumentException("row counts must be >= 0, got read " + rowsRead + ", loaded "
                    + rowsLoaded + ", filtered " + rowsFiltered + ", skipped " + rowsSkipped);
        }
        if (rowsLoaded + rowsFiltered + rowsSkipped != rowsRead) {
            throw new IllegalArgumentException("rows loaded + filtered + skipped must equal rows read (" + rowsRead
                    + "), got " + (rowsLoaded + rowsFiltered + rowsSkipped));
        }
        long sum = 0;
        for (long v : skippedBy.values()) {
            sum += v;
        }
        if (sum != rowsSkipped) {
            throw new IllegalArgumentException("skipped rows per problem must add up to " + rowsSkipped + ", got "
                    + sum);
        }
        EnumMap<RowProblem, Long> copy = new EnumMap<>(RowProblem.class);
        copy.putAll(skippedBy);
        skippedBy = Collections.unmodifiableMap(copy);
        examples = List.copyOf(examples);
    }
}
