package io.ppcanomaly.service.source.amazon;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.source.AccountAssembler;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.InputFiles;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.service.source.OnError;
import io.ppcanomaly.service.source.ReportFormatException;
import io.ppcanomaly.service.source.RowError;
import io.ppcanomaly.service.source.RowLedger;
import io.ppcanomaly.service.source.RowProblem;
import io.ppcanomaly.service.source.amazon.AdsReportSource.InputSupplier;
import io.ppcanomaly.service.source.amazon.JsonRecord.FieldException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Amazon Marketing Stream's hourly Sponsored Products datasets as JSON lines (one record per line, as an
 * SQS consumer or Amazon Data Firehose writes them): traffic ({@code sp-traffic}: impressions, clicks, cost) and
 * conversions ({@code sp-conversion}: attributed sales and orders), delivered separately, in one file or several,
 * gzipped or not. Fields as documented in {@link StreamDataset#DOCS}.
 *
 * <h2>How records become rows</h2>
 * Following Amazon's guide to aggregating and joining Stream data: a record delivered twice (the same
 * {@code idempotency_id}) is dropped; each dataset's records — deltas, negative for corrections — are summed per
 * advertiser, marketplace, campaign, ad group, ad, keyword or target, placement and hour; each conversion sum is
 * joined to the traffic sum of the same key; the joined sums are added up over ads and placements into one row
 * per keyword or target and hour. The hour is {@code time_window_start}'s wall-clock hour as written (its offset
 * is dropped, not converted: Amazon writes it in the advertiser's time zone). Sales and orders come from one
 * attribution window ({@link Attribution}, default 7 days). Profiles are {@code advertiser_id@marketplace_id};
 * campaigns and ad groups are named by their ids (the datasets carry no names), keywords and targets by
 * {@code keyword_text}.
 *
 * <h2>Nothing silently dropped</h2>
 * Counted in the {@link LoadSummary} whatever the {@link OnError} policy: duplicate deliveries, conversions with
 * no traffic record in the input (the traffic is late or outside the files), keys whose deltas add up to negative
 * metrics or more clicks than impressions (corrections whose originals are not in the input), and records of other
 * datasets; joined conversion records are counted as {@code joined}. A bad record — not a JSON object, a missing
 * or {@code null} required field, a value that is not a number or not whole, an unreadable hour — fails the load
 * naming its file, line and field under {@link OnError#FAIL}, and is skipped and counted under
 * {@link OnError#SKIP}. A field the dataset does not document fails the load under either policy.
 *
 * <p>Immutable and thread-safe: every {@link #load} opens the inputs anew.
 */
public final class MarketingStreamSource implements MetricSource {

    private static final Logger LOG = LoggerFactory.getLogger(MarketingStreamSource.class);
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Set<String> KEYWORD_MATCHES = Set.of("broad", "phrase", "exact");
    private static final String[] KEY_FIELDS = {"advertiser_id", "marketplace_id", "campaign_id", "ad_group_id",
        "ad_id", "keyword_id", "time_window_start"};
    /** Every field of either dataset, to read a record before its dataset is known. */
    private static final Set<String> ALL_FIELDS;

    static {
        Set<String> all = new HashSet<>();
        for (StreamDataset d : StreamDataset.values()) {
            all.addAll(d.fields());
        }
        ALL_FIELDS = Set.copyOf(all);
    }

    /**
     * One input of JSON lines.
     *
     * @param name     the name used in messages, e.g. the file name
     * @param supplier its bytes (not gzipped: decompress in the supplier), opened afresh for each load
     */
    public record Input(String name, InputSupplier supplier) {
        /** Validates. */
        public Input {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(supplier, "supplier");
        }
    }

    private final String description;
    private final List<Input> inputs;
    private final Attribution attribution;
    private final OnError onError;

    private MarketingStreamSource(String description, List<Input> inputs, Attribution attribution,
                                  OnError onError) {
        this.description = Objects.requireNonNull(description, "description");
        this.inputs = List.copyOf(inputs);
        if (this.inputs.isEmpty()) {
            throw new IllegalArgumentException("inputs must not be empty, got none");
        }
        this.attribution = Objects.requireNonNull(attribution, "attribution");
        this.onError = Objects.requireNonNull(onError, "onError");
    }

    /** Files of JSON lines (gzipped or not), with 7-day sales and orders. */
    public static MarketingStreamSource of(List<Path> files, OnError onError) {
        return of(files, Attribution.DAY_7, onError);
    }

    /**
     * Files of JSON lines, gzipped or not, each holding traffic, conversions or both.
     *
     * @param attribution the window of {@code attributed_sales_*} and {@code attributed_conversions_*} read
     * @throws IllegalArgumentException when there is no file
     */
    public static MarketingStreamSource of(List<Path> files, Attribution attribution, OnError onError) {
        List<Input> inputs = new ArrayList<>();
        for (Path f : files) {
            Objects.requireNonNull(f, "file");
            inputs.add(new Input(f.toString(), () -> InputFiles.open(f)));
        }
        return of(describe(inputs), inputs, attribution, onError);
    }

    /** Any inputs (a queue dump, a test), opened afresh for each load. */
    public static MarketingStreamSource of(String description, List<Input> inputs, Attribution attribution,
                                           OnError onError) {
        return new MarketingStreamSource(description, inputs, attribution, onError);
    }

    private static String describe(List<Input> inputs) {
        if (inputs.size() == 1) {
            return inputs.get(0).name();
        }
        List<String> names = new ArrayList<>();
        for (Input i : inputs) {
            names.add(i.name());
        }
        return "Marketing Stream files " + String.join(", ", names);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public AccountData load(MetricQuery query) throws IOException {
        Objects.requireNonNull(query, "query");
        Reading r = new Reading(query, new RowLedger(description, onError));
        for (Input input : inputs) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(input.supplier().open(),
                    StandardCharsets.UTF_8), 1 << 16)) {
                String line;
                long n = 0;
                while ((line = in.readLine()) != null) {
                    n++;
                    if (!line.isBlank()) {
                        r.line(input.name(), n, line);
                    }
                }
            }
        }
        return r.finish();
    }

    /** The state of one load. */
    private final class Reading {
        final MetricQuery query;
        final RowLedger ledger;
        final StreamJoin join;
        final Set<String> delivered = new HashSet<>();
        final Map<String, LocalDateTime> hours = new HashMap<>();
        boolean sawProfile;

        Reading(MetricQuery query, RowLedger ledger) {
            this.query = query;
            this.ledger = ledger;
            this.join = new StreamJoin(ledger);
        }

        void line(String file, long line, String text) throws ReportFormatException {
            JsonRecord rec = new JsonRecord();
            String problem = parse(text, rec);
            if (problem != null) {
                ledger.read("unreadable");
                ledger.refuse(error(file, line, null, null, RowProblem.MALFORMED, problem));
                return;
            }
            StreamDataset dataset;
            String id = rec.raw("dataset_id");
            dataset = id == null ? StreamDataset.infer(rec.fields()) : StreamDataset.of(id);
            if (dataset == null) {
                if (id != null) {
                    ledger.read(id);
                    ledger.skip(error(file, line, "dataset_id", id, RowProblem.OTHER_DATASET, "only sp-traffic and "
                            + "sp-conversion records are read"), 1);
                } else {
                    ledger.read("unknown");
                    ledger.refuse(error(file, line, "dataset_id", null, RowProblem.MISSING_VALUE, "dataset_id is "
                            + "missing and the fields are neither sp-traffic's nor sp-conversion's"));
                }
                return;
            }
            for (String f : rec.fields()) {
                if (!dataset.fields().contains(f)) {
                    throw new ReportFormatException(file + " line " + line + ": unknown field '" + f + "' in an "
                            + dataset.id() + " record: not a field of the dataset (" + StreamDataset.DOCS + ")");
                }
            }
            ledger.read(dataset.id());
            try {
                record(dataset, rec, file, line);
            } catch (FieldException e) {
                ledger.refuse(error(file, line, e.field, e.value, e.problem, e.getMessage()));
            }
        }

        /** @return why the line is not one JSON object, or {@code null} when it was read into {@code rec} */
        private String parse(String text, JsonRecord rec) {
            try (JsonParser p = JSON.createParser(text)) {
                JsonToken t = p.nextToken();
                if (t != JsonToken.START_OBJECT) {
                    return "a record must be a JSON object, got " + t;
                }
                rec.read(p, ALL_FIELDS);
                if (p.nextToken() != null) {
                    return "a line must hold one JSON object, found more after it";
                }
                return null;
            } catch (JsonProcessingException e) {
                return "a record must be a JSON object: " + e.getOriginalMessage();
            } catch (IOException e) {
                throw new IllegalStateException("reading a string cannot fail", e);
            }
        }

        private void record(StreamDataset dataset, JsonRecord rec, String file, long line) throws FieldException {
            String idempotency = rec.requireText("idempotency_id");
            String[] k = new String[KEY_FIELDS.length];
            for (int i = 0; i < k.length; i++) {
                k[i] = rec.requireText(KEY_FIELDS[i]);
            }
            LocalDateTime hour = hour(k[6]);
            String placement = rec.text("placement");
            long impressions = 0;
            long clicks = 0;
            double cost = 0;
            long orders = 0;
            double sales = 0;
            if (dataset == StreamDataset.SP_TRAFFIC) {
                impressions = rec.count("impressions", true);
                clicks = rec.count("clicks", true);
                cost = rec.money("cost", true);
            } else {
                sales = rec.money(attribution.streamSales(), true);
                orders = rec.count(attribution.streamConversions(), true);
            }
            if (!delivered.add(dataset.id() + "\u0000" + idempotency)) {
                ledger.skip(error(file, line, "idempotency_id", idempotency, RowProblem.DUPLICATE_DELIVERY,
                        "a record delivered again"), 1);
                return;
            }
            String profile = k[0] + "@" + k[1];
            if (profile.equals(query.profileId())) {
                sawProfile = true;
            }
            if (!query.selects(profile, hour)) {
                ledger.filtered();
                return;
            }
            StreamJoin.Key key = new StreamJoin.Key(profile, k[2], k[3], k[4], k[5],
                    placement == null ? "" : placement, hour);
            StreamJoin.Sum s = dataset == StreamDataset.SP_TRAFFIC ? join.traffic(key, file, line)
                    : join.conversion(key, file, line);
            s.impressions += impressions;
            s.clicks += clicks;
            s.cost += cost;
            s.orders += orders;
            s.sales += sales;
            if (dataset == StreamDataset.SP_TRAFFIC) {
                String text = rec.text("keyword_text");
                if (text != null) {
                    s.keywordText = text;
                    String match = rec.text("match_type");
                    s.matchType = match != null && KEYWORD_MATCHES.contains(match.toLowerCase(Locale.ROOT))
                            ? match : null;
                }
            }
        }

        private LocalDateTime hour(String text) throws FieldException {
            LocalDateTime h = hours.get(text);
            if (h != null) {
                return h;
            }
            try {
                h = OffsetDateTime.parse(text).toLocalDateTime();
            } catch (DateTimeParseException e) {
                try {
                    h = LocalDateTime.parse(text.replace(' ', 'T'));
                } catch (DateTimeParseException e2) {
                    throw new FieldException(RowProblem.BAD_DATE, "time_window_start", text, "time_window_start must "
                            + "be an ISO 8601 date and time, e.g. 2024-05-01T13:00:00Z");
                }
            }
            if (!Granularity.HOUR.isAligned(h)) {
                throw new FieldException(RowProblem.BAD_DATE, "time_window_start", text,
                        "time_window_start must be the start of an hour");
            }
            hours.put(text, h);
            return h;
        }

        AccountData finish() throws ReportFormatException {
            if (ledger.rowsRead() == 0) {
                throw new ReportFormatException(description + " has no records: expected JSON lines of the "
                        + "sp-traffic and sp-conversion datasets");
            }
            if (query.profileId() != null && !sawProfile) {
                throw new IllegalArgumentException("profile must be one present in " + description + " (profiles "
                        + "are advertiser_id@marketplace_id), got '" + query.profileId() + "'");
            }
            AccountAssembler assembler = new AccountAssembler(Granularity.HOUR, ledger,
                    RowError.Position.LINE_FIELD);
            boolean conversions = join.emit(assembler);
            if (assembler.leafCount() == 0) {
                throw new ReportFormatException(description + ": no row could be used (" + ledger.rowsRead()
                        + " records read, " + ledger.rowsSkipped() + " skipped " + ledger.summary().skippedBy()
                        + ", " + ledger.rowsFiltered() + " outside the requested profile or periods)");
            }
            if (!conversions) {
                LOG.warn("{}: no sp-conversion records: sales and orders are zero", description);
            }
            AccountData data = assembler.build();
            LoadSummary s = data.summary();
            if (s.rowsSkipped() > 0) {
                LOG.warn("{}: skipped {} of {} records ({}); first: {}", description, s.rowsSkipped(), s.rowsRead(),
                        s.skippedBy(), s.examples().get(0));
            }
            LOG.debug("{}: {} records loaded ({} conversions joined), {} leaves", description, s.rowsLoaded(),
                    s.rowsJoined(), data.leafMetrics().size());
            return data;
        }
    }

    private static RowError error(String file, long line, String field, String value, RowProblem problem,
                                  String detail) {
        return new RowError(line, field, value, problem, detail, file, RowError.Position.LINE_FIELD);
    }
}
