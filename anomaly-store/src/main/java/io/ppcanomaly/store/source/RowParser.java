package io.ppcanomaly.store.source;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.Metrics;
import io.ppcanomaly.service.source.ReportColumn;
import io.ppcanomaly.service.source.ReportFormatException;
import io.ppcanomaly.service.source.ReportRow;
import io.ppcanomaly.service.source.RowError;
import io.ppcanomaly.service.source.RowLedger;
import io.ppcanomaly.service.source.RowProblem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Turns one result row into a {@link ReportRow} with the report CSV's checks, refusing a bad row through the
 * ledger (the row's position in the result, the column's label, the value, and the keyword and period when they
 * were read). Not thread-safe; one per load.
 */
final class RowParser {

    /** Counts above this are refused: a double holds whole numbers exactly only up to about 9e15. */
    private static final double MAX_COUNT = 9.0e15;

    private final ResultColumns cols;
    private final Granularity granularity;
    private final RowLedger ledger;
    private final int[] at = new int[ReportColumn.values().length];

    RowParser(ResultColumns cols, Granularity granularity, RowLedger ledger) {
        this.cols = cols;
        this.granularity = granularity;
        this.ledger = ledger;
        for (ReportColumn c : ReportColumn.values()) {
            at[c.ordinal()] = cols.position(c);
        }
    }

    /** A refused cell: the field, the value as read, the problem. */
    private static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;
        final transient ReportColumn field;
        final String value;
        final RowProblem problem;

