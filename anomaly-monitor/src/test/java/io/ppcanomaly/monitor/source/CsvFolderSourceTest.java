package io.ppcanomaly.monitor.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.monitor.testing.Fixtures;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.CsvMetricSource;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.OnError;
import io.ppcanomaly.service.source.ReportCsvWriter;
import io.ppcanomaly.service.source.ReportFormatException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of report CSVs read as one report. */
class CsvFolderSourceTest {

    private static SampleAccount account;
    private static List<String> lines;

    @BeforeAll
    static void write() throws IOException {
        account = Fixtures.account(60, 60, 5);
        StringWriter w = new StringWriter();
        ReportCsvWriter.write(new AccountData(account.graph(), account.granularity(), account.keywordSeries(),
                LoadSummary.NONE), w);
        lines = w.toString().lines().toList();
    }

    /** Writes the rows whose date is in [from, to] to a file of the folder. */
    private static void part(Path dir, String name, String from, String to) throws IOException {
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        for (String l : lines.subList(1, lines.size())) {
            String date = l.substring(0, 10);
            if (date.compareTo(from) >= 0 && date.compareTo(to) <= 0) {
                out.add(l);
            }
        }
        Files.write(dir.resolve(name), out);
    }

    @Test
    void dailyFilesReadTogetherEqualOneReport(@TempDir Path dir) throws IOException {
        Path whole = dir.resolve("whole.csv.all");
        Files.write(whole, lines);
        Path folder = Files.createDirectory(dir.resolve("reports"));
        part(folder, "2026-02-b.csv", "2026-02-10", "2026-03-31");
        part(folder, "2026-01.csv", "2026-01-01", "2026-02-09");
        Files.writeString(folder.resolve("notes.txt"), "not a report");
        AccountData one = CsvMetricSource.of(whole, OnError.FAIL).load(new MetricQuery("pr-01", null));
        AccountData joined = new CsvFolderSource(folder, OnError.FAIL).load(new MetricQuery("pr-01", null));
        assertThat(joined.graph().entities()).containsExactlyInAnyOrderElementsOf(one.graph().entities());
        assertThat(joined.leafMetrics().keySet()).isEqualTo(one.leafMetrics().keySet());
        for (Map.Entry<String, MetricSeries> e : one.leafMetrics().entrySet()) {
            MetricSeries a = e.getValue();
            MetricSeries b = joined.leafMetrics().get(e.getKey());
            assertThat(b.start()).isEqualTo(a.start());
            assertThat(b.size()).isEqualTo(a.size());
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.at(i)).isEqualTo(a.at(i));
            }
        }
        assertThat(joined.summary().rowsRead()).isEqualTo(one.summary().rowsRead());

        LocalDateTime until = LocalDateTime.of(2026, 2, 1, 0, 0);
        AccountData cut = new CsvFolderSource(folder, OnError.FAIL).load(new MetricQuery("pr-01", until));
        assertThat(cut.leafMetrics().values()).allSatisfy(s -> assertThat(s.end()).isBeforeOrEqualTo(until));
        assertThat(cut.summary().rowsLoaded() + cut.summary().rowsFiltered()).isEqualTo(cut.summary().rowsRead());
    }

    @Test
    void aKeywordReportedForOneDayByTwoFilesFailsNamingBoth(@TempDir Path dir) throws IOException {
        part(dir, "a.csv", "2026-01-01", "2026-01-20");
        part(dir, "b.csv", "2026-01-20", "2026-02-28");
        assertThatThrownBy(() -> new CsvFolderSource(dir, OnError.FAIL).load(MetricQuery.ALL))
                .isInstanceOf(ReportFormatException.class).hasMessageContaining("b.csv")
                .hasMessageContaining("2026-01-20").hasMessageContaining("is reported by another file of " + dir);
    }

    @Test
    void anEmptyOrMissingFolderIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> new CsvFolderSource(dir, OnError.FAIL).load(MetricQuery.ALL))
                .isInstanceOf(ReportFormatException.class).hasMessageContaining("holds no .csv file");
        assertThatThrownBy(() -> new CsvFolderSource(dir.resolve("nope"), OnError.FAIL).load(MetricQuery.ALL))
                .isInstanceOf(java.nio.file.NoSuchFileException.class).hasMessageContaining("nope");
    }
}
