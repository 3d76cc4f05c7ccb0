package io.ppcanomaly.store.source;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.ReportColumn;
import io.ppcanomaly.service.source.ReportFormatException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which result column holds which report field, found from the query's result metadata, and the SQL that reads
 * them with the profile and period conditions. Immutable; one per load.
 */
final class ResultColumns {

    /** One result column: its label as the driver gives it and its SQL type. */
    record Col(String label, int sqlType, String typeName) {

        boolean isWholeNumber() {
            return sqlType == Types.TINYINT || sqlType == Types.SMALLINT || sqlType == Types.INTEGER
                    || sqlType == Types.BIGINT;
        }

        boolean isNumber() {
            return isWholeNumber() || sqlType == Types.DECIMAL || sqlType == Types.NUMERIC || sqlType == Types.DOUBLE
                    || sqlType == Types.FLOAT || sqlType == Types.REAL;
        }

        boolean isDate() {
            return sqlType == Types.DATE;
        }

        boolean isTimestamp() {
            return sqlType == Types.TIMESTAMP;
        }

        boolean isTimestampWithZone() {
            return sqlType == Types.TIMESTAMP_WITH_TIMEZONE
                    || (sqlType == Types.TIMESTAMP && typeName != null
                        && typeName.toLowerCase(Locale.ROOT).contains("tz"));
        }
    }

    /** The identity columns: what tells one leaf (or one name of it) from another. */
    private static final List<ReportColumn> IDENTITY = List.of(ReportColumn.PROFILE_ID, ReportColumn.PORTFOLIO,
            ReportColumn.CAMPAIGN_ID, ReportColumn.CAMPAIGN, ReportColumn.AD_GROUP_ID, ReportColumn.AD_GROUP,
            ReportColumn.KEYWORD_ID, ReportColumn.KEYWORD, ReportColumn.MATCH_TYPE);

    private final Map<ReportColumn, Col> cols;
    private final List<ReportColumn> order;
    private final String quote;

    private ResultColumns(Map<ReportColumn, Col> cols, String quote) {
        this.cols = cols;
        this.order = new ArrayList<>(cols.keySet());
        this.quote = quote;
    }

    /**
     * Reads the query's result columns (running it with a condition that selects nothing) and matches them to the
     * report's fields: the explicit mapping first, then the report CSV's header names.
     *
     * @throws ReportFormatException when a mapped column is missing, two columns give one field, or a required
     *                               field has no column
     */
    static ResultColumns probe(Connection c, String base, Map<ReportColumn, String> mapping, String description)
            throws SQLException, ReportFormatException {
        String q = c.getMetaData().getIdentifierQuoteString();
        String quote = q == null || q.isBlank() ? "" : q.strip();
        List<Col> result = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM (" + base
                + ") q WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                result.add(new Col(md.getColumnLabel(i), md.getColumnType(i), md.getColumnTypeName(i)));
            }
        }
        List<String> labels = result.stream().map(Col::label).toList();
        Map<ReportColumn, Col> cols = new EnumMap<>(ReportColumn.class);
        List<Col> used = new ArrayList<>();
        for (Map.Entry<ReportColumn, String> m : mapping.entrySet()) {
            Col found = null;
            for (Col col : result) {
                if (col.label().equalsIgnoreCase(m.getValue())) {
                    found = col;
                    break;
                }
            }
            if (found == null) {
                throw new ReportFormatException(description + ": the column mapped to " + m.getKey().canonical()
                        + ", '" + m.getValue() + "', is not among the query's columns " + labels);
            }
            cols.put(m.getKey(), found);
            used.add(found);
        }
        for (Col col : result) {
            ReportColumn rc = ReportColumn.of(col.label());
            if (rc == null || mapping.containsKey(rc) || used.contains(col)) {
                continue;
            }
            Col prev = cols.putIfAbsent(rc, col);
            if (prev != null) {
                throw new ReportFormatException(description + ": columns '" + prev.label() + "' and '" + col.label()
                        + "' both give " + rc.canonical() + "; keep one, or map one with column(" + rc.name() + ", …)");
            }
        }
        List<String> missing = new ArrayList<>();
        for (ReportColumn rc : ReportColumn.values()) {
            if (rc.required() && !cols.containsKey(rc)) {
                missing.add(rc.canonical() + " (or " + String.join(" / ", rc.names()) + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new ReportFormatException(description + ": missing required column" + (missing.size() > 1 ? "s "
                    : " ") + String.join(", ", missing) + "; the query's columns are " + labels
                    + " (map others with column(field, name))");
        }
        return new ResultColumns(cols, quote);
    }

    boolean has(ReportColumn c) {
        return cols.containsKey(c);
    }

    /** @return the column of a field, or {@code null} */
    Col col(ReportColumn c) {
        return cols.get(c);
    }

    /** @return the 1-based position of a field in {@link #select}'s result, or 0 when absent */
    int position(ReportColumn c) {
        return order.indexOf(c) + 1;
    }

    private String ref(ReportColumn c) {
        return "q." + quote + cols.get(c).label().replace(quote.isEmpty() ? "\u0000" : quote, quote + quote) + quote;
    }

    /**
     * @param args receives the parameters, in order
     * @return {@code SELECT <fields> FROM (base) q [WHERE profile = ? AND date <= ?]}
     * @throws IllegalArgumentException when the profile cannot be compared with a numeric profile column
     */
    String select(String base, MetricQuery query, Granularity g, List<Object> args) {
        return select(base, query, g, null, args);
    }

    /**
     * @param from the first date to read, in the date column's type ({@link #bound}), or {@code null} for all
     * @param args receives the parameters, in order
     * @return {@code SELECT <fields> FROM (base) q [WHERE profile = ? AND date <= ? AND date >= ?]}
     * @throws IllegalArgumentException when the profile cannot be compared with a numeric profile column
     */
    String select(String base, MetricQuery query, Granularity g, Object from, List<Object> args) {
        StringBuilder sql = new StringBuilder("SELECT ").append(fields()).append(" FROM (").append(base)
                .append(") q");
        List<String> where = conditions(query, g, args);
        if (from != null) {
            where.add(ref(ReportColumn.DATE) + " >= ?");
            args.add(from);
        }
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        return sql.toString();
    }

    /**
     * What a load of the later periods still needs of the earlier ones: each leaf that had rows before
     * {@code from}, with the names and parents of its latest one and that row's date — one row per distinct
     * combination of identity columns (finer than the assembler's keys, which is harmless: it merges them and keeps
     * the latest), in {@link #select}'s columns, the date its {@code MAX} and every metric {@code 0} (the assembler
     * only counts these rows as filtered). A hash aggregate: no sort, nothing but the group keys sent back. Not for a
     * table with an hour column of its own, whose latest hour of a day this cannot find.
     *
     * @param from the first date the main select reads, in the date column's type
     * @param args receives the parameters, in order
     * @return {@code SELECT <identity>, MAX(date), 0, … FROM (base) q WHERE profile = ? AND date <= ? AND date < ?
     *         GROUP BY <identity>}
     * @throws IllegalStateException for a table with an hour column
     */
    String latestBefore(String base, MetricQuery query, Granularity g, Object from, List<Object> args) {
        if (has(ReportColumn.HOUR)) {
            throw new IllegalStateException("the latest rows before a date need the hour in the date column");
        }
        StringBuilder fields = new StringBuilder();
        List<String> group = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            ReportColumn c = order.get(i);
            String field;
            if (c == ReportColumn.DATE) {
                field = "MAX(" + ref(c) + ")";
            } else if (IDENTITY.contains(c)) {
                field = ref(c);
                group.add(field);
            } else {
                field = "0";
            }
            fields.append(i == 0 ? "" : ", ").append(field);
        }
        List<String> where = conditions(query, g, args);
        where.add(ref(ReportColumn.DATE) + " < ?");
        args.add(from);
        return "SELECT " + fields + " FROM (" + base + ") q WHERE " + String.join(" AND ", where) + " GROUP BY "
                + String.join(", ", group);
    }

