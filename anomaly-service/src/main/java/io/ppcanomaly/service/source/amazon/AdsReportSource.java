package io.ppcanomaly.service.source.amazon;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.Metrics;
import io.ppcanomaly.service.source.AccountAssembler;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.InputFiles;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.service.source.OnError;
import io.ppcanomaly.service.source.ReportFormatException;
import io.ppcanomaly.service.source.ReportRow;
import io.ppcanomaly.service.source.RowError;
import io.ppcanomaly.service.source.RowLedger;
import io.ppcanomaly.service.source.RowProblem;
import io.ppcanomaly.service.source.amazon.JsonRecord.FieldException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Sponsored Products report of the Amazon Ads Reporting API v3 as downloaded: format {@code GZIP_JSON},
 * a gzipped JSON array of rows (a plain, unzipped array is read too). Report types {@code spTargeting} and
 * {@code spSearchTerm} ({@link AdsReportType}), {@code timeUnit DAILY}: one row per keyword or product target
 * and day, or per search term, target and day (summed per target and day).
 *
 * <h2>Columns</h2>
 * Required: {@code date} (or {@code startDate} and {@code endDate} of one day), {@code campaignId},
 * {@code adGroupId}, {@code keywordId} (or the {@code keyword} or {@code targeting} text), {@code impressions},
 * {@code clicks}, {@code cost}, and the sales and orders of one attribution window: {@code sales7d} and
 * {@code purchases7d} (or 14d, 1d, 30d; {@link Attribution}). Used when present: {@code campaignName},
 * {@code adGroupName}, {@code keyword}, {@code targeting}, {@code matchType}, {@code portfolioId}. Entities are
 * identified by their ids, named by their names (their ids when the names were not requested); a portfolio by its
 * id. Match types BROAD, PHRASE and EXACT make keywords; targeting expressions ({@code asin="…"},
 * {@code category="…"}, {@code close-match}…) make product targets. The report holds one profile and does not name
 * it.
 *
 * <h2>Bad input</h2>
 * An empty file, a file that is not a JSON array, a required column missing from the first row, or a field no
 * documented column has (another report type, or not a report) fails the load naming the field, whatever the
 * {@link OnError} policy. A bad row — a value that is not a number, negative, fractional, more clicks than
 * impressions, an unreadable date, a missing or {@code null} required value, a duplicate — fails the load naming
 * its record (its place in the array, from 1), field and value under {@link OnError#FAIL}; under
 * {@link OnError#SKIP} it is skipped and counted in the {@link LoadSummary}.
 *
 * <p>Immutable and thread-safe: every {@link #load} opens the input anew.
 */
public final class AdsReportSource implements MetricSource {

    private static final Logger LOG = LoggerFactory.getLogger(AdsReportSource.class);
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Set<String> KEYWORD_MATCHES = Set.of("broad", "phrase", "exact");

    /** Opens the bytes afresh for each load. */
    @FunctionalInterface
    public interface InputSupplier {
        /** @return a new stream at the start of the input (not gzipped: decompress in the supplier) */
        InputStream open() throws IOException;
    }

    private final String description;
    private final InputSupplier supplier;
    private final AdsReportType type;
    private final Attribution attribution;
    private final OnError onError;

    private AdsReportSource(String description, InputSupplier supplier, AdsReportType type, Attribution attribution,
                            OnError onError) {
        this.description = Objects.requireNonNull(description, "description");
        this.supplier = Objects.requireNonNull(supplier, "supplier");
        this.type = type;
        this.attribution = attribution;
        this.onError = Objects.requireNonNull(onError, "onError");
    }

    /**
     * A report file, gzipped or not, its type told by its rows and its attribution window by its columns.
     */
    public static AdsReportSource of(Path file, OnError onError) {
        return of(file, null, null, onError);
    }

    /**
     * A report file, gzipped or not.
     *
     * @param type        the report type, or {@code null} to tell it by the rows (a {@code searchTerm} field
     *                    makes a search term report)
     * @param attribution the sales and orders window, or {@code null} for the first of 7, 14, 1, 30 days whose
     *                    columns the first row has
     */
    public static AdsReportSource of(Path file, AdsReportType type, Attribution attribution, OnError onError) {
        Objects.requireNonNull(file, "file");
        return new AdsReportSource(file.toString(), () -> InputFiles.open(file), type, attribution, onError);
    }

    /** A report from any input (an HTTP download, a test), opened afresh for each load. */
    public static AdsReportSource of(String description, InputSupplier supplier, AdsReportType type,
                                     Attribution attribution, OnError onError) {
        return new AdsReportSource(description, supplier, type, attribution, onError);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public AccountData load(MetricQuery query) throws IOException {
        Objects.requireNonNull(query, "query");
        if (query.profileId() != null) {
            throw new IllegalArgumentException("profile must be one present in " + description + " (an Ads API "
                    + "report holds one profile and does not name it), got '" + query.profileId() + "'");
        }
        try (InputStream in = supplier.open(); JsonParser p = JSON.createParser(in)) {
            return read(p, query);
        } catch (JsonProcessingException e) {
            throw new ReportFormatException(description + " is not valid JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage());
        }
    }

    private AccountData read(JsonParser p, MetricQuery query) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new ReportFormatException(description + " is empty: expected a JSON array of report rows "
                    + "(Amazon Ads Reporting API v3, format GZIP_JSON)");
        }
        if (t != JsonToken.START_ARRAY) {
            throw new ReportFormatException(description + " must be a JSON array of report rows (Amazon Ads "
                    + "Reporting API v3, format GZIP_JSON), got " + describe(t));
        }
        Reading r = new Reading(query, new RowLedger(description, onError));
        long record = 0;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new ReportFormatException(description + " ends before its array is closed");
            }
            record++;
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                r.ledger.read(r.kind());
                r.ledger.refuse(error(record, null, null, RowProblem.MALFORMED, "a report row must be a JSON "
                        + "object, got " + describe(t)));
                continue;
            }
            JsonRecord rec = new JsonRecord();
            String unknown = rec.read(p, r.known());
            r.row(rec, unknown, record);
        }
        return r.finish();
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private RowError error(long record, String field, String value, RowProblem problem, String detail) {
        return new RowError(record, field, value, problem, detail, null, RowError.Position.RECORD_FIELD);
    }

    /** The state of one load. */
    private final class Reading {
        final MetricQuery query;
        final RowLedger ledger;
        AdsReportType reportType = type;
        Attribution window = attribution;
        AccountAssembler assembler;
        /** Search term rows summed per target and day, in first-seen order. */
        final Map<String, Sum> sums = new LinkedHashMap<>();
        final Set<String> searchTerms = new HashSet<>();
        final Map<String, LocalDateTime> dates = new HashMap<>();
        boolean first = true;

        Reading(MetricQuery query, RowLedger ledger) {
            this.query = query;
            this.ledger = ledger;
        }

        String kind() {
            return reportType == null ? AdsReportType.SP_TARGETING.id() : reportType.id();
        }

        Set<String> known() {
            return reportType == null ? AdsReportType.allColumns() : reportType.columns();
        }

        void row(JsonRecord rec, String unknown, long record) throws ReportFormatException {
            if (first) {
                first = false;
                resolve(rec);
            }
            if (unknown != null) {
                throw new ReportFormatException(description + " record " + record + ": unknown field '" + unknown
                        + "': not a column of the " + reportType.id() + " report (" + reportType.docs() + ")");
            }
            ledger.read(reportType.id());
            ReportRow row;
            String searchTerm = null;
            try {
                row = toRow(rec, record);
                if (reportType == AdsReportType.SP_SEARCH_TERM) {
                    searchTerm = rec.requireText("searchTerm");
                }
            } catch (FieldException e) {
                ledger.refuse(error(record, e.field, e.value, e.problem, e.getMessage()));
                return;
            }
            if (!query.selects(null, row.period())) {
                ledger.filtered();
                return;
            }
            if (searchTerm == null) {
                assembler().add(row);
                return;
            }
            String target = targetKey(row);
            if (!searchTerms.add(target + "\u0000" + searchTerm)) {
                ledger.refuse(error(record, "searchTerm", searchTerm, RowProblem.DUPLICATE, "a second row for the "
                        + "search term of '" + row.keyword() + "' on " + row.period().toLocalDate()));
                return;
            }
            sums.computeIfAbsent(target, k -> new Sum(row)).add(row.metrics());
        }

        /** Settles the report type, the attribution window and the required columns on the first row. */
        private void resolve(JsonRecord rec) throws ReportFormatException {
            if (reportType == null) {
                reportType = AdsReportType.of(rec.fields());
            }
            if (window == null) {
                for (Attribution a : Attribution.PREFERENCE) {
                    if (rec.present(a.reportSales()) && rec.present(a.reportPurchases())) {
                        window = a;
                        break;
                    }
                }
                if (window == null) {
                    throw new ReportFormatException(description + ": required fields sales7d and purchases7d (or "
                            + "those of 14, 1 or 30 days) are missing from the " + reportType.id() + " report's "
                            + "rows; request them among its columns");
                }
            }
            String missing = null;
            if (!rec.present("date") && !(rec.present("startDate") && rec.present("endDate"))) {
                missing = "date";
            }
            for (String f : new String[] {"campaignId", "adGroupId", "impressions", "clicks", "cost",
                window.reportSales(), window.reportPurchases()}) {
                if (missing == null && !rec.present(f)) {
                    missing = f;
                }
            }
            if (missing == null && !rec.present("keywordId") && !rec.present("keyword")
                    && !rec.present("targeting")) {
                missing = "keywordId";
            }
            if (missing != null) {
                throw new ReportFormatException(description + ": required field '" + missing + "' is missing from "
                        + "the " + reportType.id() + " report's rows; request it among the report's columns");
            }
        }

        private AccountAssembler assembler() {
            if (assembler == null) {
                assembler = new AccountAssembler(Granularity.DAY, ledger, RowError.Position.RECORD_FIELD);
            }
            return assembler;
        }

        private ReportRow toRow(JsonRecord rec, long record) throws FieldException {
            LocalDateTime day = day(rec);
            String campaignId = rec.requireText("campaignId");
            String adGroupId = rec.requireText("adGroupId");
            String keywordId = rec.text("keywordId");
            String text = rec.text("keyword") != null ? rec.text("keyword") : rec.text("targeting");
            if (keywordId == null && text == null) {
                rec.requireText(rec.present("keywordId") ? "keywordId" : "keyword");
            }
            long impressions = rec.count("impressions", false);
            long clicks = rec.count("clicks", false);
            double cost = rec.money("cost", false);
            double sales = rec.money(window.reportSales(), false);
            long orders = rec.count(window.reportPurchases(), false);
            if (clicks > impressions) {
                throw new FieldException(RowProblem.CLICKS_EXCEED_IMPRESSIONS, "clicks", rec.raw("clicks"),
                        "clicks must be <= impressions (" + impressions + ")");
            }
            String campaign = rec.text("campaignName");
            String adGroup = rec.text("adGroupName");
            String match = rec.text("matchType");
            if (match != null && !KEYWORD_MATCHES.contains(match.toLowerCase(Locale.ROOT))) {
                match = null;   // TARGETING_EXPRESSION(_PREDEFINED): a product target, told by its expression
            }
            return new ReportRow(record, null, rec.text("portfolioId"), campaign != null ? campaign : campaignId,
                    campaignId, adGroup != null ? adGroup : adGroupId, adGroupId, text != null ? text : keywordId,
                    keywordId, match, day, new Metrics(impressions, clicks, cost, sales, orders));
        }

        private LocalDateTime day(JsonRecord rec) throws FieldException {
            String field = rec.has("date") ? "date" : "startDate";
            String date = rec.requireText(field);
            if (field.equals("startDate")) {
                String end = rec.requireText("endDate");
                if (!end.equals(date)) {
                    throw new FieldException(RowProblem.BAD_DATE, "endDate", end, "a row must cover one day (request "
                            + "timeUnit DAILY with the date column): endDate must equal startDate (" + date + ")");
                }
            }
            LocalDateTime d = dates.get(date);
            if (d == null) {
                try {
                    d = LocalDate.parse(date).atStartOfDay();
                } catch (DateTimeParseException e) {
                    throw new FieldException(RowProblem.BAD_DATE, field, date, field + " must be yyyy-MM-dd");
                }
                dates.put(date, d);
            }
            return d;
        }

        private String targetKey(ReportRow r) {
            return r.campaignId() + "\u0000" + r.adGroupId() + "\u0000"
                    + (r.keywordId() != null ? "#" + r.keywordId() : r.keyword() + "\u0000" + r.matchType())
                    + "\u0000" + r.period();
        }

        AccountData finish() throws ReportFormatException {
            for (Sum s : sums.values()) {
                assembler().add(s.row());
            }
            if (ledger.rowsRead() == 0) {
                throw new ReportFormatException(description + " has no rows (an empty report array)");
            }
            if (assembler == null) {
                throw new ReportFormatException(description + ": no row could be used (" + ledger.rowsRead()
                        + " read, " + ledger.rowsSkipped() + " skipped as bad, " + ledger.rowsFiltered()
                        + " after the requested periods)");
            }
            AccountData data = assembler.build();
            LoadSummary s = data.summary();
            if (s.rowsSkipped() > 0) {
                LOG.warn("{}: skipped {} bad rows of {} ({}); first: {}", description, s.rowsSkipped(), s.rowsRead(),
                        s.skippedBy(), s.examples().get(0).message());
            }
            LOG.debug("{}: {} {} rows loaded ({}-day sales), {} leaves", description, s.rowsLoaded(),
                    reportType.id(), window.days(), data.leafMetrics().size());
            return data;
        }
    }

    /** The search term rows of one target and day. */
    private static final class Sum {
        private final ReportRow first;
        private long impressions;
        private long clicks;
        private double spend;
        private double sales;
        private long orders;

        Sum(ReportRow first) {
            this.first = first;
        }

        void add(Metrics m) {
            impressions += m.impressions();
            clicks += m.clicks();
            spend += m.spend();
            sales += m.sales();
            orders += m.orders();
        }

        ReportRow row() {
            return new ReportRow(first.line(), first.profileId(), first.portfolio(), first.campaign(),
                    first.campaignId(), first.adGroup(), first.adGroupId(), first.keyword(), first.keywordId(),
                    first.matchType(), first.period(), new Metrics(impressions, clicks, spend, sales, orders));
        }
    }
}
