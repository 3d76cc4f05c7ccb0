package io.ppcanomaly.service.source;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.Metrics;
import io.ppcanomaly.service.source.ValueParsers.CellException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a keyword report CSV: canonical headers or Amazon Ads' Sponsored Products keyword / targeting report
 * (see {@link ReportColumn}), comma, semicolon or tab separated (guessed from the header), UTF-8, rows in any
 * order. Campaign, portfolio and ad-group metrics are not read from the file: the service sums them from the
 * keywords.
 *
 * <h2>Bad input</h2>
 * An empty file, a file without data rows, or a missing required column fails the load, whatever the
 * {@link OnError} policy. A bad row — a non-numeric or negative value, a count that is not whole, more clicks
 * than impressions, an unreadable date, a blank required value, too few fields, a duplicate — fails the load
 * naming its line, column and value under {@link OnError#FAIL} (the default); under {@link OnError#SKIP} it is
 * skipped and counted by {@link RowProblem} in the {@link LoadSummary}. Nothing is dropped silently.
 *
 * <p>Immutable and thread-safe: every {@link #load} opens the file anew.
 */
public final class CsvMetricSource implements MetricSource {

    private static final Logger LOG = LoggerFactory.getLogger(CsvMetricSource.class);

    /** Opens the text afresh for each load. */
    @FunctionalInterface
    public interface ReaderSupplier {
        /** @return a new reader positioned at the start of the text */
        Reader open() throws IOException;
    }

    private final String description;
    private final ReaderSupplier supplier;
    private final OnError onError;

    private CsvMetricSource(String description, ReaderSupplier supplier, OnError onError) {
        this.description = Objects.requireNonNull(description, "description");
        this.supplier = Objects.requireNonNull(supplier, "supplier");
        this.onError = Objects.requireNonNull(onError, "onError");
    }

    /** A source over a UTF-8 file that fails on the first bad row. */
    public static CsvMetricSource of(Path file) {
        return of(file, OnError.FAIL);
    }

    /** A source over a UTF-8 file. */
    public static CsvMetricSource of(Path file, OnError onError) {
        Objects.requireNonNull(file, "file");
        return new CsvMetricSource(file.toString(), () -> Files.newBufferedReader(file, StandardCharsets.UTF_8),
                onError);
    }

    /** A source over CSV text held in memory (tests, uploads). */
    public static CsvMetricSource ofText(String description, String csv, OnError onError) {
        Objects.requireNonNull(csv, "csv");
        return new CsvMetricSource(description, () -> new StringReader(csv), onError);
    }

    /** A source over any text, opened afresh for each load. */
    public static CsvMetricSource of(String description, ReaderSupplier supplier, OnError onError) {
        return new CsvMetricSource(description, supplier, onError);
    }

    @Override
    public String description() {
        return description;
    }

    /** @return what this source does with a bad row */
    public OnError onError() {
        return onError;
    }

    @Override
    public AccountData load(MetricQuery query) throws IOException {
        Objects.requireNonNull(query, "query");
        try (BufferedReader in = new BufferedReader(supplier.open(), 1 << 16)) {
            in.mark(1 << 16);
            String headerLine = in.readLine();
            if (headerLine == null || headerLine.replace("\uFEFF", "").isBlank()) {
                throw new ReportFormatException(description + " is empty: expected a header line naming the "
                        + "columns " + requiredNames());
            }
            in.reset();
            CsvReader csv = new CsvReader(in, CsvReader.guessDelimiter(headerLine));
            List<String> header = csv.next();
            Map<ReportColumn, Integer> cols = columns(header);
            RowLedger ledger = new RowLedger(description, onError);
            AccountAssembler assembler = null;
            boolean sawProfile = false;
            List<String> fields;
            while ((fields = csv.next()) != null) {
                ledger.read();
                ReportRow row = parse(fields, csv.line(), header, cols, ledger,
                        assembler == null ? null : assembler.granularity());
                if (row == null) {
                    continue;
                }
                if (query.profileId() != null && query.profileId().equals(row.profileId())) {
                    sawProfile = true;
                }
                if (!query.selects(row.profileId(), row.period())) {
                    ledger.filtered();
                    continue;
                }
                if (assembler == null) {
                    assembler = new AccountAssembler(granularityOf(fields, cols), ledger);
                }
                assembler.add(row);
            }
            if (ledger.rowsRead() == 0) {
                throw new ReportFormatException(description + " has a header but no data rows");
            }
            if (query.profileId() != null && !sawProfile) {
                throw new IllegalArgumentException("profile must be one present in " + description
                        + (cols.containsKey(ReportColumn.PROFILE_ID) ? "" : " (it has no profile_id column)")
                        + ", got '" + query.profileId() + "'");
            }
            if (assembler == null) {
                throw new ReportFormatException(description + ": no row could be used (" + ledger.rowsRead()
                        + " read, " + ledger.rowsSkipped() + " skipped as bad, " + ledger.rowsFiltered()
                        + " outside the requested profile or periods)");
            }
            AccountData data = assembler.build();
            LoadSummary s = data.summary();
            if (s.rowsSkipped() > 0) {
                LOG.warn("{}: skipped {} bad rows of {} ({}); first: {}", description, s.rowsSkipped(), s.rowsRead(),
                        s.skippedBy(), s.examples().get(0).message());
            }
            LOG.debug("{}: {} rows loaded, {} leaves, {} entities", description, s.rowsLoaded(),
                    data.leafMetrics().size(), data.graph().size());
            return data;
        }
    }

    private Map<ReportColumn, Integer> columns(List<String> header) throws ReportFormatException {
        Map<ReportColumn, Integer> cols = new EnumMap<>(ReportColumn.class);
        for (int i = 0; i < header.size(); i++) {
            ReportColumn c = ReportColumn.of(header.get(i));
            if (c == null) {
                continue;
            }
            Integer prev = cols.putIfAbsent(c, i);
            if (prev != null) {
                throw new ReportFormatException(description + ": columns '" + header.get(prev) + "' and '"
                        + header.get(i) + "' both give " + c.canonical() + "; keep one");
            }
        }
        List<String> missing = new ArrayList<>();
        for (ReportColumn c : ReportColumn.values()) {
            if (c.required() && !cols.containsKey(c)) {
                missing.add(c.canonical() + " (or " + String.join(" / ", c.names()) + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new ReportFormatException(description + ": missing required column"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + "; header is " + header);
        }
        return cols;
    }

    private static String requiredNames() {
        List<String> out = new ArrayList<>();
        for (ReportColumn c : ReportColumn.values()) {
            if (c.required()) {
                out.add(c.canonical());
            }
        }
        return String.join(", ", out);
    }

    private static Granularity granularityOf(List<String> fields, Map<ReportColumn, Integer> cols) {
        if (cols.containsKey(ReportColumn.HOUR)) {
            return Granularity.HOUR;
        }
        return ValueParsers.hasTime(fields.get(cols.get(ReportColumn.DATE))) ? Granularity.HOUR : Granularity.DAY;
    }

    /** @return the row, or {@code null} when it was refused (and counted) */
    private static ReportRow parse(List<String> f, long line, List<String> header, Map<ReportColumn, Integer> cols,
                                   RowLedger ledger, Granularity granularity) throws ReportFormatException {
        if (f.size() < header.size()) {
            ledger.refuse(new RowError(line, null, null, RowProblem.WRONG_FIELD_COUNT,
                    "row must have " + header.size() + " fields like the header, has " + f.size()));
            return null;
        }
        for (int i = header.size(); i < f.size(); i++) {
            if (!f.get(i).isBlank()) {
                ledger.refuse(new RowError(line, null, f.get(i), RowProblem.WRONG_FIELD_COUNT,
                        "row must have " + header.size() + " fields like the header, has " + f.size()));
                return null;
            }
        }
        ReportColumn at = ReportColumn.DATE;
        try {
            String dateCell = cell(f, cols, ReportColumn.DATE);
            LocalDateTime period = ValueParsers.period(dateCell);
            boolean hourly = ValueParsers.hasTime(dateCell);
            if (cols.containsKey(ReportColumn.HOUR)) {
                at = ReportColumn.HOUR;
                if (hourly) {
                    throw new CellException(RowProblem.BAD_DATE, "date must have no time of day when an hour column "
                            + "is given");
                }
                period = period.plusHours(ValueParsers.hour(cell(f, cols, ReportColumn.HOUR)));
                hourly = true;
            }
            if (granularity != null && hourly != (granularity == Granularity.HOUR)) {
                throw new CellException(RowProblem.BAD_DATE, "date must be " + (hourly ? "a day without a time, "
                        + "like the earlier rows" : "a date and hour, like the earlier rows"));
            }
            for (ReportColumn c : new ReportColumn[] {ReportColumn.CAMPAIGN, ReportColumn.AD_GROUP,
                    ReportColumn.KEYWORD}) {
                at = c;
                if (cell(f, cols, c).isBlank()) {
                    throw new CellException(RowProblem.MISSING_VALUE, c.canonical() + " must not be blank");
                }
            }
            at = ReportColumn.IMPRESSIONS;
            long impressions = ValueParsers.count(cell(f, cols, at), "impressions");
            at = ReportColumn.CLICKS;
            long clicks = ValueParsers.count(cell(f, cols, at), "clicks");
            at = ReportColumn.SPEND;
            double spend = ValueParsers.money(cell(f, cols, at), "spend");
            at = ReportColumn.SALES;
            double sales = ValueParsers.money(cell(f, cols, at), "sales");
            at = ReportColumn.ORDERS;
            long orders = ValueParsers.count(cell(f, cols, at), "orders");
            if (clicks > impressions) {
                at = ReportColumn.CLICKS;
                throw new CellException(RowProblem.CLICKS_EXCEED_IMPRESSIONS,
                        "clicks must be <= impressions (" + impressions + ")");
            }
            return new ReportRow(line, cell(f, cols, ReportColumn.PROFILE_ID), cell(f, cols, ReportColumn.PORTFOLIO),
                    cell(f, cols, ReportColumn.CAMPAIGN), cell(f, cols, ReportColumn.CAMPAIGN_ID),
                    cell(f, cols, ReportColumn.AD_GROUP), cell(f, cols, ReportColumn.AD_GROUP_ID),
                    cell(f, cols, ReportColumn.KEYWORD), cell(f, cols, ReportColumn.KEYWORD_ID),
                    cell(f, cols, ReportColumn.MATCH_TYPE), period,
                    new Metrics(impressions, clicks, spend, sales, orders));
        } catch (CellException e) {
            ledger.refuse(new RowError(line, header.get(cols.get(at)), f.get(cols.get(at)), e.problem,
                    e.getMessage()));
            return null;
        }
    }

    private static String cell(List<String> f, Map<ReportColumn, Integer> cols, ReportColumn c) {
        Integer i = cols.get(c);
        return i == null ? null : f.get(i);
    }
}