    /**
     * @param args receives the parameters, in order
     * @return {@code SELECT MAX(date) FROM (base) q [WHERE profile = ? AND date <= ?]}: the last date a load of the
     *         query reads
     */
    String lastDate(String base, MetricQuery query, Granularity g, List<Object> args) {
        List<String> where = conditions(query, g, args);
        return "SELECT MAX(" + ref(ReportColumn.DATE) + ") FROM (" + base + ") q"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where));
    }

    /** @return whether dates are compared in the database (a date or timestamp column, not text) */
    boolean comparableDates() {
        Col d = cols.get(ReportColumn.DATE);
        return d.isDate() || d.isTimestamp() || d.isTimestampWithZone();
    }

    private String fields() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < order.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(ref(order.get(i)));
        }
        return out.toString();
    }

    private List<String> conditions(MetricQuery query, Granularity g, List<Object> args) {
        List<String> where = new ArrayList<>();
        if (query.profileId() != null) {
            where.add(ref(ReportColumn.PROFILE_ID) + " = ?");
            args.add(profileValue(query.profileId()));
        }
        Object until = bound(query.until(), g);
        if (until != null) {
            where.add(ref(ReportColumn.DATE) + " <= ?");
            args.add(until);
        }
        return where;
    }

    /** @return SQL finding any row of the profile, or {@code null} when the profile cannot be in the column */
    String profileProbe(String base, String profile, List<Object> args) {
        Object v;
        try {
            v = profileValue(profile);
        } catch (IllegalArgumentException e) {
            return null;
        }
        args.add(v);
        return "SELECT 1 FROM (" + base + ") q WHERE " + ref(ReportColumn.PROFILE_ID) + " = ?";
    }

    private Object profileValue(String profile) {
        Col c = cols.get(ReportColumn.PROFILE_ID);
        if (!c.isNumber()) {
            return profile;
        }
        try {
            return c.isWholeNumber() ? (Object) Long.parseLong(profile.strip()) : new BigDecimal(profile.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("profile must be a number like the column '" + c.label() + "', got '"
                    + profile + "'");
        }
    }

    /**
     * @return a period as a bound of a date condition in the date column's type (the start of its day for a
     *         column of days), or {@code null} when the rows are filtered after reading (no period, or dates held
     *         as text)
     */
    Object bound(LocalDateTime until, Granularity g) {
        if (until == null) {
            return null;
        }
        Col d = cols.get(ReportColumn.DATE);
        boolean dayColumn = has(ReportColumn.HOUR) || g == Granularity.DAY;
        LocalDateTime bound = dayColumn ? until.toLocalDate().atStartOfDay() : until;
        if (d.isTimestampWithZone()) {
            return bound.atOffset(ZoneOffset.UTC);
        }
        if (d.isDate()) {
            return bound.toLocalDate();
        }
        if (d.isTimestamp()) {
            return bound;
        }
        return null;
    }
}
