package io.ppcanomaly.service.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ppcanomaly.api.model.MetricSeries;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The block reader (FastCSV, the fast row path) against the one-thread reader (Jackson, the general row path) on
 * randomized reports full of what real exports hold: quoted names with delimiters, quotes and line breaks, spaces to
 * strip, currency and thousands separators, long decimals, blank optional cells, {@code -} match types, CRLF and
 * blank lines, extra empty columns, and bad cells. Every account, count and first error must be the same.
 */
class FastBlockReadTest {

    private static final String[] HEADERS = {
        "date,profile_id,portfolio,campaign_id,campaign,ad_group_id,ad_group,keyword_id,keyword,match_type,"
                + "impressions,clicks,spend,sales,orders",
        "Date;Campaign Name;Ad Group Name;Targeting;Match Type;Impressions;Clicks;Spend;7 Day Total Sales;"
                + "7 Day Total Orders"};

    private static String cell(Random r, String plain, char d) {
        return switch (r.nextInt(40)) {
            case 0 -> " " + plain;
            case 1 -> plain + "  ";
            case 2 -> "\"" + plain + d + " x\"";
            case 3 -> "\"" + plain + " \"\"q\"\"\"";
            case 4 -> "\"" + plain + "\nnext\"";
            case 5 -> "\u00e9" + plain;
            case 6 -> plain + "\"mid";
            default -> plain;
        };
    }

    private static String money(Random r, char d) {
        return switch (r.nextInt(30)) {
            case 0 -> d == ',' ? "\"$1,234.50\"" : "1.234,50 €";
            case 1 -> "0.1234567890123456789";
            case 2 -> "12345678901234.5";
            case 3 -> "1234567890123456";
            case 4 -> "";
            case 5 -> "-1.5";
            case 6 -> " 3.25";
            case 7 -> ".5";
            case 8 -> "7.";
            case 9 -> "abc";
            default -> r.nextInt(5000) / 100.0 + "";
        };
    }

    private static String count(Random r, int v) {
        return switch (r.nextInt(40)) {
            case 0 -> "\"1,234\"";
            case 1 -> " " + v;
            case 2 -> v + ".0";
            case 3 -> "x";
            case 4 -> "0000000000000000001";
            default -> Integer.toString(v);
        };
    }

    static String report(long seed) {
        Random r = new Random(seed);
        boolean canonical = r.nextBoolean();
        char d = canonical ? (r.nextBoolean() ? ',' : '\t') : ';';
        String eol = r.nextBoolean() ? "\r\n" : "\n";
        StringBuilder sb = new StringBuilder((r.nextInt(4) == 0 ? "\uFEFF" : "")
                + HEADERS[canonical ? 0 : 1].replace(',', d)).append(eol);
        int keywords = 3 + r.nextInt(12);
        int days = 5 + r.nextInt(30);
        for (int day = 1; day <= days; day++) {
            String date = String.format("2026-%02d-%02d", 1 + (day - 1) / 28, 1 + (day - 1) % 28);
            for (int k = 0; k < keywords; k++) {
                int impressions = r.nextInt(500);
                int clicks = r.nextInt(Math.max(1, impressions / 10 + 1));
                if (r.nextInt(200) == 0) {
                    clicks = impressions + 1;
                }
                String kw = cell(r, "kw " + k, d);
                String match = switch (k % 4) {
                    case 0 -> "exact";
                    case 1 -> "-";
                    case 2 -> "";
                    default -> "Broad";
                };
                String[] f = canonical
                        ? new String[] {r.nextInt(300) == 0 ? "2026/13/45" : date, k < 2 ? "pr-1" : "",
                            cell(r, "Shoes", d), "cp-" + (k % 3), cell(r, "Camp " + (k % 3), d), k % 5 == 0 ? "" : "ag-" + k,
                            cell(r, "Group " + (k % 2), d), k % 2 == 0 ? "kw-" + k : "", kw, match,
                            count(r, impressions), count(r, clicks), money(r, d), money(r, d), count(r, r.nextInt(3))}
                        : new String[] {date, cell(r, "Camp " + (k % 3), d), cell(r, "Group " + (k % 2), d), kw, match,
                            count(r, impressions), count(r, clicks), money(r, d), money(r, d), count(r, r.nextInt(3))};
                sb.append(String.join(String.valueOf(d), f));
                if (r.nextInt(50) == 0) {
                    sb.append(d).append(r.nextBoolean() ? "" : "extra");
                }
                sb.append(eol);
                if (r.nextInt(100) == 0) {
                    sb.append(r.nextBoolean() ? eol : "\"\"" + eol);
                }
            }
        }
        return sb.toString();
    }

    private static AccountData load(String csv, int blockChars, OnError onError) throws IOException {
        return CsvMetricSource.withBlocks("r.csv", csv, onError, blockChars).load(MetricQuery.ALL);
    }

