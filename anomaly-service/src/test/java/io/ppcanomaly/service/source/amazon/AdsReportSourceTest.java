package io.ppcanomaly.service.source.amazon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.service.source.AccountAssembler;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.OnError;
import io.ppcanomaly.service.source.ReportFormatException;
import io.ppcanomaly.service.source.RowError;
import io.ppcanomaly.service.source.RowProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Reporting API v3 reader on fixtures written from Amazon's docs (see resources/amazon/README.md). */
class AdsReportSourceTest {

    @TempDir
    Path dir;

    private AccountData load(String fixture) throws IOException {
        return AdsReportSource.of(Fixtures.gzipped(dir, fixture), OnError.FAIL).load(MetricQuery.ALL);
    }

    private static AdsReportSource text(String json, OnError onError) {
        return AdsReportSource.of("report.json", () -> new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                null, null, onError);
    }

    /** One valid spTargeting row, its fields overridable: {@code row("clicks", "\"abc\"")}. */
    private static String row(String... overrides) {
        Map<String, String> f = new java.util.LinkedHashMap<>();
        f.put("date", "\"2026-03-12\"");
        f.put("campaignId", "310001");
        f.put("campaignName", "\"Shoes\"");
        f.put("adGroupId", "320001");
        f.put("adGroupName", "\"Trail\"");
        f.put("keywordId", "330001");
        f.put("keyword", "\"trail shoes\"");
        f.put("matchType", "\"EXACT\"");
        f.put("impressions", "100");
        f.put("clicks", "3");
        f.put("cost", "2.5");
        f.put("purchases7d", "1");
        f.put("sales7d", "30.0");
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                f.remove(overrides[i]);
            } else {
                f.put(overrides[i], overrides[i + 1]);
            }
        }
        StringBuilder sb = new StringBuilder("{");
        f.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return sb.append('}').toString();
    }

    @Test
    void readsAGzippedTargetingReportIntoIdsNamesKeywordsAndProductTargets() throws IOException {
        AccountData data = load("sp-targeting-daily.json");
        EntityGraph g = data.graph();
        assertThat(data.granularity()).isEqualTo(Granularity.DAY);
        assertThat(g.get("88001").type()).isEqualTo(EntityType.PORTFOLIO);
        assertThat(g.get("310001").name()).as("the latest name of a renamed campaign")
                .isEqualTo("SP - Running Shoes - Exact 2026");
        assertThat(g.get("310001").parentId()).isEqualTo("88001");
        assertThat(g.get("310002").parentId()).as("portfolioId null: no portfolio, so under the report's profile")
                .isEqualTo(AccountAssembler.DEFAULT_PROFILE);
        assertThat(g.get(AccountAssembler.DEFAULT_PROFILE).type()).isEqualTo(EntityType.PROFILE);
        assertThat(g.get("320001").name()).isEqualTo("Trail Runner");
        assertThat(g.get("330001").name()).isEqualTo("trail running shoes [exact]");
        assertThat(g.get("330001").type()).isEqualTo(EntityType.KEYWORD);
        assertThat(g.get("330002").name()).isEqualTo("running shoes [broad]");
        assertThat(g.get("330003").type()).isEqualTo(EntityType.PRODUCT_TARGET);
        assertThat(g.get("330003").name()).isEqualTo("close-match");
        assertThat(g.get("330004").type()).isEqualTo(EntityType.PRODUCT_TARGET);
        assertThat(g.get("330004").name()).isEqualTo("asin=\"B07XYZ1234\"");
        MetricSeries kw = data.leafMetrics().get("330001");
        assertThat(kw.start()).isEqualTo(LocalDateTime.of(2026, 3, 12, 0, 0));
        assertThat(kw.size()).isEqualTo(3);
        assertThat(kw.impressions(2)).isEqualTo(1180);
        assertThat(kw.clicks(2)).isEqualTo(61);
        assertThat(kw.spend(2)).isEqualTo(79.3);
        assertThat(kw.sales(0)).as("7-day sales by default").isEqualTo(269.97);
        assertThat(kw.orders(0)).isEqualTo(3);
        LoadSummary s = data.summary();
        assertThat(s.rowsRead()).isEqualTo(7);
        assertThat(s.rowsLoaded()).isEqualTo(7);
        assertThat(s.rowsReadBy()).isEqualTo(Map.of("spTargeting", 7L));
    }

    @Test
    void fourteenDaySalesWhenAsked() throws IOException {
        AccountData data = AdsReportSource.of(Fixtures.gzipped(dir, "sp-targeting-daily.json"), null,
                Attribution.DAY_14, OnError.FAIL).load(MetricQuery.ALL);
        assertThat(data.leafMetrics().get("330001").sales(0)).isEqualTo(359.96);
        assertThat(data.leafMetrics().get("330001").orders(0)).isEqualTo(4);
        assertThat(data.leafMetrics().get("330003").sales(0)).isEqualTo(89.99);
    }

    @Test
    void searchTermRowsAreSummedPerTargetAndDay() throws IOException {
        AccountData data = load("sp-search-term-daily.json");
        MetricSeries broad = data.leafMetrics().get("330002");
        assertThat(broad.impressions(0)).isEqualTo(900 + 650);
        assertThat(broad.clicks(0)).isEqualTo(21);
        assertThat(broad.spend(0)).isEqualTo(15.75);
        assertThat(broad.sales(0)).isEqualTo(179.98);
        assertThat(broad.orders(0)).isEqualTo(2);
        assertThat(broad.impressions(1)).isEqualTo(870);
        assertThat(data.leafMetrics().get("330003").impressions(0)).isEqualTo(120);
        assertThat(data.summary().rowsRead()).isEqualTo(4);
        assertThat(data.summary().rowsLoaded()).isEqualTo(4);
        assertThat(data.summary().rowsReadBy()).isEqualTo(Map.of("spSearchTerm", 4L));
    }

    @Test
    void aSecondRowOfOneSearchTermIsADuplicate() {
        String r = row("searchTerm", "\"trail\"");
        assertThatThrownBy(() -> text("[" + r + "," + r + "]", OnError.FAIL).load(MetricQuery.ALL))
                .isInstanceOf(ReportFormatException.class)
                .hasMessage("report.json record 2, field 'searchTerm': a second row for the search term of 'trail "
                        + "shoes' on 2026-03-12, got 'trail'");
        assertThatThrownBy(() -> text("[" + row() + "," + row() + "]", OnError.FAIL).load(MetricQuery.ALL))
                .hasMessage("report.json record 2: a second row for '330001' on 2026-03-12 (first on record 1)");
    }

    @Test
    void aFieldNoColumnHasFailsNamingItAndTheDocsEvenWhenSkipping() {
        assertThatThrownBy(() -> text("[" + row() + "," + row("date", "\"2026-03-13\"", "spend", "1") + "]",
                OnError.SKIP).load(MetricQuery.ALL)).isInstanceOf(ReportFormatException.class)
                .hasMessage("report.json record 2: unknown field 'spend': not a column of the spTargeting report "
                        + "(https://advertising.amazon.com/API/docs/en-us/guides/reporting/v3/report-types/targeting)");
    }

    @Test
    void aRequiredColumnMissingFromTheRowsFailsNamingIt() {
        assertThatThrownBy(() -> text("[" + row("cost", null) + "]", OnError.SKIP).load(MetricQuery.ALL))
                .isInstanceOf(ReportFormatException.class)
                .hasMessage("report.json: required field 'cost' is missing from the spTargeting report's rows; "
                        + "request it among the report's columns");
        assertThatThrownBy(() -> text("[" + row("sales7d", null) + "]", OnError.SKIP).load(MetricQuery.ALL))
                .hasMessageContaining("required fields sales7d and purchases7d (or those of 14, 1 or 30 days) are "
                        + "missing");
        assertThatThrownBy(() -> text("[" + row("keywordId", null, "keyword", null) + "]", OnError.SKIP)
                .load(MetricQuery.ALL)).hasMessageContaining("required field 'keywordId' is missing");
    }

    @Test
    void everyBadValueFailsNamingRecordFieldAndValue() {
        String ok = row() + ",";
        assertThatThrownBy(() -> text("[" + ok + row("date", "\"2026-03-13\"", "clicks", "\"abc\"") + "]",
                OnError.FAIL).load(MetricQuery.ALL)).isInstanceOf(ReportFormatException.class)
                .hasMessage("report.json record 2, field 'clicks': clicks must be a whole number, got 'abc'")
                .satisfies(e -> assertThat(((ReportFormatException) e).rowError().problem())
                        .isEqualTo(RowProblem.NON_NUMERIC));
        assertThatThrownBy(() -> text("[" + row("clicks", "null") + "]", OnError.FAIL).load(MetricQuery.ALL))
                .hasMessage("report.json record 1, field 'clicks': clicks must not be blank or null");
        assertThatThrownBy(() -> text("[" + row("cost", "-1.5") + "]", OnError.FAIL).load(MetricQuery.ALL))
                .hasMessage("report.json record 1, field 'cost': cost must be >= 0, got '-1.5'");
        assertThatThrownBy(() -> text("[" + row("purchases7d", "1.5") + "]", OnError.FAIL).load(MetricQuery.ALL))
                .hasMessage("report.json record 1, field 'purchases7d': purchases7d must be a whole number, got '1.5'");
        assertThatThrownBy(() -> text("[" + row("clicks", "101") + "]", OnError.FAIL).load(MetricQuery.ALL))
                .hasMessage("report.json record 1, field 'clicks': clicks must be <= impressions (100), got '101'");
        assertThatThrownBy(() -> text("[" + row("date", "\"12/03/2026\"") + "]", OnError.FAIL).load(MetricQuery.ALL))
                .hasMessage("report.json record 1, field 'date': date must be yyyy-MM-dd, got '12/03/2026'");
        assertThatThrownBy(() -> text("[" + row("campaignId", "null") + "]", OnError.FAIL).load(MetricQuery.ALL))
                .hasMessage("report.json record 1, field 'campaignId': campaignId must not be blank or null");
        assertThatThrownBy(() -> text("[" + row("keyword", "{\"a\":1}") + "]", OnError.FAIL).load(MetricQuery.ALL))
                .hasMessage("report.json record 1, field 'keyword': keyword must be a text or a number, got '{…}'");
        assertThatThrownBy(() -> text("[" + row("date", null, "startDate", "\"2026-03-01\"", "endDate",
                "\"2026-03-31\"") + "]", OnError.FAIL).load(MetricQuery.ALL))
                .hasMessageContaining("record 1, field 'endDate': a row must cover one day (request timeUnit DAILY");
        assertThatThrownBy(() -> text("[" + ok + "7]", OnError.FAIL).load(MetricQuery.ALL))
                .hasMessage("report.json record 2: a report row must be a JSON object, got a number");
    }

    @Test
    void skippingCountsEachBadRowByProblemAndLoadsTheRest() throws IOException {
        String json = "[" + row() + "," + row("date", "\"2026-03-13\"", "clicks", "\"x\"") + ","
                + row("date", "\"2026-03-14\"", "cost", "-1") + "," + row("date", "\"2026-03-15\"") + "]";
        AccountData data = text(json, OnError.SKIP).load(MetricQuery.ALL);
        LoadSummary s = data.summary();
        assertThat(s.rowsRead()).isEqualTo(4);
        assertThat(s.rowsLoaded()).isEqualTo(2);
        assertThat(s.skippedBy()).isEqualTo(Map.of(RowProblem.NON_NUMERIC, 1L, RowProblem.NEGATIVE, 1L));
        assertThat(s.examples()).extracting(RowError::line).containsExactly(2L, 3L);
        assertThat(s.examples().get(0).position()).isEqualTo(RowError.Position.RECORD_FIELD);
        assertThat(data.leafMetrics().get("330001").size()).isEqualTo(4);
    }

    @Test
    void aSummaryDayIsReadAndLaterDaysAreLeftOutByTheQuery() throws IOException {
        String json = "[" + row("date", null, "startDate", "\"2026-03-12\"", "endDate", "\"2026-03-12\"") + ","
                + row("date", "\"2026-03-13\"") + "]";
        AccountData data = text(json, OnError.FAIL).load(new MetricQuery(null, LocalDateTime.of(2026, 3, 12, 0, 0)));
        assertThat(data.leafMetrics().get("330001").size()).isEqualTo(1);
        assertThat(data.summary().rowsFiltered()).isEqualTo(1);
        assertThatThrownBy(() -> text(json, OnError.FAIL).load(new MetricQuery("p1", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not name it");
    }

    @Test
    void anEmptyOrNonArrayInputFailsSayingWhatIsExpected() {
        assertThatThrownBy(() -> text("", OnError.FAIL).load(MetricQuery.ALL)).isInstanceOf(ReportFormatException.class)
                .hasMessageStartingWith("report.json is empty: expected a JSON array of report rows");
        assertThatThrownBy(() -> text("[]", OnError.FAIL).load(MetricQuery.ALL))
                .hasMessage("report.json has no rows (an empty report array)");
        assertThatThrownBy(() -> text("{\"a\":1}", OnError.FAIL).load(MetricQuery.ALL))
                .hasMessageStartingWith("report.json must be a JSON array of report rows")
                .hasMessageEndingWith("got an object");
        assertThatThrownBy(() -> text("[" + row() + ",", OnError.FAIL).load(MetricQuery.ALL))
                .hasMessageStartingWith("report.json is not valid JSON at line 1");
    }
}
