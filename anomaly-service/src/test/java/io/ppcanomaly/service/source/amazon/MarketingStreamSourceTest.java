package io.ppcanomaly.service.source.amazon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.OnError;
import io.ppcanomaly.service.source.ReportFormatException;
import io.ppcanomaly.service.source.RowError;
import io.ppcanomaly.service.source.RowProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Marketing Stream reader on fixtures written from Amazon's docs (see resources/amazon/README.md). */
class MarketingStreamSourceTest {

    private static final LocalDateTime NINE = LocalDateTime.of(2026, 3, 14, 9, 0);
    private static final String PROFILE = "ENTITY2ZX9WZPQ1@ATVPDKIKX0DER";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private AccountData fixtures(Attribution attribution, OnError onError, MetricQuery query) throws IOException {
        return MarketingStreamSource.of(List.of(Fixtures.gzipped(dir, "sp-traffic.jsonl"),
                Fixtures.plain(dir, "sp-conversion.jsonl")), attribution, onError).load(query);
    }

    private static MarketingStreamSource lines(OnError onError, String... lines) {
        String text = String.join("\n", lines) + "\n";
        return MarketingStreamSource.of("stream.jsonl", List.of(new MarketingStreamSource.Input("stream.jsonl",
                () -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))), Attribution.DAY_7, onError);
    }

    /** The first traffic record of the fixture with fields replaced, e.g. {@code traffic("clicks", "\"x\"")}. */
    private static String traffic(String... overrides) {
        return edit(Fixtures.text("sp-traffic.jsonl").lines().findFirst().orElseThrow(), overrides);
    }

    /** The record with fields replaced by raw JSON values ({@code null}: removed, not set to JSON null). */
    private static String edit(String record, String... overrides) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(record);
            for (int i = 0; i < overrides.length; i += 2) {
                if (overrides[i + 1] == null) {
                    node.remove(overrides[i]);
                } else {
                    node.set(overrides[i], JSON.readTree(overrides[i + 1]));
                }
            }
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void joinsTrafficAndConversionsIntoHourlyRowsPerKeywordOrTarget() throws IOException {
        AccountData data = fixtures(Attribution.DAY_7, OnError.FAIL, MetricQuery.ALL);
        assertThat(data.granularity()).isEqualTo(Granularity.HOUR);
        EntityGraph g = data.graph();
        assertThat(g.get(PROFILE).type()).isEqualTo(EntityType.PROFILE);
        assertThat(g.get("310001").parentId()).isEqualTo(PROFILE);
        assertThat(g.get("320001").parentId()).isEqualTo("310001");
        assertThat(g.get("330001").name()).isEqualTo("trail running shoes [exact]");
        assertThat(g.get("330004").type()).isEqualTo(EntityType.PRODUCT_TARGET);
        MetricSeries kw = data.leafMetrics().get("330001");
        assertThat(kw.start()).isEqualTo(NINE);
        // 09:00 = two ads and two placements, less one invalidated click; sales = a conversion and its late revision
        assertThat(kw.impressions(0)).isEqualTo(850);
        assertThat(kw.clicks(0)).isEqualTo(10);
        assertThat(kw.spend(0)).isEqualTo(9.0);
        assertThat(kw.sales(0)).isEqualTo(179.98);
        assertThat(kw.orders(0)).isEqualTo(2);
        assertThat(kw.impressions(1)).isEqualTo(420);
        assertThat(kw.sales(1)).isEqualTo(89.99);
        MetricSeries target = data.leafMetrics().get("330004");
        assertThat(target.start()).isEqualTo(NINE.plusHours(1));
        assertThat(target.sales(0)).isEqualTo(89.99);
        MetricSeries broad = data.leafMetrics().get("330002");
        assertThat(broad.size()).as("11:00 held only a correction without its original").isEqualTo(1);
        assertThat(broad.sales(0)).as("its 08:00 conversion had no traffic").isZero();
    }

    @Test
    void countsEveryRecordReadJoinedAndSkippedWithTheReason() throws IOException {
        LoadSummary s = fixtures(Attribution.DAY_7, OnError.FAIL, MetricQuery.ALL).summary();
        assertThat(s.rowsRead()).isEqualTo(16);
        assertThat(s.rowsReadBy()).isEqualTo(Map.of("sp-traffic", 9L, "sp-conversion", 7L));
        assertThat(s.skippedBy()).isEqualTo(Map.of(RowProblem.DUPLICATE_DELIVERY, 2L,
                RowProblem.UNMATCHED_CONVERSION, 1L, RowProblem.INCOMPLETE_CORRECTIONS, 1L));
        assertThat(s.rowsJoined()).isEqualTo(5);
        assertThat(s.rowsLoaded()).isEqualTo(12);
        assertThat(s.examples()).extracting(RowError::toString).anySatisfy(m -> assertThat(m)
                .endsWith("sp-conversion.jsonl line 6: no sp-traffic record for ad 340001, keyword or target 330002, "
                        + "placement 'Top of Search on-Amazon' at 2026-03-14T08:00 in the input (1 record)"));
        assertThat(s.examples()).extracting(RowError::toString).anySatisfy(m -> assertThat(m)
                .endsWith("sp-traffic.jsonl.gz line 5, field 'idempotency_id': a record delivered again, "
                        + "got '5f1c-0001'"));
    }

    @Test
    void fourteenDayConversionsWhenAsked() throws IOException {
        AccountData data = fixtures(Attribution.DAY_14, OnError.FAIL, MetricQuery.ALL);
        assertThat(data.leafMetrics().get("330001").sales(1)).isEqualTo(179.98);
        assertThat(data.leafMetrics().get("330001").orders(1)).isEqualTo(2);
    }

    @Test
    void theQuerySelectsAProfileAndLeavesOutLaterHours() throws IOException {
        AccountData data = fixtures(Attribution.DAY_7, OnError.FAIL, new MetricQuery(PROFILE, NINE));
        assertThat(data.leafMetrics()).containsOnlyKeys("330001", "330002");
        assertThat(data.summary().rowsFiltered()).as("the 10:00 and 11:00 records").isEqualTo(5);
        assertThatThrownBy(() -> fixtures(Attribution.DAY_7, OnError.FAIL, new MetricQuery("other", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(profiles are advertiser_id@marketplace_id), got 'other'");
    }

    @Test
    void correctionsThatCancelLeaveExactZeros() throws IOException {
        AccountData data = lines(OnError.FAIL, traffic("cost", "0.1"),
                traffic("idempotency_id", "\"b\"", "cost", "0.2"),
                traffic("idempotency_id", "\"c\"", "cost", "-0.3", "clicks", "-16", "impressions", "-800")).load(
                MetricQuery.ALL);
        MetricSeries s = data.leafMetrics().get("330001");
        assertThat(s.spend(0)).isEqualTo(0.0);
        assertThat(s.clicks(0)).isZero();
    }

    @Test
    void everyBadRecordFailsNamingFileLineAndField() {
        assertThatThrownBy(() -> lines(OnError.FAIL, traffic(), traffic("idempotency_id", "\"2\"", "clicks", "\"x\""))
                .load(MetricQuery.ALL)).isInstanceOf(ReportFormatException.class)
                .hasMessage("stream.jsonl line 2, field 'clicks': clicks must be a whole number, got 'x'");
        assertThatThrownBy(() -> lines(OnError.FAIL, traffic("keyword_id", null)).load(MetricQuery.ALL))
                .hasMessage("stream.jsonl line 1, field 'keyword_id': keyword_id is missing");
        assertThatThrownBy(() -> lines(OnError.FAIL, traffic("ad_id", "null")).load(MetricQuery.ALL))
                .hasMessage("stream.jsonl line 1, field 'ad_id': ad_id must not be blank or null");
        assertThatThrownBy(() -> lines(OnError.FAIL, traffic("clicks", "1.5")).load(MetricQuery.ALL))
                .hasMessage("stream.jsonl line 1, field 'clicks': clicks must be a whole number, got '1.5'");
        assertThatThrownBy(() -> lines(OnError.FAIL, traffic("time_window_start", "\"14/03/2026 09:00\""))
                .load(MetricQuery.ALL)).hasMessage("stream.jsonl line 1, field 'time_window_start': "
                + "time_window_start must be an ISO 8601 date and time, e.g. 2024-05-01T13:00:00Z, "
                + "got '14/03/2026 09:00'");
        assertThatThrownBy(() -> lines(OnError.FAIL, traffic("time_window_start", "\"2026-03-14T09:30:00Z\""))
                .load(MetricQuery.ALL)).hasMessageContaining("time_window_start must be the start of an hour");
        assertThatThrownBy(() -> lines(OnError.FAIL, "{\"idempotency_id\": ").load(MetricQuery.ALL))
                .hasMessageStartingWith("stream.jsonl line 1: a record must be a JSON object:");
        assertThatThrownBy(() -> lines(OnError.FAIL, "[1, 2]").load(MetricQuery.ALL))
                .hasMessage("stream.jsonl line 1: a record must be a JSON object, got START_ARRAY");
        assertThatThrownBy(() -> lines(OnError.FAIL, traffic("dataset_id", null, "clicks", null, "impressions", null,
                "cost", null)).load(MetricQuery.ALL))
                .hasMessage("stream.jsonl line 1, field 'dataset_id': dataset_id is missing and the fields are "
                        + "neither sp-traffic's nor sp-conversion's");
    }

    @Test
    void anUndocumentedFieldFailsNamingItEvenWhenSkipping() {
        assertThatThrownBy(() -> lines(OnError.SKIP, traffic("ctr", "0.02")).load(MetricQuery.ALL))
                .isInstanceOf(ReportFormatException.class)
                .hasMessage("stream.jsonl line 1: unknown field 'ctr' in an sp-traffic record: not a field of the "
                        + "dataset (" + StreamDataset.DOCS + ")");
        String conversion = Fixtures.text("sp-conversion.jsonl").lines().findFirst().orElseThrow();
        assertThatThrownBy(() -> lines(OnError.SKIP, traffic(), edit(conversion, "keyword_text", "\"x\""))
                .load(MetricQuery.ALL))
                .hasMessageContaining("line 2: unknown field 'keyword_text' in an sp-conversion");
    }

    @Test
    void skippingBadRecordsAndOtherDatasetsCountsThem() throws IOException {
        AccountData data = lines(OnError.SKIP, traffic(), "not json",
                traffic("idempotency_id", "\"2\"", "clicks", "\"x\""),
                "{\"dataset_id\":\"budget-usage\",\"budget_scope_id\":\"310001\"}",
                traffic("idempotency_id", "\"3\"", "dataset_id", null)).load(MetricQuery.ALL);
        LoadSummary s = data.summary();
        assertThat(s.rowsRead()).isEqualTo(5);
        assertThat(s.rowsReadBy()).isEqualTo(Map.of("sp-traffic", 3L, "unreadable", 1L, "budget-usage", 1L));
        assertThat(s.skippedBy()).isEqualTo(Map.of(RowProblem.MALFORMED, 1L, RowProblem.NON_NUMERIC, 1L,
                RowProblem.OTHER_DATASET, 1L));
        assertThat(s.rowsLoaded()).as("a record without dataset_id is told by its fields").isEqualTo(2);
        assertThat(data.leafMetrics().get("330001").impressions(0)).isEqualTo(800);
    }

    @Test
    void onlyConversionsWithoutTrafficLeaveNothingToLoad() {
        String conversion = Fixtures.text("sp-conversion.jsonl").lines().findFirst().orElseThrow();
        assertThatThrownBy(() -> lines(OnError.FAIL, conversion).load(MetricQuery.ALL))
                .isInstanceOf(ReportFormatException.class)
                .hasMessage("stream.jsonl: no row could be used (1 records read, 1 skipped {UNMATCHED_CONVERSION=1}, "
                        + "0 outside the requested profile or periods)");
        assertThatThrownBy(() -> lines(OnError.FAIL, "", " ").load(MetricQuery.ALL))
                .hasMessageStartingWith("stream.jsonl has no records");
    }
}