    private static void assertSame(AccountData fast, AccountData reference) {
        assertThat(fast.summary()).isEqualTo(reference.summary());
        assertThat(fast.graph().entities()).containsExactlyElementsOf(reference.graph().entities());
        assertThat(fast.leafMetrics().keySet()).containsExactlyElementsOf(reference.leafMetrics().keySet());
        for (Map.Entry<String, MetricSeries> e : reference.leafMetrics().entrySet()) {
            MetricSeries f = fast.leafMetrics().get(e.getKey());
            assertThat(f.size()).isEqualTo(e.getValue().size());
            for (int i = 0; i < f.size(); i++) {
                assertThat(f.at(i)).as(e.getKey() + " at " + i).isEqualTo(e.getValue().at(i));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void blocksReadEveryRowAsTheOneThreadReaderDoes(long seed) throws IOException {
        String csv = report(seed);
        AccountData reference = load(csv, Integer.MAX_VALUE, OnError.SKIP);
        for (int blockChars : new int[] {1, 97, 1 << 12, 1 << 18}) {
            assertSame(load(csv, blockChars, OnError.SKIP), reference);
        }
        Throwable one = catchThrowable(() -> load(csv, Integer.MAX_VALUE, OnError.FAIL));
        Throwable cut = catchThrowable(() -> load(csv, 300, OnError.FAIL));
        assertThat(cut == null ? null : cut.getMessage()).isEqualTo(one == null ? null : one.getMessage());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void hourlyReportsWithATimeInTheDateOrAnHourColumnReadAlike(boolean hourColumn) throws IOException {
        Random r = new Random(hourColumn ? 3 : 4);
        StringBuilder sb = new StringBuilder("date," + (hourColumn ? "hour," : "")
                + "campaign,ad_group,keyword,impressions,clicks,spend,sales,orders\n");
        for (int h = 0; h < 72; h++) {
            String date = String.format("2026-03-%02d", 1 + h / 24);
            String when = hourColumn ? date + "," + (h % 24) : date + (h % 5 == 0 ? "T" : " ") + String.format("%02d:00", h % 24);
            for (int k = 0; k < 4; k++) {
                int impressions = r.nextInt(100);
                sb.append(when).append(",Camp,Group,kw ").append(k).append(',').append(impressions).append(',')
                        .append(r.nextInt(impressions / 5 + 1)).append(',').append(r.nextInt(900) / 100.0).append(",0,0\n");
            }
        }
        String csv = sb.toString();
        AccountData reference = load(csv, Integer.MAX_VALUE, OnError.FAIL);
        assertThat(reference.granularity()).isEqualTo(io.ppcanomaly.api.model.Granularity.HOUR);
        for (int blockChars : new int[] {1, 333, 1 << 18}) {
            assertSame(load(csv, blockChars, OnError.FAIL), reference);
        }
    }

    @Test
    void cleanRowsTakeTheFastPathAndOddOnesTheGeneralOneWithTheSameValues() throws IOException {
        String csv = HEADERS[0] + "\n"
                + "2026-03-01,pr-1,Shoes,cp-1,Camp,ag-1,Group,kw-1,red shoes,exact,100,5,12.34,56.7,1\n"
                + "2026-03-02,pr-1,Shoes,cp-1,Camp,ag-1,Group,kw-1, red shoes ,exact,\"1,000\",5,$12.34,0.1,1\n"
                + "2026-03-03,pr-1,Shoes,cp-1,Camp,ag-1,Group,kw-1,red shoes,exact,7,0,0.30000000000000004,3.,0\n";
        AccountData data = load(csv, 1, OnError.FAIL);
        MetricSeries s = data.leafMetrics().values().iterator().next();
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.at(0).spend()).isEqualTo(12.34);
        assertThat(s.at(0).sales()).isEqualTo(56.7);
        assertThat(s.at(1).impressions()).isEqualTo(1000);
        assertThat(s.at(1).spend()).isEqualTo(12.34);
        assertThat(s.at(2).spend()).isEqualTo(Double.parseDouble("0.30000000000000004"));
        assertThat(s.at(2).sales()).isEqualTo(3.0);
        assertSame(data, load(csv, Integer.MAX_VALUE, OnError.FAIL));
    }

    @Test
    void decimalsReadFromCharsEqualParseDoubleBitForBit() {
        Random r = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            int digits = 1 + r.nextInt(15);
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < digits; j++) {
                sb.append((char) ('0' + r.nextInt(10)));
            }
            sb.insert(r.nextInt(digits + 1), '.');
            String s = sb.toString();
            if (s.equals(".")) {
                continue;
            }
            assertThat(CsvRowParser.money(s.toCharArray(), 0, s.length())).as(s).isEqualTo(Double.parseDouble(s));
        }
    }
}
