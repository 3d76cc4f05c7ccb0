package io.ppcanomaly.service.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.model.MetricSeries;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Cutting the text into blocks parsed in parallel must never change a load's result, counts or first error. */
class CsvBlocksTest {

    private static final String HEADER = "date,campaign,ad_group,keyword,impressions,clicks,spend,sales,orders\r\n";

    /** 40 days of 5 keywords, one with a quoted name holding a line break, CRLF line ends, a blank line. */
    private static String report() {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int d = 1; d <= 40; d++) {
            for (int k = 0; k < 5; k++) {
                String keyword = k == 3 ? "\"two\nlines, \"\"quoted\"\"\"" : "kw" + k;
                sb.append(String.format("2026-%02d-%02d,Shoes,Running,%s,%d,%d,%d.25,0,0\r\n", 1 + (d - 1) / 28,
                        1 + (d - 1) % 28, keyword, 100 + d + k, d % 7, k));
            }
            if (d == 20) {
                sb.append("\r\n");
            }
        }
        return sb.toString();
    }

    private static AccountData load(String csv, int blockChars, OnError onError) throws IOException {
        return CsvMetricSource.withBlocks("r.csv", csv, onError, blockChars).load(MetricQuery.ALL);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 64, 333, 4096})
    void anyBlockSizeGivesTheSameAccountAsOneThread(int blockChars) throws IOException {
        String csv = report();
        AccountData one = load(csv, Integer.MAX_VALUE, OnError.FAIL);
        AccountData cut = load(csv, blockChars, OnError.FAIL);
        assertThat(cut.graph().entities()).containsExactlyElementsOf(one.graph().entities());
        assertThat(cut.leafMetrics().keySet()).containsExactlyElementsOf(one.leafMetrics().keySet());
        for (Map.Entry<String, MetricSeries> e : one.leafMetrics().entrySet()) {
            MetricSeries b = cut.leafMetrics().get(e.getKey());
            for (int i = 0; i < e.getValue().size(); i++) {
                assertThat(b.at(i)).isEqualTo(e.getValue().at(i));
            }
        }
        assertThat(cut.summary()).isEqualTo(one.summary());
        assertThat(cut.graph().get("/Shoes/Running/two\nlines, \"quoted\"").name()).isEqualTo("two\nlines, \"quoted\"");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, Integer.MAX_VALUE})
    void errorsNameTheLineOfTheWholeFileWhateverTheBlock(int blockChars) {
        // Line 1 header, each day 5 records on 6 lines (the quoted name spans two), a blank line after day 20.
        String csv = report().replace("2026-02-09,Shoes,Running,kw1,138,2,1.25",
                "2026-02-09,Shoes,Running,kw1,138,x,1.25");
        assertThatThrownBy(() -> load(csv, blockChars, OnError.FAIL)).isInstanceOf(ReportFormatException.class)
                .hasMessage("r.csv line " + (1 + 36 * 6 + 1 + 2) + ", column 'clicks': clicks must be a whole number, "
                        + "got 'x'");
    }

    @Test
    void skippedRowsAreCountedInFileOrderAcrossBlocks() throws IOException {
        String csv = report().replace(",kw0,", ",,");
        AccountData data = load(csv, 100, OnError.SKIP);
        assertThat(data.summary().rowsSkipped()).isEqualTo(40);
        assertThat(data.summary().examples()).extracting(RowError::line)
                .containsExactly(2L, 8L, 14L, 20L, 26L, 32L, 38L, 44L, 50L, 56L);
    }

    @Test
    void aStrayQuoteInAnUnquotedFieldFallsBackToOneThreadWithTheSameResult() throws IOException {
        // One quote inside an unquoted field flips the cutter's quote parity; the quoted line break after it then
        // looks like a record end to the cutter, so block parsing fails and the load reads on one thread.
        String csv = report().replaceFirst(",kw2,", ",kw\"2,");
        AccountData one = load(csv, Integer.MAX_VALUE, OnError.FAIL);
        AccountData cut = load(csv, 64, OnError.FAIL);
        assertThat(cut.leafMetrics().keySet()).containsExactlyElementsOf(one.leafMetrics().keySet());
        assertThat(cut.summary()).isEqualTo(one.summary());
        assertThat(one.graph().contains("/Shoes/Running/kw\"2")).isTrue();
    }

    @Test
    void anUnclosedQuoteFailsNamingTheLineItOpensOn() {
        String csv = HEADER + "2026-03-01,Shoes,Running,kw,1,0,0,0,0\n2026-03-02,Shoes,Running,\"kw,1,0,0,0,0\n";
        assertThatThrownBy(() -> load(csv, 8, OnError.SKIP)).isInstanceOf(ReportFormatException.class)
                .hasMessage("r.csv line 3: a quoted field is not closed before the end of the input");
    }

    @Test
    void blocksEndOnlyAfterALineFeedOutsideQuotesAndCountLines() throws IOException {
        CsvBlocks blocks = new CsvBlocks(new StringReader("a,b\r\n\"x\ny\",2\n3,4\r5,6\n7,8"), 2);
        List<String> texts = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        CsvBlocks.Block b;
        while ((b = blocks.next()) != null) {
            texts.add(new String(b.chars(), 0, b.length()));
            lines.add(b.firstLine());
        }
        assertThat(texts).containsExactly("a,b\r\n", "\"x\ny\",2\n", "3,4\r5,6\n", "7,8");
        assertThat(lines).containsExactly(1L, 2L, 4L, 6L);
    }
}