        Bad(ReportColumn field, String value, RowProblem problem, String detail) {
            super(detail, null, false, false);
            this.field = field;
            this.value = value;
            this.problem = problem;
        }
    }

    /** @return the row, or {@code null} when it was refused (and counted) */
    ReportRow parse(ResultSet rs, long n) throws SQLException, ReportFormatException {
        String keyword = null;
        LocalDateTime period = null;
        try {
            period = period(rs);
            String campaign = text(rs, ReportColumn.CAMPAIGN);
            String adGroup = text(rs, ReportColumn.AD_GROUP);
            keyword = text(rs, ReportColumn.KEYWORD);
            required(ReportColumn.CAMPAIGN, campaign);
            required(ReportColumn.AD_GROUP, adGroup);
            required(ReportColumn.KEYWORD, keyword);
            long impressions = count(rs, ReportColumn.IMPRESSIONS);
            long clicks = count(rs, ReportColumn.CLICKS);
            double spend = money(rs, ReportColumn.SPEND);
            double sales = money(rs, ReportColumn.SALES);
            long orders = count(rs, ReportColumn.ORDERS);
            if (clicks > impressions) {
                throw new Bad(ReportColumn.CLICKS, Long.toString(clicks), RowProblem.CLICKS_EXCEED_IMPRESSIONS,
                        "clicks must be <= impressions (" + impressions + ")");
            }
            return new ReportRow(n, text(rs, ReportColumn.PROFILE_ID), text(rs, ReportColumn.PORTFOLIO), campaign,
                    text(rs, ReportColumn.CAMPAIGN_ID), adGroup, text(rs, ReportColumn.AD_GROUP_ID), keyword,
                    text(rs, ReportColumn.KEYWORD_ID), text(rs, ReportColumn.MATCH_TYPE), period,
                    new Metrics(impressions, clicks, spend, sales, orders));
        } catch (Bad b) {
            String where = keyword == null || keyword.isBlank() ? ""
                    : " (keyword '" + keyword + "'" + (period == null ? "" : " on " + granularity.format(period)) + ")";
            ledger.refuse(new RowError(n, cols.col(b.field).label(), b.value, b.problem, b.getMessage() + where));
            return null;
        }
    }

    private String text(ResultSet rs, ReportColumn c) throws SQLException {
        int i = at[c.ordinal()];
        return i == 0 ? null : rs.getString(i);
    }

    private static void required(ReportColumn c, String v) throws Bad {
        if (v == null || v.isBlank()) {
            throw new Bad(c, v, RowProblem.MISSING_VALUE, c.canonical() + " must not be blank");
        }
    }

    private LocalDateTime period(ResultSet rs) throws SQLException, Bad {
        ResultColumns.Col d = cols.col(ReportColumn.DATE);
        int i = at[ReportColumn.DATE.ordinal()];
        LocalDateTime p;
        if (d.isTimestampWithZone()) {
            OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
            p = t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } else if (d.isDate()) {
            LocalDate t = rs.getObject(i, LocalDate.class);
            p = t == null ? null : t.atStartOfDay();
        } else if (d.isTimestamp()) {
            p = rs.getObject(i, LocalDateTime.class);
        } else {
            p = parseDate(rs.getString(i));
        }
        if (p == null) {
            throw new Bad(ReportColumn.DATE, null, RowProblem.MISSING_VALUE, "date must not be blank");
        }
        int h = at[ReportColumn.HOUR.ordinal()];
        if (h > 0) {
            if (!p.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
                throw new Bad(ReportColumn.DATE, p.toString(), RowProblem.BAD_DATE,
                        "date must have no time of day when an hour column is given");
            }
            long hour = count(rs, ReportColumn.HOUR);
            if (hour > 23) {
                throw new Bad(ReportColumn.HOUR, Long.toString(hour), RowProblem.BAD_DATE, "hour must be 0 to 23");
            }
            p = p.plusHours(hour);
        }
        if (!granularity.isAligned(p)) {
            throw new Bad(ReportColumn.DATE, p.toString(), RowProblem.BAD_DATE, "date must be a whole "
                    + granularity.name().toLowerCase(Locale.ROOT) + (granularity == Granularity.DAY
                    ? " (daily data; hourly timestamps need granularity(HOUR) or an hour column)" : ""));
        }
        return p;
    }

    private static LocalDateTime parseDate(String s) throws Bad {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        try {
            return t.length() == 10 ? LocalDate.parse(t).atStartOfDay() : LocalDateTime.parse(t.replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            throw new Bad(ReportColumn.DATE, s, RowProblem.BAD_DATE, "date must be a SQL date or timestamp, or ISO "
                    + "text such as 2026-03-14 or 2026-03-14 11:00");
        }
    }

    private long count(ResultSet rs, ReportColumn c) throws SQLException, Bad {
        ResultColumns.Col col = cols.col(c);
        int i = at[c.ordinal()];
        String name = c.canonical();
        double v;
        if (col.isWholeNumber()) {
            long l = rs.getLong(i);
            if (rs.wasNull()) {
                throw new Bad(c, null, RowProblem.MISSING_VALUE, name + " must not be blank");
            }
            if (l < 0) {
                throw new Bad(c, Long.toString(l), RowProblem.NEGATIVE, name + " must be >= 0");
            }
            return l;
        }
        String raw = null;
        if (col.isNumber()) {
            v = rs.getDouble(i);
            if (rs.wasNull()) {
                throw new Bad(c, null, RowProblem.MISSING_VALUE, name + " must not be blank");
            }
        } else {
            raw = rs.getString(i);
            v = parseNumber(c, raw, name + " must be a whole number");
        }
        String shown = raw != null ? raw : Double.toString(v);
        if (!Double.isFinite(v) || v > MAX_COUNT) {
            throw new Bad(c, shown, RowProblem.NON_NUMERIC, name + " must be a whole number below 9e15");
        }
        if (v < 0) {
            throw new Bad(c, shown, RowProblem.NEGATIVE, name + " must be >= 0");
        }
        if (v != Math.rint(v)) {
            throw new Bad(c, shown, RowProblem.NOT_WHOLE, name + " must be a whole number");
        }
        return (long) v;
    }

    private double money(ResultSet rs, ReportColumn c) throws SQLException, Bad {
        ResultColumns.Col col = cols.col(c);
        int i = at[c.ordinal()];
        String name = c.canonical();
        double v;
        String raw = null;
        if (col.isNumber()) {
            v = rs.getDouble(i);
            if (rs.wasNull()) {
                throw new Bad(c, null, RowProblem.MISSING_VALUE, name + " must not be blank");
            }
        } else {
            raw = rs.getString(i);
            v = parseNumber(c, raw, name + " must be a number");
        }
        String shown = raw != null ? raw : Double.toString(v);
        if (!Double.isFinite(v)) {
            throw new Bad(c, shown, RowProblem.NON_NUMERIC, name + " must be a finite number");
        }
        if (v < 0) {
            throw new Bad(c, shown, RowProblem.NEGATIVE, name + " must be >= 0");
        }
        return v;
    }

    private static double parseNumber(ReportColumn c, String raw, String rule) throws Bad {
        if (raw == null || raw.isBlank()) {
            throw new Bad(c, raw, RowProblem.MISSING_VALUE, c.canonical() + " must not be blank");
        }
        try {
            return Double.parseDouble(raw.strip());
        } catch (NumberFormatException e) {
            throw new Bad(c, raw, RowProblem.NON_NUMERIC, rule);
        }
    }
}
