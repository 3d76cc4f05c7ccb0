package io.ppcanomaly.service.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ppcanomaly.api.model.Granularity;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
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
 * <h2>The query</h2>
 * Rows of another profile and after {@link MetricQuery#until()} are counted as filtered. With a
 * {@link MetricQuery#history() history}, rows before it (counted back from {@code until}, or from the last row
 * selected) are filtered too and left out of the series; every row is still read and checked, and every entity
 * stays in the graph with the name and parents of its latest row ({@link AccountAssembler}).
 *
 * <h2>Speed</h2>
 * The text is cut into blocks of whole records (a quarter of a million chars each) which are parsed in parallel on
 * the common fork-join pool by FastCSV's callback reader (each field copied into one reusable buffer; counts and
 * money read from the chars; names and ids built once per distinct text); their rows are then applied in file
 * order, so the result, the counts and the first error are the same as a single-threaded read. A row out of the
 * ordinary (spaces to strip, currency, thousands separators, a bad value) goes through the general row reader,
 * which is the reference for every row. Malformed quoting found in a block makes the load read the whole text
 * again on one thread with Jackson's CSV parser, which names the line and column of the error; the header is read
 * by Jackson too. Cold, in a fresh JVM, FastCSV's callbacks tokenise a 21 MB report three times faster than
 * Jackson's token stream (which builds a string per field), which is most of a short run's load.
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

    /**
     * Chars per block parsed on one thread: large enough to amortise a parser, small enough to spread and to keep
     * few parsed rows waiting.
     */
    static final int BLOCK_CHARS = 1 << 18;

    private final String description;
    private final ReaderSupplier supplier;
    private final OnError onError;
    private final int blockChars;

    private CsvMetricSource(String description, ReaderSupplier supplier, OnError onError, int blockChars) {
        this.description = Objects.requireNonNull(description, "description");
        this.supplier = Objects.requireNonNull(supplier, "supplier");
        this.onError = Objects.requireNonNull(onError, "onError");
        if (blockChars < 1) {
            throw new IllegalArgumentException("blockChars must be >= 1, got " + blockChars);
        }
        this.blockChars = blockChars;
    }

    private CsvMetricSource(String description, ReaderSupplier supplier, OnError onError) {
        this(description, supplier, onError, BLOCK_CHARS);
    }

    /**
     * A source that cuts the text into blocks of about {@code blockChars} chars ({@link Integer#MAX_VALUE}: one
     * thread); for tests of the cutting, which must never change a result.
     */
    static CsvMetricSource withBlocks(String description, String csv, OnError onError, int blockChars) {
        return new CsvMetricSource(description, () -> new StringReader(csv), onError, blockChars);
    }

    /** A source over a UTF-8 file (gzipped or not) that fails on the first bad row. */
    public static CsvMetricSource of(Path file) {
        return of(file, OnError.FAIL);
    }

    /** A source over a UTF-8 file, gzipped or not ({@link InputFiles}). */
    public static CsvMetricSource of(Path file, OnError onError) {
        Objects.requireNonNull(file, "file");
        return new CsvMetricSource(file.toString(), () -> InputFiles.openText(file), onError);
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
        try {
            return load(query, blockChars);
        } catch (BlockCutInsideQuotes e) {
            // A stray quote inside an unquoted field fooled the block cutter (it counts quotes): read the text again
            // on one thread, where Jackson sees every record in order and names the line of any real error.
            LOG.debug("{}: quotes do not pair up within blocks, reading on one thread", description);
            return load(query, Integer.MAX_VALUE);
        }
    }

    /** Thrown when a block's parse stops on malformed quoting, which may be an artefact of cutting the text. */
    private static final class BlockCutInsideQuotes extends IOException {
        private static final long serialVersionUID = 1L;

        BlockCutInsideQuotes(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private AccountData load(MetricQuery query, int blockSize) throws IOException {
        boolean blocks = blockSize != Integer.MAX_VALUE;
        try (Reader in = supplier.open()) {
            CsvBlocks cutter = new CsvBlocks(in, blocks ? blockSize : 1 << 16);
            CsvBlocks.Block head = cutter.nextRecord();
            String headerText = head == null ? "" : new String(head.chars(), 0, head.length());
            if (headerText.replace("\uFEFF", "").isBlank()) {
                throw new ReportFormatException(description + " is empty: expected a header line naming the "
                        + "columns " + requiredNames());
            }
            char delimiter = CsvReader.guessDelimiter(headerText.lines().findFirst().orElse(""));
            cutter.delimiter(delimiter);
            List<String> header = next(new CsvReader(new StringReader(headerText), delimiter));
            CsvRowParser parser = new CsvRowParser(header, columns(header));
            Merge merge = new Merge(query, parser, new RowLedger(description, onError));
            if (blocks) {
                readBlocks(cutter, parser, delimiter, merge);
            } else {
                // The rest of the text in one stream, line numbers counted from the header's block.
                CsvReader csv = new CsvReader(new SequenceReader(cutter), delimiter,
                        head.firstLine() + lines(headerText));
                CsvRowParser.Parsed p = parser.parse(csv);
                merge.add(p);
                if (p.failure != null) {
                    throw new ReportFormatException(description + " " + p.failure.getMessage());
                }
            }
            return merge.finish(parser);
        }
    }

    /**
     * Blocks in flight at most: two per thread that parses, so that a thread descheduled on a busy machine does not
     * stall the others, and blocks small enough that the parsed rows waiting to be applied stay few (every young
     * collection copies them: a cold load spent three times longer collecting with four blocks of a million chars).
     */
    private static final int IN_FLIGHT = 2 * (ForkJoinPool.getCommonPoolParallelism() + 1);

    /**
     * The calling thread cuts blocks and hands each to the common pool; it applies parsed blocks in file order as
     * they complete, and when enough are in flight it parses the newest itself if no worker has taken it yet — so
     * cutting, parsing and applying overlap on every core.
     */
    private static void readBlocks(CsvBlocks cutter, CsvRowParser parser, char delimiter, Merge merge)
            throws IOException {
        ArrayDeque<ForkJoinTask<CsvRowParser.Parsed>> inFlight = new ArrayDeque<>();
        try {
            readBlocks(cutter, parser, delimiter, merge, inFlight);
        } finally {
            for (ForkJoinTask<CsvRowParser.Parsed> t : inFlight) {
                t.cancel(false);   // after a failure: blocks not yet started are not parsed for nothing
            }
        }
    }

    private static void readBlocks(CsvBlocks cutter, CsvRowParser parser, char delimiter, Merge merge,
                                   ArrayDeque<ForkJoinTask<CsvRowParser.Parsed>> inFlight) throws IOException {
        CsvBlocks.Block b;
        while ((b = cutter.next()) != null) {
            CsvBlocks.Block block = b;
            inFlight.addLast(ForkJoinTask.adapt(() -> parse(parser, block, delimiter)).fork());
            applyDone(inFlight, merge);
            while (inFlight.size() >= IN_FLIGHT) {
                // Parse the newest block here if no worker has taken it; only then wait for the oldest.
                ForkJoinTask<CsvRowParser.Parsed> newest = inFlight.peekLast();
                if (!newest.isDone() && newest.tryUnfork()) {
                    newest.invoke();
                    applyDone(inFlight, merge);
                } else {
                    apply(inFlight.pollFirst().join(), merge);
                }
            }
        }
        while (!inFlight.isEmpty()) {
            ForkJoinTask<CsvRowParser.Parsed> newest = inFlight.peekLast();
            if (newest.tryUnfork()) {
                newest.invoke();
            }
            apply(inFlight.pollFirst().join(), merge);
        }
    }

    private static void applyDone(ArrayDeque<ForkJoinTask<CsvRowParser.Parsed>> inFlight, Merge merge)
            throws ReportFormatException, BlockCutInsideQuotes {
        while (!inFlight.isEmpty() && inFlight.peekFirst().isDone()) {
            apply(inFlight.pollFirst().join(), merge);
        }
    }

    private static void apply(CsvRowParser.Parsed p, Merge merge) throws ReportFormatException, BlockCutInsideQuotes {
        merge.add(p);
        if (p.failure != null) {
            throw new BlockCutInsideQuotes(p.failure);
        }
    }

    private static CsvRowParser.Parsed parse(CsvRowParser parser, CsvBlocks.Block b, char delimiter) {
        return parser.parse(b, delimiter);
    }

    private static long lines(String text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' && (i == 0 || text.charAt(i - 1) != '\r') || c == '\r') {
                n++;
            }
        }
        return n;
    }

    /** The blocks still to come, as one reader (the single-threaded path). */
    private static final class SequenceReader extends Reader {
        private final CsvBlocks blocks;
        private CsvBlocks.Block current;
        private int pos;

        SequenceReader(CsvBlocks blocks) {
            this.blocks = blocks;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            while (current == null || pos == current.length()) {
                current = blocks.next();
                pos = 0;
                if (current == null) {
                    return -1;
                }
            }
            int n = Math.min(len, current.length() - pos);
            System.arraycopy(current.chars(), pos, cbuf, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            // the caller closes the underlying reader
        }
    }

    /** The header record; malformed quoting fails the load naming the source and the line. */
    private List<String> next(CsvReader csv) throws IOException {
        try {
            return csv.next();
        } catch (IOException e) {
            if (e.getCause() instanceof JsonProcessingException) {
                throw new ReportFormatException(description + " " + e.getMessage());
            }
            throw e;
        }
    }

    /**
     * Applies the rows of the blocks, in file order, to the ledger and the assembler: the checks that depend on
     * earlier rows happen here, so the result is the same however the text was cut.
     */
    private final class Merge {
        private final MetricQuery query;
        private final CsvRowParser parser;
        private final RowLedger ledger;
        private AccountAssembler assembler;
        private boolean sawProfile;

        Merge(MetricQuery query, CsvRowParser parser, RowLedger ledger) {
            this.query = query;
            this.parser = parser;
            this.ledger = ledger;
        }

        void add(CsvRowParser.Parsed p) throws ReportFormatException {
            for (int i = 0; i < p.size; i++) {
                ledger.read();
                Object item = p.items[i];
                if (item instanceof RowError e) {
                    ledger.refuse(e);
                    continue;
                }
                ReportRow row = (ReportRow) item;
                if (assembler != null && p.hourly[i] != (assembler.granularity() == Granularity.HOUR)) {
                    ledger.refuse(new RowError(row.line(), parser.name(ReportColumn.DATE), p.dateCells[i],
                            RowProblem.BAD_DATE, "date must be " + (p.hourly[i] ? "a day without a time, like the "
                            + "earlier rows" : "a date and hour, like the earlier rows")));
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
                    assembler = new AccountAssembler(p.hourly[i] ? Granularity.HOUR : Granularity.DAY, ledger,
                            RowError.Position.LINE_COLUMN, query);
                }
                // Periods come aligned from the date cache (a day at midnight, plus whole hours).
                assembler.add(row, p.keys[i], p.ordinals[i]);
            }
        }

        AccountData finish(CsvRowParser parser) throws ReportFormatException {
            if (ledger.rowsRead() == 0) {
                throw new ReportFormatException(description + " has a header but no data rows");
            }
            if (query.profileId() != null && !sawProfile) {
                throw new IllegalArgumentException("profile must be one present in " + description
                        + (parser.has(ReportColumn.PROFILE_ID) ? "" : " (it has no profile_id column)")
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
}
