package io.ppcanomaly.service.source;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link MetricSource} read and what it refused. Immutable.
 *
 * @param rowsRead      data rows read (header excluded): CSV rows, or JSON records of every dataset
 * @param rowsLoaded    rows that became metrics
 * @param rowsFiltered  rows left out by the query (another profile, after {@link MetricQuery#until()}, before its
 *                      {@link MetricQuery#history() history})
 * @param rowsSkipped   rows skipped: bad rows under {@link OnError#SKIP}, and the delivery artefacts counted under
 *                      any policy (see {@link RowProblem})
 * @param skippedBy     skipped rows per problem; only problems that occurred
 * @param examples      the first few skipped rows, for the user to fix the file (at most
 *                      {@link #MAX_EXAMPLES})
 * @param rowsJoined    rows loaded by joining them to others: Marketing Stream conversion records matched to
 *                      their traffic record; 0 for sources that join nothing. At most {@code rowsLoaded}
 * @param rowsReadBy    rows read per dataset or report type (e.g. {@code sp-traffic}, {@code sp-conversion},
 *                      {@code spTargeting}) for sources reading several kinds, in first-seen order; empty otherwise.
 *                      When not empty, its counts add up to {@code rowsRead}
 */
public record LoadSummary(long rowsRead, long rowsLoaded, long rowsFiltered, long rowsSkipped,
                          Map<RowProblem, Long> skippedBy, List<RowError> examples, long rowsJoined,
                          Map<String, Long> rowsReadBy) {

    /** How many skipped rows are kept as examples. */
    public static final int MAX_EXAMPLES = 10;

    /** A summary for data that did not come from rows (an in-memory source). */
    public static final LoadSummary NONE = new LoadSummary(0, 0, 0, 0, Map.of(), List.of());

    /** Validates the counts add up and freezes the collections. */
    public LoadSummary {
        Objects.requireNonNull(skippedBy, "skippedBy");
        Objects.requireNonNull(examples, "examples");
        Objects.requireNonNull(rowsReadBy, "rowsReadBy");
        if (rowsRead < 0 || rowsLoaded < 0 || rowsFiltered < 0 || rowsSkipped < 0 || rowsJoined < 0) {
            throw new IllegalArgumentException("row counts must be >= 0, got read " + rowsRead + ", loaded "
                    + rowsLoaded + ", filtered " + rowsFiltered + ", skipped " + rowsSkipped + ", joined "
                    + rowsJoined);
        }
        if (rowsLoaded + rowsFiltered + rowsSkipped != rowsRead) {
            throw new IllegalArgumentException("rows loaded + filtered + skipped must equal rows read (" + rowsRead
                    + "), got " + (rowsLoaded + rowsFiltered + rowsSkipped));
        }
        if (rowsJoined > rowsLoaded) {
            throw new IllegalArgumentException("rows joined must be <= rows loaded (" + rowsLoaded + "), got "
                    + rowsJoined);
        }
        long sum = 0;
        for (long v : skippedBy.values()) {
            sum += v;
        }
        if (sum != rowsSkipped) {
            throw new IllegalArgumentException("skipped rows per problem must add up to " + rowsSkipped + ", got "
                    + sum);
        }
        long readSum = 0;
        for (long v : rowsReadBy.values()) {
            readSum += v;
        }
        if (!rowsReadBy.isEmpty() && readSum != rowsRead) {
            throw new IllegalArgumentException("rows read per kind must add up to " + rowsRead + ", got " + readSum);
        }
        EnumMap<RowProblem, Long> copy = new EnumMap<>(RowProblem.class);
        copy.putAll(skippedBy);
        skippedBy = Collections.unmodifiableMap(copy);
        examples = List.copyOf(examples);
        rowsReadBy = Collections.unmodifiableMap(new LinkedHashMap<>(rowsReadBy));
    }

    /** A summary of a source that joins nothing and reads one kind of row. */
    public LoadSummary(long rowsRead, long rowsLoaded, long rowsFiltered, long rowsSkipped,
                       Map<RowProblem, Long> skippedBy, List<RowError> examples) {
        this(rowsRead, rowsLoaded, rowsFiltered, rowsSkipped, skippedBy, examples, 0, Map.of());
    }
}
