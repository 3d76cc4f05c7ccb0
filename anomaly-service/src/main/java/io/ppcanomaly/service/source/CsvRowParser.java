package io.ppcanomaly.service.source;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.Metrics;
import io.ppcanomaly.service.source.ValueParsers.CellException;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the records of a report CSV into {@link ReportRow}s or {@link RowError}s, given the header's layout.
 * Stateless but for a shared cache of dates, so one instance serves the blocks of one load on several threads.
 * The checks that depend on earlier rows (the granularity set by the first row kept, duplicates) are left to the
 * caller, which sees the rows in file order.
 */
final class CsvRowParser {

    /** A date cell's period and whether it carried a time of day. */
    record Period(LocalDateTime period, boolean hasTime) {
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
                if (cell(f, c).isBlank()) {
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
            p = new Period(ValueParsers.period(cell), ValueParsers.hasTime(cell));
            if (periods.size() < MAX_DATES) {
                periods.put(cell, p);
            }
        }
        return p;
    }
}
