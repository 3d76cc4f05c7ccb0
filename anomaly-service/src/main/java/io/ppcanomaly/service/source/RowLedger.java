package io.ppcanomaly.service.source;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counts the rows of one load — read, loaded, filtered, skipped — and applies the {@link OnError} policy to a
 * bad row: throw it, or count it. Not thread-safe; one per load.
 */
public final class RowLedger {

    private final String source;
    private final OnError onError;
    private long read;
    private long filtered;
    private long skipped;
    private final Map<RowProblem, Long> skippedBy = new EnumMap<>(RowProblem.class);
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

    /** Counts one data row read. */
    public void read() {
        read++;
    }

    /** Counts one row left out by the query. */
    public void filtered() {
        filtered++;
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
        skipped++;
        skippedBy.merge(error.problem(), 1L, Long::sum);
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
        return new LoadSummary(read, read - filtered - skipped, filtered, skipped, skippedBy, examples);
    }
}
