package io.ppcanomaly.service.source.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.CsvMetricSource;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.service.source.OnError;
import io.ppcanomaly.service.source.ReportFormatException;
import io.ppcanomaly.service.source.amazon.AdsReportSource;
import io.ppcanomaly.service.source.amazon.Attribution;
import io.ppcanomaly.service.source.amazon.Fixtures;
import io.ppcanomaly.service.source.amazon.MarketingStreamSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Formats told by content, not by name; a forced format; several files; directories. */
class ReportFilesTest {

    private static final String CSV = "date,campaign,ad_group,keyword,impressions,clicks,spend,sales,orders\n"
            + "2026-03-01,Shoes,Running,trail,10,1,1,0,0\n";

    @TempDir
    Path dir;

    @Test
    void tellsEachFormatByItsContentWhateverTheFileIsCalled() throws IOException {
        Path csv = Files.writeString(dir.resolve("a.json"), "\uFEFF" + CSV);
        Path csvGz = Fixtures.gzip(dir.resolve("b.txt"), CSV);
        Path targeting = Fixtures.gzip(dir.resolve("c.csv"), Fixtures.text("sp-targeting-daily.json"));
        Path searchTerm = Files.writeString(dir.resolve("d"), "\n  " + Fixtures.text("sp-search-term-daily.json"));
        Path stream = Fixtures.gzip(dir.resolve("e.csv.gz"), Fixtures.text("sp-conversion.jsonl"));
        assertThat(ReportFiles.detect(csv)).isEqualTo(ReportFormat.CSV);
        assertThat(ReportFiles.detect(csvGz)).isEqualTo(ReportFormat.CSV);
        assertThat(ReportFiles.detect(targeting)).isEqualTo(ReportFormat.SP_TARGETING);
        assertThat(ReportFiles.detect(searchTerm)).isEqualTo(ReportFormat.SP_SEARCH_TERM);
        assertThat(ReportFiles.detect(stream)).isEqualTo(ReportFormat.MARKETING_STREAM);
        assertThat(ReportFiles.open(List.of(csvGz), null, null, OnError.FAIL)).isInstanceOf(CsvMetricSource.class);
        assertThat(ReportFiles.open(List.of(targeting), null, null, OnError.FAIL)).isInstanceOf(AdsReportSource.class);
        assertThat(ReportFiles.open(List.of(stream), null, null, OnError.FAIL))
                .isInstanceOf(MarketingStreamSource.class);
        assertThat(ReportFiles.open(List.of(csvGz), null, null, OnError.FAIL).load(MetricQuery.ALL).summary()
                .rowsLoaded()).as("a gzipped CSV is read").isEqualTo(1);
    }

    @Test
    void aForcedFormatIsUsedAsIs() throws IOException {
        Path searchTerm = Fixtures.plain(dir, "sp-search-term-daily.json");
        MetricSource asTargeting = ReportFiles.open(List.of(searchTerm), ReportFormat.SP_TARGETING, null,
                OnError.FAIL);
        assertThatThrownBy(() -> asTargeting.load(MetricQuery.ALL)).isInstanceOf(ReportFormatException.class)
                .hasMessageContaining("unknown field 'searchTerm': not a column of the spTargeting report");
        MetricSource asCsv = ReportFiles.open(List.of(searchTerm), ReportFormat.CSV, null, OnError.FAIL);
        assertThatThrownBy(() -> asCsv.load(MetricQuery.ALL)).hasMessageContaining("missing required columns");
        AccountData fourteen = ReportFiles.open(List.of(Fixtures.plain(dir, "sp-targeting-daily.json")),
                ReportFormat.SP_TARGETING, Attribution.DAY_14, OnError.FAIL).load(MetricQuery.ALL);
        assertThat(fourteen.leafMetrics().get("330001").sales(0)).isEqualTo(359.96);
        assertThat(ReportFormat.of("SP_search-TERM")).isEqualTo(ReportFormat.SP_SEARCH_TERM);
        assertThatThrownBy(() -> ReportFormat.of("xlsx")).hasMessage("format must be one of [csv, sp-targeting, "
                + "sp-search-term, marketing-stream], got 'xlsx'");
    }

    @Test
    void severalFilesOrADirectoryAreOneStreamAndMustAllBeStreamRecords() throws IOException {
        Path stream = Files.createDirectories(dir.resolve("stream/2026/03/14"));
        Fixtures.gzip(stream.resolve("sp-traffic-09.gz"), Fixtures.text("sp-traffic.jsonl"));
        Fixtures.plain(stream, "sp-conversion.jsonl");
        Files.writeString(stream.resolve(".DS_Store"), "not a report");
        AccountData data = ReportFiles.open(List.of(dir.resolve("stream")), null, null, OnError.FAIL)
                .load(MetricQuery.ALL);
        assertThat(data.summary().rowsJoined()).isEqualTo(5);
        Path csv = Files.writeString(dir.resolve("r.csv"), CSV);
        assertThatThrownBy(() -> ReportFiles.open(List.of(stream.resolve("sp-conversion.jsonl"), csv), null, null,
                OnError.FAIL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("several input files must all be Marketing Stream JSON lines (the only format delivered "
                        + "in pieces), got csv for '" + csv + "'");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> ReportFiles.open(List.of(empty), null, null, OnError.FAIL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one file");
    }
}
