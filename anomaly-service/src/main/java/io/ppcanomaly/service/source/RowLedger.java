package io.ppcanomaly.service.source;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counts the rows of one load — read, loaded, filtered, skipped, joined — and applies the {@link OnError}
 * policy to a bad row: throw it, or count it. Not thread-safe; one per load.
 */
public final class RowLedger {

    private final String source;
    private final OnError onError;
    private long read;
    private long filtered;
    private long skipped;
    private long joined;
    private final Map<RowProblem, Long> skippedBy = new EnumMap<>(RowProblem.class);
    private final Map<String, Long> readBy = new LinkedHashMap<>();
    private final List<RowError> examples = new ArrayList<>();

    /**
     * @param source  the source's description, the prefix of error messages
     * @param onError what to do with a bad row
     */
    public RowLedger(String source, OnError onError) {
        this.source = Objects.requireNonNull(source, "source");
        this.onError = Objects.requireNonNull(onError, "onError");
    }

    /** @return the source's description */
    public String source() {
        return source;
    }

    /** @return what a bad row does */
    public OnError onError() {
        return onError;
    }

    /** Counts one data row read. */
    public void read() {
        read++;
    }

    /**
     * Counts one data row read of a kind (a dataset, a report type), for sources that read several.
     *
     * @param kind e.g. {@code sp-traffic}
     */
    public void read(String kind) {
        Objects.requireNonNull(kind, "kind");
        read++;
        readBy.merge(kind, 1L, Long::sum);
    }

    /** Counts one row left out by the query. */
    public void filtered() {
        filtered++;
    }

    /**
     * Counts rows left out by the query.
     *
     * @param rows &ge; 0
     */
    public void filtered(long rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
        filtered += rows;
    }

    /**
     * Counts rows loaded by joining them to others (they also count as loaded).
     *
     * @param rows &ge; 0
     */
    public void joined(long rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
        joined += rows;
    }

    /**
     * Refuses a row: fails the load under {@link OnError#FAIL}, counts it under {@link OnError#SKIP}.
     *
     * @throws ReportFormatException under {@link OnError#FAIL}, naming the source, line, column and value
     */
    public void refuse(RowError error) throws ReportFormatException {
        if (onError == OnError.FAIL) {
            throw new ReportFormatException(source, error);
        }
        skip(error, 1);
    }

    /**
     * Skips rows and counts them whatever the policy: for artefacts of how the data is delivered (a duplicate
     * delivery, a conversion whose traffic is not in the input), which real feeds always hold.
     *
     * @param error the problem, as the example of these rows
     * @param rows  how many rows it stands for, &ge; 1 (a key aggregated from several records)
     */
    public void skip(RowError error, long rows) {
        Objects.requireNonNull(error, "error");
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1, got " + rows);
        }
        skipped += rows;
        skippedBy.merge(error.problem(), rows, Long::sum);
        if (examples.size() < LoadSummary.MAX_EXAMPLES) {
            examples.add(error);
        }
    }

    /** @return rows read so far */
    public long rowsRead() {
        return read;
    }

    /** @return rows skipped so far */
    public long rowsSkipped() {
        return skipped;
    }

    /** @return rows filtered so far */
    public long rowsFiltered() {
        return filtered;
    }

    /** @return the summary; every row read and neither filtered nor skipped counts as loaded */
    public LoadSummary summary() {
        return new LoadSummary(read, read - filtered - skipped, filtered, skipped, skippedBy, examples, joined,
                readBy.size() > 0 && readBy.values().stream().mapToLong(Long::longValue).sum() == read ? readBy
                        : Map.of());
    }
}
