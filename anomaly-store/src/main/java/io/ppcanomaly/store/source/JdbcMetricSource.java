package io.ppcanomaly.store.source;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.source.AccountAssembler;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.service.source.OnError;
import io.ppcanomaly.service.source.ReportColumn;
import io.ppcanomaly.service.source.ReportFormatException;
import io.ppcanomaly.service.source.ReportRow;
import io.ppcanomaly.service.source.RowError;
import io.ppcanomaly.service.source.RowLedger;
import io.ppcanomaly.store.jdbc.JdbcUrls;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the host's own performance table — one row per keyword (or product target) and period, the report CSV's
 * columns — straight from its database, so a PPC service runs detection without exporting a file:
 *
 * <pre>{@code
 * MetricSource source = JdbcMetricSource.builder(dataSource)
 *         .table("ppc_keyword_daily")                       // or .query("SELECT … FROM … JOIN …")
 *         .column(ReportColumn.SPEND, "cost")              // names that differ from the report CSV's
 *         .column(ReportColumn.PROFILE_ID, "advertiser_profile")
 *         .build();
 * DetectionReport r = new AnomalyService().detect(DetectionRequest.builder().profileId("3712345678901234")
 *         .build(), source);
 * }</pre>
 *
 * <h2>Columns</h2>
 * A column is found by the mapping given to {@link Builder#column}, else by the report CSV's header names
 * ({@link ReportColumn}: {@code date, portfolio, campaign, ad_group, keyword, impressions, clicks, spend, sales,
 * orders}; optional {@code profile_id, match_type, campaign_id, ad_group_id, keyword_id, hour}; Amazon's names such
 * as {@code Campaign Name} too), compared without regard to case. The date is a SQL {@code DATE}, a
 * {@code TIMESTAMP} (one with a time zone is read in UTC) or ISO text ({@code 2026-03-14}, {@code 2026-03-14
 * 11:00}); counts are integers (or whole decimals), money any number; numbers held as text are read when plain.
 *
 * <h2>What is read</h2>
 * Only the query's profile and the periods up to {@link MetricQuery#until()}: the source wraps the table or query
 * as {@code SELECT … FROM (query) q WHERE q.profile = ? AND q.date <= ?}, so a causal backtest cannot see the
 * future and one advertiser's load reads none of the others' rows (the database pushes the conditions down to the
 * table's indexes; an index on {@code (profile_id, date)} serves it). Rows the database leaves out are not counted
 * in the {@link LoadSummary}; rows it returns that the query does not select (text dates, the hours after
 * {@code until} on its last day) count as filtered. Rows are numbered in the order the database returns them: a
 * bad row's "line" in messages is that number, and its message names the keyword and period.
 *
 * <h2>History</h2>
 * A query's {@link MetricQuery#history() history} (a detection run with a fitted model asks for the periods it
 * reads, 56 days for a one-day run with the defaults) is applied in the database on PostgreSQL (see
 * {@link Builder#historyInDatabase}), in three statements in the one transaction: the last date the query selects
 * ({@code SELECT MAX(date)}), the rows from the history's first date on ({@code … AND q.date >= ?}), and of the
 * earlier rows only what the account still needs of them — each leaf's names and parents with the date of its
 * latest row, one row per distinct set of identity columns by a hash aggregate ({@code GROUP BY} the identity
 * columns with {@code MAX(date)}, sorting disabled for that statement because PostgreSQL's estimate of the groups
 * would otherwise sort every earlier row). The account is then the one every row would give from the history's
 * first period on: every entity with its latest names, every series from the history's first period. The earlier
 * rows are not validated (as the rows after {@code until} are not) and not counted but for one per leaf and name,
 * read and filtered. A table with dates held as text, or with the hour in a column of its own, is read whole and
 * the history applied after reading.
 *
 * <h2>Bad rows and granularity</h2>
 * Exactly as the CSV source ({@link io.ppcanomaly.service.source.CsvMetricSource}): the same validation (a blank
 * name, a negative or fractional count, more clicks than impressions, a duplicate keyword and period), the same
 * {@link OnError} policy and the same {@link LoadSummary}, through the same {@link AccountAssembler}. Data is daily
 * unless the mapping has an {@code hour} column or the builder says {@link Granularity#HOUR}; a daily row whose
 * timestamp has a time of day is a bad date.
 *
 * <p>Immutable and thread-safe: each {@link #load} borrows one connection, reads in one read-only transaction
 * (rolled back; auto-commit restored) with a fetch size so large tables stream, and hands it back.
 */
public final class JdbcMetricSource implements MetricSource {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcMetricSource.class);
    /** A table name: an identifier, optionally schema-qualified, optionally double-quoted. */
    private static final Pattern TABLE = Pattern.compile(
            "(?:[A-Za-z_][A-Za-z0-9_$]*|\"[^\"]+\")(?:\\.(?:[A-Za-z_][A-Za-z0-9_$]*|\"[^\"]+\"))?");

    /** Rows fetched per round trip by default. */
    public static final int DEFAULT_FETCH_SIZE = 10_000;

    private final DataSource dataSource;
    private final String baseSql;
    private final String description;
    private final Map<ReportColumn, String> mapping;
    private final Granularity granularity;
    private final OnError onError;
    private final int fetchSize;
    /** Whether a history is read in the database; {@code null}: when it is PostgreSQL. */
    private final Boolean historyInDatabase;

    private JdbcMetricSource(Builder b) {
        this.dataSource = b.dataSource;
        this.baseSql = b.sql;
        this.mapping = new EnumMap<>(ReportColumn.class);
        this.mapping.putAll(b.mapping);
        this.granularity = b.granularity;
        this.onError = b.onError;
        this.fetchSize = b.fetchSize;
        this.historyInDatabase = b.historyInDatabase;
        String url = JdbcUrls.of(b.dataSource);
        this.description = b.what + (url == null ? "" : " on " + url);
    }

    /**
     * @param dataSource the host's database (the source never closes it)
     * @return a builder; {@link Builder#table} or {@link Builder#query} is required
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    @Override
    public String description() {
        return description;
    }

    /** @return the SQL whose rows are read, before the profile and period conditions are added */
    public String sql() {
        return baseSql;
    }

    /** @return what a bad row does */
    public OnError onError() {
        return onError;
    }

    /**
     * @throws ReportFormatException    for a missing required column, a mapped column the query does not return,
     *                                  a bad row under {@link OnError#FAIL}, or no usable row
     * @throws IOException              wrapping a database failure (the description names the URL without password)
     * @throws IllegalArgumentException when the query names a profile the data does not hold
     */
    @Override
    public AccountData load(MetricQuery query) throws IOException {
        Objects.requireNonNull(query, "query");
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);   // PostgreSQL streams by the fetch size only inside a transaction
            }
            try {
                AccountData data = load(c, query);
                LoadSummary s = data.summary();
                if (s.rowsSkipped() > 0) {
                    LOG.warn("{}: skipped {} bad rows of {} ({}); first: {}", description, s.rowsSkipped(),
                            s.rowsRead(), s.skippedBy(), s.examples().get(0).message());
                }
                LOG.debug("{}: {} rows loaded, {} leaves, {} entities in {} ms", description, s.rowsLoaded(),
                        data.leafMetrics().size(), data.graph().size(), (System.nanoTime() - t0) / 1_000_000);
                return data;
            } finally {
                try {
                    c.rollback();
                    if (autoCommit) {
                        c.setAutoCommit(true);
                    }
                } catch (SQLException e) {
                    LOG.debug("{}: ending the read transaction failed: {}", description, e.toString());
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot read " + description + ": " + e.getMessage()
                    + (e.getSQLState() == null ? "" : " (SQL state " + e.getSQLState() + ")"), e);
        }
    }

    private AccountData load(Connection c, MetricQuery query) throws SQLException, IOException {
        ResultColumns cols = ResultColumns.probe(c, baseSql, mapping, description);
        Granularity g = cols.has(ReportColumn.HOUR) ? Granularity.HOUR : granularity;
        if (query.profileId() != null && !cols.has(ReportColumn.PROFILE_ID)) {
            throw new IllegalArgumentException("profile must be one present in " + description + " (it has no "
                    + "profile_id column), got '" + query.profileId() + "'");
        }
        RowLedger ledger = new RowLedger(description, onError);
        AccountAssembler assembler = new AccountAssembler(g, ledger, RowError.Position.LINE_COLUMN, query);
        RowParser parser = new RowParser(cols, g, ledger);
        boolean inDatabase = query.bounded() && cols.comparableDates() && !cols.has(ReportColumn.HOUR)
                && (historyInDatabase != null ? historyInDatabase : postgres(c));
        Object from = inDatabase ? firstDate(c, cols, query, g) : null;
        List<Object> args = new ArrayList<>();
        long[] n = {0};
        read(c, cols.select(baseSql, query, g, from, args), args, query, parser, ledger, assembler, n);
        if (from != null) {
            // Of the earlier rows only each leaf's latest identity and date: the entity, its names and parents, and
            // that its series runs through the history's first period. The assembler counts them as filtered.
            args.clear();
            String sql = cols.latestBefore(baseSql, query, g, from, args);
            // PostgreSQL estimates the groups as if the identity columns were independent (the product of their
            // distinct counts), finds no hash table that fits work_mem and sorts every earlier row on up to nine
            // text columns instead: 650 ms against 120 ms by hash for a year of 1,000 keywords (measured on
            // PostgreSQL 15). The groups are the leaves, a few thousand, so the hash is what fits.
            String sort = postgres(c) ? setting(c, "enable_sort", "off") : null;
            try {
                read(c, sql, args, query, parser, ledger, assembler, n);
            } finally {
                if (sort != null) {
                    setting(c, "enable_sort", sort);
                }
            }
        }
        if (assembler.leafCount() == 0) {
            if (query.profileId() != null && !holdsProfile(c, cols, query.profileId())) {
                throw new IllegalArgumentException("profile must be one present in " + description + ", got '"
                        + query.profileId() + "'");
            }
            throw new ReportFormatException(description + ": no row could be used (" + ledger.rowsRead() + " read, "
                    + ledger.rowsSkipped() + " skipped as bad, " + ledger.rowsFiltered() + " outside the requested "
                    + "periods" + (query.until() == null ? "" : " (up to " + g.format(query.until()) + ")") + ")");
        }
        return assembler.build();
    }

    private void read(Connection c, String sql, List<Object> args, MetricQuery query, RowParser parser,
                      RowLedger ledger, AccountAssembler assembler, long[] n) throws SQLException, IOException {
        try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(fetchSize);
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ledger.read();
                    ReportRow row = parser.parse(rs, ++n[0]);
                    if (row == null) {
                        continue;
                    }
                    if (!query.selects(row.profileId(), row.period())) {
                        ledger.filtered();
                        continue;
                    }
                    assembler.add(row);
                }
            }
        }
    }

    private static boolean postgres(Connection c) throws SQLException {
        return "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
    }

    /**
     * Sets a PostgreSQL planner setting for the rest of the transaction ({@code set_config(…, true)}, as
     * {@code SET LOCAL}; the read is rolled back, so it never outlives the load). A server that calls itself
     * PostgreSQL but lacks the setting (a compatible database) is left as it is, behind a savepoint so the read's
     * transaction goes on: the aggregate is then only slower.
     *
     * @return the value it had, or {@code null} when it could not be set
     */
    String setting(Connection c, String name, String value) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting(?), set_config(?, ?, true)")) {
            ps.setString(1, name);
            ps.setString(2, name);
            ps.setString(3, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String was = rs.getString(1);
                c.releaseSavepoint(sp);
                return was;
            }
        } catch (SQLException e) {
            c.rollback(sp);
            LOG.debug("{}: cannot set {} = {}, reading without it: {}", description, name, value, e.toString());
            return null;
        }
    }

    /**
     * @return the first date of the query's history in the date column's type (a date or a timestamp: a table
     *         whose hour is a column of its own never gets here): its last date, at most {@code until}, minus the
     *         history; {@code null} when the query selects no row
     */
    private Object firstDate(Connection c, ResultColumns cols, MetricQuery query, Granularity g)
            throws SQLException {
        List<Object> args = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(cols.lastDate(baseSql, query, g, args))) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                LocalDateTime last = rs.next() ? dateTime(rs.getObject(1)) : null;
                if (last == null) {
                    return null;
                }
                if (!g.isAligned(last)) {
                    return null;   // a bad date: the rows are read and refused as they come
                }
                return cols.bound(query.firstPeriod(last, g), g);
            }
        }
    }

    private static LocalDateTime dateTime(Object v) {
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().atStartOfDay();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof java.time.LocalDate d) {
            return d.atStartOfDay();
        }
        if (v instanceof LocalDateTime t) {
            return t;
        }
        if (v instanceof java.time.OffsetDateTime t) {
            return t.withOffsetSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime();
        }
        return null;
    }

    private boolean holdsProfile(Connection c, ResultColumns cols, String profile) throws SQLException {
        List<Object> args = new ArrayList<>();
        String sql = cols.profileProbe(baseSql, profile, args);
        if (sql == null) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setMaxRows(1);
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcMetricSource[" + description + "]";
    }

    /** Configures a {@link JdbcMetricSource}. Not thread-safe. */
    public static final class Builder {
        private final DataSource dataSource;
        private String sql;
        private String what;
        private final Map<ReportColumn, String> mapping = new EnumMap<>(ReportColumn.class);
        private Granularity granularity = Granularity.DAY;
        private OnError onError = OnError.FAIL;
        private int fetchSize = DEFAULT_FETCH_SIZE;
        private Boolean historyInDatabase;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * Reads every column of a table or view.
         *
         * @param name an identifier, optionally schema-qualified ({@code ads.keyword_daily}) or double-quoted
         * @throws IllegalArgumentException when the name is not a plain identifier (no SQL is accepted here)
         */
        public Builder table(String name) {
            Objects.requireNonNull(name, "table");
            String n = name.strip();
            if (!TABLE.matcher(n).matches()) {
                throw new IllegalArgumentException("table must be an identifier such as ppc_keyword_daily or "
                        + "ads.keyword_daily, got '" + name + "'");
            }
            this.sql = "SELECT * FROM " + n;
            this.what = "table " + n;
            return this;
        }

        /**
         * Reads the rows of a query (joins, renamed columns, a view of the host's own). It is the host's own SQL,
         * run as given inside {@code SELECT … FROM (query) q WHERE …}; no {@code ORDER BY} is needed.
         *
         * @param sql a single {@code SELECT} (a trailing semicolon is dropped)
         * @throws IllegalArgumentException when blank
         */
        public Builder query(String sql) {
            Objects.requireNonNull(sql, "query");
            String s = sql.strip();
            while (s.endsWith(";")) {
                s = s.substring(0, s.length() - 1).strip();
            }
            if (s.isEmpty()) {
                throw new IllegalArgumentException("query must be a SELECT statement, got '" + sql + "'");
            }
            this.sql = s;
            this.what = "query '" + (s.length() > 60 ? s.substring(0, 57) + "..." : s) + "'";
            return this;
        }

        /**
         * Names the column that holds one of the report's fields, when it differs from the report CSV's names.
         *
         * @param field  the field
         * @param column the column's name or label in the table or query, compared without regard to case
         */
        public Builder column(ReportColumn field, String column) {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(column, "column");
            if (column.isBlank()) {
                throw new IllegalArgumentException("column for " + field.canonical() + " must not be blank");
            }
            mapping.put(field, column.strip());
            return this;
        }

        /**
         * @param g {@link Granularity#DAY} (default) or {@link Granularity#HOUR} for timestamps of whole hours (an
         *          {@code hour} column makes the data hourly by itself)
         */
        public Builder granularity(Granularity g) {
            this.granularity = Objects.requireNonNull(g, "granularity");
            return this;
        }

        /** @param onError fail on the first bad row (default), or skip and count bad rows */
        public Builder onError(OnError onError) {
            this.onError = Objects.requireNonNull(onError, "onError");
            return this;
        }

        /**
         * @param rows rows per round trip, 1 to 1,000,000 (default {@value #DEFAULT_FETCH_SIZE})
         * @throws IllegalArgumentException outside that range
         */
        public Builder fetchSize(int rows) {
            if (rows < 1 || rows > 1_000_000) {
                throw new IllegalArgumentException("fetchSize must be in [1, 1000000], got " + rows);
            }
            this.fetchSize = rows;
            return this;
        }

        /**
         * Whether a query's {@link MetricQuery#history() history} is applied in the database (the last date, the
         * rows from the history's first date on, and of the earlier rows only each leaf's latest names and date, by
         * a hash aggregate) or after reading every period up to {@code until}. The account is the same either way.
         * By default it is applied in the database on PostgreSQL, where a year of 1,000 keywords loads in a third
         * of the time (measured), and after reading elsewhere: on H2 the aggregate costs more than reading the rows
         * (measured), and other databases are not measured. A table whose hour is a column of its own, or whose
         * dates are text, is always read whole.
         *
         * @param inDatabase {@code true} to apply it in the database, {@code false} after reading
         */
        public Builder historyInDatabase(boolean inDatabase) {
            this.historyInDatabase = inDatabase;
            return this;
        }

        /**
         * @return the source
         * @throws IllegalStateException when neither a table nor a query was given
         */
        public JdbcMetricSource build() {
            if (sql == null) {
                throw new IllegalStateException("a table or a query must be given before build()");
            }
            return new JdbcMetricSource(this);
        }
    }

}
