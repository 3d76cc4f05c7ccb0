package io.ppcanomaly.service.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvMetricSourceTest {

    private static final String CANONICAL = """
            date,portfolio,campaign,ad_group,keyword,impressions,clicks,spend,sales,orders
            2026-03-01,Brand,Shoes,Running,trail shoes,1000,20,16.5,90,3
            2026-03-02,Brand,Shoes,Running,trail shoes,1100,22,17.25,60,2
            2026-03-01,Brand,Shoes,Running,road shoes,500,5,4,0,0
            2026-03-03,Brand,Shoes,Running,road shoes,400,4,3.5,25,1
            """;

    private static final String AMAZON = """
            Date,Portfolio name,Currency,Campaign Name,Ad Group Name,Targeting,Match Type,Impressions,Clicks,\
            Click-Thru Rate (CTR),Cost Per Click (CPC),Spend,7 Day Total Sales ,Total Advertising Cost of Sales \
            (ACOS) ,7 Day Total Orders (#)
            "Mar 01, 2026",Brand,USD,Shoes,Running,trail shoes,EXACT,"1,000",20,2.00%,$0.83,$16.50,"$1,090.00",1.51%,3
            "Mar 01, 2026",Brand,USD,Shoes,Running,trail shoes,BROAD,300,3,1.00%,$0.50,$1.50,$0.00,0.00%,0
            "Mar 01, 2026",,USD,Generic,Auto,close-match,-,50,1,2.00%,$0.40,$0.40,$0.00,0.00%,0
            "Mar 02, 2026",Brand,USD,Shoes,Running,\"asin=\"\"B07XYZ\"\"\",-,80,2,2.50%,$1.00,$2.00,$30.00,6.67%,1
            """;

    private static AccountData load(String csv) throws IOException {
        return CsvMetricSource.ofText("report.csv", csv, OnError.FAIL).load(MetricQuery.ALL);
    }

    @Test
    void readsCanonicalHeadersIntoAHierarchyWithPathIds() throws IOException {
        AccountData data = load(CANONICAL);
        EntityGraph g = data.graph();
        assertThat(data.granularity()).isEqualTo(Granularity.DAY);
        assertThat(g.get("Brand").type()).isEqualTo(EntityType.PORTFOLIO);
        assertThat(g.get("Brand/Shoes").type()).isEqualTo(EntityType.CAMPAIGN);
        assertThat(g.get("Brand/Shoes/Running").type()).isEqualTo(EntityType.AD_GROUP);
        Entity kw = g.get("Brand/Shoes/Running/trail shoes");
        assertThat(kw.type()).isEqualTo(EntityType.KEYWORD);
        assertThat(kw.parentId()).isEqualTo("Brand/Shoes/Running");
        MetricSeries s = data.leafMetrics().get("Brand/Shoes/Running/trail shoes");
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.spend(1)).isEqualTo(17.25);
        MetricSeries road = data.leafMetrics().get("Brand/Shoes/Running/road shoes");
        assertThat(road.size()).as("a gap inside the range is a day of zero activity").isEqualTo(3);
        assertThat(road.impressions(1)).isZero();
        assertThat(data.summary().rowsRead()).isEqualTo(4);
        assertThat(data.summary().rowsLoaded()).isEqualTo(4);
    }

    @Test
    void aReportNamingNoProfileIsRootedAtTheDefaultProfile() throws IOException {
        EntityGraph g = load(AMAZON).graph();
        Entity root = g.get(AccountAssembler.DEFAULT_PROFILE);
        assertThat(root.type()).isEqualTo(EntityType.PROFILE);
        assertThat(g.get("Brand").parentId()).as("a portfolio hangs under the profile").isEqualTo(root.id());
        assertThat(g.get("Brand/Shoes/Running/trail shoes [exact]")).as("ids keep their paths").isNotNull();
        assertThat(g.ancestorOfType("Brand/Shoes/Running/trail shoes [exact]", EntityType.PROFILE))
                .isEqualTo(root);
    }

    @Test
    void readsAmazonHeadersMoneyFormatsMatchTypesAndProductTargets() throws IOException {
        AccountData data = load(AMAZON);
        EntityGraph g = data.graph();
        Entity exact = g.get("Brand/Shoes/Running/trail shoes [exact]");
        Entity broad = g.get("Brand/Shoes/Running/trail shoes [broad]");
        assertThat(exact.type()).isEqualTo(EntityType.KEYWORD);
        assertThat(broad.name()).isEqualTo("trail shoes [broad]");
        MetricSeries s = data.leafMetrics().get(exact.id());
        assertThat(s.impressions(0)).isEqualTo(1000);
        assertThat(s.spend(0)).isEqualTo(16.5);
        assertThat(s.sales(0)).isEqualTo(1090.0);
        assertThat(s.orders(0)).isEqualTo(3);
        assertThat(g.get("/Generic").type()).as("no portfolio: empty first path segment").isEqualTo(EntityType.CAMPAIGN);
        assertThat(g.get("/Generic").parentId()).as("outside a portfolio: right under the profile")
                .isEqualTo(AccountAssembler.DEFAULT_PROFILE);
        assertThat(g.get("/Generic/Auto/close-match").type()).isEqualTo(EntityType.PRODUCT_TARGET);
        assertThat(g.get("Brand/Shoes/Running/asin=\"B07XYZ\"").type()).isEqualTo(EntityType.PRODUCT_TARGET);
    }

    @Test
    void usesIdColumnsWhenGivenAndKeepsTheLatestName() throws IOException {
        AccountData data = load("""
                date,profile_id,portfolio,campaign_id,campaign,ad_group_id,ad_group,keyword_id,keyword,impressions,clicks,spend,sales,orders
                2026-03-02,p1,Brand,c1,Shoes 2026,a1,Running,k1,trail,10,1,1,0,0
                2026-03-01,p1,Brand,c1,Shoes,a1,Running,k1,trail,10,1,1,0,0
                """);
        EntityGraph g = data.graph();
        assertThat(g.get("p1").type()).isEqualTo(EntityType.PROFILE);
        assertThat(g.get("Brand").parentId()).isEqualTo("p1");
        assertThat(g.get("c1").name()).isEqualTo("Shoes 2026");
        assertThat(g.get("c1").parentId()).isEqualTo("Brand");
        assertThat(g.get("a1").parentId()).isEqualTo("c1");
        assertThat(g.get("k1").parentId()).isEqualTo("a1");
        assertThat(data.leafMetrics().get("k1").size()).isEqualTo(2);
    }

    @Test
    void prefixesPathsWithTheProfileWhenTheFileHoldsSeveral() throws IOException {
        AccountData data = load("""
                date,profile_id,portfolio,campaign,ad_group,keyword,impressions,clicks,spend,sales,orders
                2026-03-01,us,Brand,Shoes,Running,trail,10,1,1,0,0
                2026-03-01,uk,Brand,Shoes,Running,trail,10,1,1,0,0
                """);
        assertThat(data.leafMetrics()).containsOnlyKeys("us/Brand/Shoes/Running/trail", "uk/Brand/Shoes/Running/trail");
        AccountData us = CsvMetricSource.ofText("r", """
                date,profile_id,portfolio,campaign,ad_group,keyword,impressions,clicks,spend,sales,orders
                2026-03-01,us,Brand,Shoes,Running,trail,10,1,1,0,0
                2026-03-01,uk,Brand,Shoes,Running,trail,10,1,1,0,0
                """, OnError.FAIL).load(new MetricQuery("us", null));
        assertThat(us.leafMetrics()).containsOnlyKeys("Brand/Shoes/Running/trail");
        assertThat(us.summary().rowsFiltered()).isEqualTo(1);
    }

    @Test
    void escapesSlashesInNamesSoPathsNeverCollide() throws IOException {
        AccountData data = load("""
                date,portfolio,campaign,ad_group,keyword,impressions,clicks,spend,sales,orders
                2026-03-01,,A/B,G,k,10,1,1,0,0
                2026-03-01,,A,B/G,k,10,1,1,0,0
                """);
        assertThat(data.leafMetrics()).containsOnlyKeys("/A%2FB/G/k", "/A/B%2FG/k");
    }

    @Test
    void headersAreCaseInsensitiveAndSemicolonOrTabSeparatedFilesAreRead() throws IOException {
        AccountData semi = load("""
                DATE;Portfolio;CAMPAIGN;Ad_Group;KeyWord;Impressions;Clicks;Spend;Sales;Orders
                2026-03-01;;Shoes;Running;trail;1.000;20;"16,50 €";"1.090,00 €";3
                """);
        MetricSeries s = semi.leafMetrics().get("/Shoes/Running/trail");
        assertThat(s.impressions(0)).isEqualTo(1000);
        assertThat(s.spend(0)).isEqualTo(16.5);
        assertThat(s.sales(0)).isEqualTo(1090.0);
        AccountData tab = load("date\tcampaign\tad group\tkeyword\timpressions\tclicks\tcost\tsales\torders\n"
                + "2026-03-01\tShoes\tRunning\ttrail\t5\t1\t0.5\t0\t0\n");
        assertThat(tab.leafMetrics().get("/Shoes/Running/trail").spend(0)).isEqualTo(0.5);
    }

    @Test
    void readsHourlyDataFromADateTimeOrAnHourColumn() throws IOException {
        AccountData dt = load("""
                date,campaign,ad_group,keyword,impressions,clicks,spend,sales,orders
                2026-03-01 10:00,Shoes,Running,trail,5,1,0.5,0,0
                2026-03-01 12:00,Shoes,Running,trail,5,1,0.5,0,0
                """);
        assertThat(dt.granularity()).isEqualTo(Granularity.HOUR);
        assertThat(dt.leafMetrics().get("/Shoes/Running/trail").size()).isEqualTo(3);
        AccountData hour = load("""
                date,hour,campaign,ad_group,keyword,impressions,clicks,spend,sales,orders
                2026-03-01,23,Shoes,Running,trail,5,1,0.5,0,0
                2026-03-02,0,Shoes,Running,trail,5,1,0.5,0,0
                """);
        MetricSeries s = hour.leafMetrics().get("/Shoes/Running/trail");
        assertThat(s.start()).isEqualTo(LocalDateTime.of(2026, 3, 1, 23, 0));
        assertThat(s.size()).isEqualTo(2);
    }

    @Test
    void aNonNumericValueFailsNamingLineColumnAndValue() {
        assertThatThrownBy(() -> load("""
                Date,Campaign Name,Ad Group Name,Targeting,Impressions,Clicks,Spend,7 Day Total Sales,7 Day Total Orders (#)
                2026-03-01,Shoes,Running,trail,100,2,1.00,0,0
                2026-03-02,Shoes,Running,trail,100,abc,1.00,0,0
                """)).isInstanceOf(ReportFormatException.class)
                .hasMessage("report.csv line 3, column 'Clicks': clicks must be a whole number, got 'abc'")
                .satisfies(e -> assertThat(((ReportFormatException) e).rowError().problem())
                        .isEqualTo(RowProblem.NON_NUMERIC));
    }

    @Test
    void aNegativeValueFailsNamingLineColumnAndValue() {
        assertThatThrownBy(() -> load("""
                date,campaign,ad_group,keyword,impressions,clicks,spend,sales,orders
                2026-03-01,Shoes,Running,trail,100,2,-$1.00,0,0
                """)).isInstanceOf(ReportFormatException.class)
                .hasMessage("report.csv line 2, column 'spend': spend must be >= 0, got '-$1.00'");
        assertThatThrownBy(() -> load("""
                date,campaign,ad_group,keyword,impressions,clicks,spend,sales,orders
                2026-03-01,Shoes,Running,trail,-100,2,1,0,0
                """)).hasMessage("report.csv line 2, column 'impressions': impressions must be >= 0, got '-100'");
    }

    @Test
    void moreClicksThanImpressionsFailsNamingTheClicksColumn() {
        assertThatThrownBy(() -> load("""
                date,campaign,ad_group,keyword,impressions,clicks,spend,sales,orders
                2026-03-01,Shoes,Running,trail,10,12,1,0,0
                """)).isInstanceOf(ReportFormatException.class)
                .hasMessage("report.csv line 2, column 'clicks': clicks must be <= impressions (10), got '12'");
    }

    @Test
    void aMissingColumnFailsNamingItAndTheNamesAccepted() {
        assertThatThrownBy(() -> load("""
                date,campaign,ad_group,keyword,impressions,spend,sales,orders
                2026-03-01,Shoes,Running,trail,10,1,0,0
                """)).isInstanceOf(ReportFormatException.class)
                .hasMessageStartingWith("report.csv: missing required column clicks (or clicks); header is [date,");
        assertThatThrownBy(() -> load("date,campaign\n2026-03-01,Shoes\n"))
                .hasMessageContaining("missing required columns ad_group").hasMessageContaining("orders");
    }

    @Test
    void anEmptyFileOrAHeaderWithoutRowsFails(@TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.csv"));
        assertThatThrownBy(() -> CsvMetricSource.of(empty).load(MetricQuery.ALL))
                .isInstanceOf(ReportFormatException.class)
                .hasMessageContaining("empty.csv is empty: expected a header line");
        assertThatThrownBy(() -> load("date,campaign,ad_group,keyword,impressions,clicks,spend,sales,orders\n"))
                .isInstanceOf(ReportFormatException.class).hasMessage("report.csv has a header but no data rows");
    }

    @Test
    void aBadDateABlankValueTooFewFieldsAndADuplicateAreBadRows() {
        String header = "date,campaign,ad_group,keyword,impressions,clicks,spend,sales,orders\n";
        assertThatThrownBy(() -> load(header + "14/03/2026,Shoes,Running,trail,10,1,1,0,0\n"))
                .hasMessageContaining("line 2, column 'date': date must be yyyy-MM-dd");
        assertThatThrownBy(() -> load(header + "2026-03-01,,Running,trail,10,1,1,0,0\n"))
                .hasMessageContaining("line 2, column 'campaign': campaign must not be blank");
        assertThatThrownBy(() -> load(header + "2026-03-01,Shoes,Running,trail,10,1\n"))
                .hasMessageContaining("line 2: row must have 9 fields like the header, has 6");
        assertThatThrownBy(() -> load(header + "2026-03-01,Shoes,Running,trail,10,1,1,0,0\n"
                + "2026-03-01,Shoes,Running,trail,10,1,1,0,0\n"))
                .hasMessageContaining("line 3: a second row for '/Shoes/Running/trail' on 2026-03-01 (first on line 2)");
        assertThatThrownBy(() -> load(header + "2026-03-01,Shoes,Running,trail,10,1.5,1,0,0\n"))
                .hasMessageContaining("clicks must be a whole number, got '1.5'");
    }

    @Test
    void skippingBadRowsCountsEachByProblemAndLoadsTheRest() throws IOException {
        String csv = """
                date,campaign,ad_group,keyword,impressions,clicks,spend,sales,orders
                2026-03-01,Shoes,Running,trail,10,1,1,0,0
                2026-03-02,Shoes,Running,trail,10,x,1,0,0
                2026-03-03,Shoes,Running,trail,10,11,1,0,0
                2026-03-04,Shoes,Running,trail,10,1,-1,0,0
                2026-03-05,Shoes,Running,trail,10,1,1,0,0
                2026-03-05,Shoes,Running,trail,10,1,1,0,0
                """;
        AccountData data = CsvMetricSource.ofText("r.csv", csv, OnError.SKIP).load(MetricQuery.ALL);
        LoadSummary s = data.summary();
        assertThat(s.rowsRead()).isEqualTo(6);
        assertThat(s.rowsSkipped()).isEqualTo(4);
        assertThat(s.rowsLoaded()).isEqualTo(2);
        assertThat(s.skippedBy()).isEqualTo(Map.of(RowProblem.NON_NUMERIC, 1L,
                RowProblem.CLICKS_EXCEED_IMPRESSIONS, 1L, RowProblem.NEGATIVE, 1L, RowProblem.DUPLICATE, 1L));
        assertThat(s.examples()).extracting(RowError::line).containsExactly(3L, 4L, 5L, 7L);
        MetricSeries series = data.leafMetrics().get("/Shoes/Running/trail");
        assertThat(series.size()).isEqualTo(5);
        assertThat(series.impressions(1)).as("a skipped row leaves a zero day, and is counted").isZero();
    }

    @Test
    void skippingEveryRowFailsRatherThanReturningAnEmptyAccount() {
        String csv = "date,campaign,ad_group,keyword,impressions,clicks,spend,sales,orders\n"
                + "2026-03-01,Shoes,Running,trail,10,x,1,0,0\n";
        assertThatThrownBy(() -> CsvMetricSource.ofText("r.csv", csv, OnError.SKIP).load(MetricQuery.ALL))
                .isInstanceOf(ReportFormatException.class)
                .hasMessage("r.csv: no row could be used (1 read, 1 skipped as bad, 0 outside the requested profile "
                        + "or periods)");
    }

    @Test
    void theQueryLeavesOutLaterPeriodsAndAnUnknownProfileFails() throws IOException {
        AccountData data = CsvMetricSource.ofText("r", CANONICAL, OnError.FAIL)
                .load(new MetricQuery(null, LocalDateTime.of(2026, 3, 1, 0, 0)));
        assertThat(data.summary().rowsFiltered()).isEqualTo(2);
        assertThat(data.leafMetrics().get("Brand/Shoes/Running/trail shoes").size()).isEqualTo(1);
        assertThatThrownBy(() -> CsvMetricSource.ofText("r", CANONICAL, OnError.FAIL)
                .load(new MetricQuery("p9", null))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("profile must be one present in r (it has no profile_id column), got 'p9'");
    }

    @Test
    void writingAnAccountAndReadingItBackGivesTheSameEntitiesAndMetrics(@TempDir Path dir) throws IOException {
        AccountData data = load("""
                date,profile_id,portfolio,campaign_id,campaign,ad_group_id,ad_group,keyword_id,keyword,impressions,clicks,spend,sales,orders
                2026-03-01,p1,Brand,c1,Shoes,a1,Running,k1,"trail, wide",10,1,1.25,0,0
                2026-03-03,p1,Brand,c1,Shoes,a1,Running,k1,"trail, wide",12,2,0.1,19.99,1
                2026-03-02,p1,,c2,Socks,a2,Wool,k2,wool socks,7,0,0,0,0
                """);
        Path file = dir.resolve("out.csv");
        try (var w = Files.newBufferedWriter(file)) {
            assertThat(ReportCsvWriter.write(data, w)).isEqualTo(4);
        }
        AccountData back = CsvMetricSource.of(file).load(MetricQuery.ALL);
        assertThat(back.graph().entities()).containsExactlyInAnyOrderElementsOf(data.graph().entities());
        for (String id : data.leafMetrics().keySet()) {
            MetricSeries a = data.leafMetrics().get(id);
            MetricSeries b = back.leafMetrics().get(id);
            assertThat(b.start()).isEqualTo(a.start());
            assertThat(b.size()).isEqualTo(a.size());
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.at(i)).isEqualTo(a.at(i));
            }
        }
    }
}
