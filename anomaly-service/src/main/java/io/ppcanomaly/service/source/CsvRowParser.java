package io.ppcanomaly.service.source;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.Metrics;
import io.ppcanomaly.service.source.ValueParsers.CellException;
import java.io.CharArrayReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Turns the records of a report CSV into {@link ReportRow}s or {@link RowError}s, given the header's layout.
 * Stateless but for a shared cache of dates, so one instance serves the blocks of one load on several threads.
 * The checks that depend on earlier rows (the granularity set by the first row kept, duplicates) are left to the
 * caller, which sees the rows in file order.
 */
final class CsvRowParser {

    /** A date cell's period, whether it carried a time of day, and the cell as read. */
    record Period(LocalDateTime period, boolean hasTime, String text) {
    }

    /** The records of one block, in line order: each a {@link ReportRow} or a {@link RowError}. */
    static final class Parsed {
        Object[] items = new Object[1024];
        /** Per item: whether its period is an hour (only meaningful for a {@link ReportRow}). */
        boolean[] hourly = new boolean[1024];
        /** Per item: the date cell as read, for a granularity error found by the caller. */
        String[] dateCells = new String[1024];
        /**
         * Per item: the row's {@link AccountAssembler#leafKey} (its hash computed too) and its period's ordinal,
         * worked out here on the parsing thread rather than in the ordered merge.
         */
        String[] keys = new String[1024];
        long[] ordinals = new long[1024];
        int size;
        /** Malformed quoting that stopped the block, after {@code size} items; {@code null} when none. */
        IOException failure;

        void add(Object item, boolean hour, String dateCell) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
                hourly = Arrays.copyOf(hourly, size * 2);
                dateCells = Arrays.copyOf(dateCells, size * 2);
                keys = Arrays.copyOf(keys, size * 2);
                ordinals = Arrays.copyOf(ordinals, size * 2);
            }
            items[size] = item;
            hourly[size] = hour;
            dateCells[size] = dateCell;
            if (item instanceof ReportRow r) {
                String key = AccountAssembler.leafKey(r);
                key.hashCode();   // cached in the string, so the merge's map lookup does not hash it again
                keys[size] = key;
                ordinals[size] = AccountAssembler.ordinal(r.period(), hour ? Granularity.HOUR : Granularity.DAY);
            }
            size++;
        }
    }

    private static final ReportColumn[] NAMES = {ReportColumn.CAMPAIGN, ReportColumn.AD_GROUP, ReportColumn.KEYWORD};
    /** Distinct date cells kept; a report has a few hundred, a corrupt one could have one per row. */
    private static final int MAX_DATES = 1 << 16;

    private final List<String> header;
    private final int[] index = new int[ReportColumn.values().length];
    private final Map<String, Period> periods = new ConcurrentHashMap<>();
    /**
     * The texts of this load's names and ids, built once each: one table per block being parsed at a time, handed
     * from block to block (not a thread-local, which a pool thread would keep after the load).
     */
    private final Queue<TextTable> texts = new ConcurrentLinkedQueue<>();

    /**
     * @param header the header's cells as spelled in the file
     * @param cols   where each column the library uses is
     */
    CsvRowParser(List<String> header, Map<ReportColumn, Integer> cols) {
        this.header = List.copyOf(header);
        Arrays.fill(index, -1);
        cols.forEach((c, i) -> index[c.ordinal()] = i);
    }

    boolean has(ReportColumn c) {
        return index[c.ordinal()] >= 0;
    }

    String cell(List<String> f, ReportColumn c) {
        int i = index[c.ordinal()];
        return i < 0 ? null : f.get(i);
    }

    /** @return the column's header as spelled in the file */
    String name(ReportColumn c) {
        return header.get(index[c.ordinal()]);
    }

    /** Reads every record of a block (the reader gives lines of the whole file). */
    Parsed parse(CsvReader csv) {
        Parsed out = new Parsed();
        boolean[] hourly = new boolean[1];
        try {
            List<String> f;
            while ((f = csv.next()) != null) {
                Object item = row(f, csv.line(), hourly);
                out.add(item, hourly[0], f.size() > index[ReportColumn.DATE.ordinal()]
                        ? cell(f, ReportColumn.DATE) : null);
            }
        } catch (IOException e) {
            out.failure = e;
        }
        return out;
    }

    /**
     * Reads every record of a block with FastCSV (the block's lines are lines of the whole file). A block that ends
     * inside a quoted field, or malformed quoting (text after a closing quote), stops it with {@link Parsed#failure}
     * set: the caller then reads the whole text again on one thread, where the error, if real, is named exactly.
     */
    Parsed parse(CsvBlocks.Block block, char delimiter) {
        if (block.openQuote()) {
            Parsed out = new Parsed();
            out.failure = new IOException("line " + block.firstLine() + ": a quoted field is still open at the end");
            return out;
        }
        TextTable polled = texts.poll();
        TextTable table = polled != null ? polled : new TextTable();
        try {
            return parse(block, delimiter, table);
        } finally {
            texts.offer(table);
        }
    }

    private Parsed parse(CsvBlocks.Block block, char delimiter, TextTable table) {
        Parsed out = new Parsed();
        RecordBuffer rec = new RecordBuffer();
        FastRow fast = new FastRow(table);
        boolean[] hourly = new boolean[1];
        long offset = block.firstLine() - 1;
        int dateAt = index[ReportColumn.DATE.ordinal()];
        try (de.siegmar.fastcsv.reader.CsvReader<RecordBuffer> csv = de.siegmar.fastcsv.reader.CsvReader.builder()
                .fieldSeparator(delimiter).quoteCharacter('"').commentStrategy(CommentStrategy.NONE)
                .skipEmptyLines(true).ignoreDifferentFieldCount(true).acceptCharsAfterQuotes(false)
                .build(rec, new CharArrayReader(block.chars(), 0, block.length()))) {
            for (RecordBuffer r : csv) {
                if (r.blank()) {
                    continue;   // a blank line, as the one-thread reader skips it
                }
                long line = r.line() + offset;
                Object item = fast.row(r, line, hourly);
                String dateCell;
                if (item == null) {
                    List<String> f = r.strings();
                    item = row(f, line, hourly);
                    dateCell = f.size() > dateAt ? f.get(dateAt) : null;
                } else {
                    dateCell = fast.dateText;
                }
                out.add(item, hourly[0], dateCell);
            }
        } catch (CsvParseException | UncheckedIOException | IOException e) {
            out.failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        return out;
    }

    /**
     * The common case of a row, read straight from the record's chars: exactly the header's width, no hour
     * column, names and ids that need no stripping, plain digits for counts and money. Anything else returns
     * {@code null} and goes through {@link #row}, which gives the same row or names the problem, so both paths
     * agree on every row (the general path is the reference; the fast one only skips building strings).
     */
    private final class FastRow {
        private final TextTable table;
        /** Fields of the text columns, in {@link #TEXT} order; -1 for a column the file lacks. */
        private final int[] textFields = fields(TEXT);
        private final int[] countFields = fields(COUNTS);
        private final int[] moneyFields = fields(MONEY);
        private final String[] text = new String[TEXT.length];
        private final long[] counts = new long[COUNTS.length];
        private final double[] money = new double[MONEY.length];
        private char[] lastDate = new char[0];
        private Period lastPeriod;
        /** The date cell of the last row read here. */
        String dateText;

        FastRow(TextTable table) {
            this.table = table;
        }

        private int[] fields(ReportColumn[] cols) {
            int[] out = new int[cols.length];
            for (int i = 0; i < cols.length; i++) {
                out[i] = index[cols[i].ordinal()];
            }
            return out;
        }

        // Each kind of cell is read in one loop over its columns, so that the JIT compiles one copy of each reader
        // (a cold JVM spent most of a second compiling a method with a dozen inlined copies).
        ReportRow row(RecordBuffer r, long line, boolean[] hourlyOut) {
            if (r.count() != header.size() || has(ReportColumn.HOUR)) {
                return null;
            }
            Period p = period(r, index[ReportColumn.DATE.ordinal()]);
            if (p == null) {
                return null;
            }
            char[] c = r.chars();
            for (int k = 0; k < countFields.length; k++) {
                long v = count(c, r.start(countFields[k]), r.length(countFields[k]));
                if (v < 0) {
                    return null;
                }
                counts[k] = v;
            }
            for (int k = 0; k < moneyFields.length; k++) {
                double v = money(c, r.start(moneyFields[k]), r.length(moneyFields[k]));
                if (Double.isNaN(v)) {
                    return null;
                }
                money[k] = v;
            }
            for (int k = 0; k < textFields.length; k++) {
                int field = textFields[k];
                int n = field < 0 ? 0 : r.length(field);
                if (n == 0) {
                    if (k < REQUIRED_TEXT) {
                        return null;
                    }
                    text[k] = null;
                    continue;
                }
                int from = r.start(field);
                if (!ReportRow.visibleAscii(c[from]) || !ReportRow.visibleAscii(c[from + n - 1])) {
                    return null;
                }
                text[k] = table.get(c, from, n);
            }
            long impressions = counts[0];
            long clicks = counts[1];
            if (clicks > impressions) {
                return null;
            }
            hourlyOut[0] = p.hasTime();
            dateText = p.text();
            return new ReportRow(line, text[3], text[4], text[0], text[5], text[1], text[6], text[2], text[7],
                    text[8], p.period(), new Metrics(impressions, clicks, money[0], money[1], counts[2]));
        }

        /** The period of the date cell: the last row's when the text is the same (a report is sorted by day). */
        private Period period(RecordBuffer r, int field) {
            char[] c = r.chars();
            int from = r.start(field);
            int n = r.length(field);
            if (lastPeriod != null && Arrays.equals(lastDate, 0, lastDate.length, c, from, from + n)) {
                return lastPeriod;
            }
            try {
                Period p = CsvRowParser.this.period(r.string(field));
                lastDate = Arrays.copyOfRange(c, from, from + n);
                lastPeriod = p;
                return p;
            } catch (CellException e) {
                return null;
            }
        }
    }

    /** The text columns the fast path reads: the three required names first, then the optional ones. */
    private static final ReportColumn[] TEXT = {ReportColumn.CAMPAIGN, ReportColumn.AD_GROUP, ReportColumn.KEYWORD,
        ReportColumn.PROFILE_ID, ReportColumn.PORTFOLIO, ReportColumn.CAMPAIGN_ID, ReportColumn.AD_GROUP_ID,
        ReportColumn.KEYWORD_ID, ReportColumn.MATCH_TYPE};
    private static final int REQUIRED_TEXT = 3;
    private static final ReportColumn[] COUNTS = {ReportColumn.IMPRESSIONS, ReportColumn.CLICKS, ReportColumn.ORDERS};
    private static final ReportColumn[] MONEY = {ReportColumn.SPEND, ReportColumn.SALES};

    /** A count of plain ASCII digits (at most 15, as {@link ValueParsers#count}'s fast path), or -1. */
    private static long count(char[] c, int from, int n) {
        if (n == 0 || n > 15) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < from + n; i++) {
            int d = c[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /**
     * Money of plain ASCII digits with at most one dot ({@link ValueParsers#money}'s fast path), or NaN. With at
     * most 15 digits the value is the digits as a whole number (exact in a double) divided by a power of ten (exact
     * up to 10^22): one correctly rounded division, so the same double {@code Double.parseDouble} gives.
     */
    static double money(char[] c, int from, int n) {
        if (n == 0 || n > 18) {
            return Double.NaN;
        }
        long m = 0;
        int digits = 0;
        int dot = -1;
        for (int i = from; i < from + n; i++) {
            char ch = c[i];
            if (ch >= '0' && ch <= '9') {
                m = m * 10 + (ch - '0');
                digits++;
            } else if (ch == '.' && dot < 0) {
                dot = i;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (digits > 15) {
            return Double.parseDouble(new String(c, from, n));
        }
        int scale = dot < 0 ? 0 : from + n - 1 - dot;
        return scale == 0 ? (double) m : (double) m / POW10[scale];
    }

    /** 10^0 .. 10^15, all exact doubles. */
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15};

    /**
     * Reads one record.
     *
     * @param hourlyOut receives whether the row's period is an hour
     * @return the row, or the error that refuses it
     */
    Object row(List<String> f, long line, boolean[] hourlyOut) {
        int width = header.size();
        if (f.size() < width) {
            return new RowError(line, null, null, RowProblem.WRONG_FIELD_COUNT,
                    "row must have " + width + " fields like the header, has " + f.size());
        }
        for (int i = width; i < f.size(); i++) {
            if (!f.get(i).isBlank()) {
                return new RowError(line, null, f.get(i), RowProblem.WRONG_FIELD_COUNT,
                        "row must have " + width + " fields like the header, has " + f.size());
            }
        }
        ReportColumn at = ReportColumn.DATE;
        try {
            Period p = period(cell(f, ReportColumn.DATE));
            LocalDateTime period = p.period();
            boolean hourly = p.hasTime();
            if (has(ReportColumn.HOUR)) {
                at = ReportColumn.HOUR;
                if (hourly) {
                    throw new CellException(RowProblem.BAD_DATE, "date must have no time of day when an hour column "
                            + "is given");
                }
                period = period.plusHours(ValueParsers.hour(cell(f, ReportColumn.HOUR)));
                hourly = true;
            }
            hourlyOut[0] = hourly;
            for (ReportColumn c : NAMES) {
                at = c;
                if (ReportRow.blankToNull(cell(f, c)) == null) {
                    throw new CellException(RowProblem.MISSING_VALUE, c.canonical() + " must not be blank");
                }
            }
            at = ReportColumn.IMPRESSIONS;
            long impressions = ValueParsers.count(cell(f, at), "impressions");
            at = ReportColumn.CLICKS;
            long clicks = ValueParsers.count(cell(f, at), "clicks");
            at = ReportColumn.SPEND;
            double spend = ValueParsers.money(cell(f, at), "spend");
            at = ReportColumn.SALES;
            double sales = ValueParsers.money(cell(f, at), "sales");
            at = ReportColumn.ORDERS;
            long orders = ValueParsers.count(cell(f, at), "orders");
            if (clicks > impressions) {
                at = ReportColumn.CLICKS;
                throw new CellException(RowProblem.CLICKS_EXCEED_IMPRESSIONS,
                        "clicks must be <= impressions (" + impressions + ")");
            }
            return new ReportRow(line, cell(f, ReportColumn.PROFILE_ID), cell(f, ReportColumn.PORTFOLIO),
                    cell(f, ReportColumn.CAMPAIGN), cell(f, ReportColumn.CAMPAIGN_ID),
                    cell(f, ReportColumn.AD_GROUP), cell(f, ReportColumn.AD_GROUP_ID),
                    cell(f, ReportColumn.KEYWORD), cell(f, ReportColumn.KEYWORD_ID),
                    cell(f, ReportColumn.MATCH_TYPE), period,
                    new Metrics(impressions, clicks, spend, sales, orders));
        } catch (CellException e) {
            return new RowError(line, name(at), cell(f, at), e.problem, e.getMessage());
        }
    }

    /** Reads a date cell once per distinct text: a report repeats each of its dates on every keyword's row. */
    private Period period(String cell) throws CellException {
        Period p = periods.get(cell);
        if (p == null) {
            p = new Period(ValueParsers.period(cell), ValueParsers.hasTime(cell), cell);
            if (periods.size() < MAX_DATES) {
                periods.put(cell, p);
            }
        }
        return p;
    }
}
