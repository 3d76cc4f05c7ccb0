package io.ppcanomaly.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.source.CsvMetricSource;
import io.ppcanomaly.service.source.OnError;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class KeywordCsvTest {

    @Test
    void aCanonicalLineBecomesAnEventWithTheIdsTheCsvSourceGives() throws Exception {
        String header = String.join(",", KeywordCsv.HEADER);
        String line = "2026-03-14,pr-01,\"Brand, Core\",cp-1,SP - Meals,ag-1,\"Ad \"\"group\"\"\",kw-1,\"asin=\"\"B00X\"\"\","
                + "120,7,3.5,20.25,2";
        KeywordEvent e = KeywordCsv.parse(line, Granularity.DAY, false);
        assertThat(e.periodStart()).isEqualTo(LocalDate.of(2026, 3, 14).atStartOfDay());
        assertThat(e.portfolioName).isEqualTo("Brand, Core");
        assertThat(e.adGroupName).isEqualTo("Ad \"group\"");
        assertThat(e.keywordName).isEqualTo("asin=\"B00X\"");
        assertThat(e.leafType).isEqualTo("product_target");
        assertThat(e.metrics().spend()).isEqualTo(3.5);
        assertThat(KeywordCsv.parse(line, Granularity.DAY, true).portfolioId).isEqualTo("pr-01/Brand, Core");

        var data = CsvMetricSource.of("inline", () -> new StringReader(header + "\n" + line), OnError.FAIL)
                .load(new io.ppcanomaly.service.source.MetricQuery(null, null));
        Set<String> ids = new TreeSet<>();
        data.graph().entities().forEach(x -> ids.add(x.id()));
        assertThat(ids).containsExactlyInAnyOrder("pr-01", e.portfolioId, e.campaignId, e.adGroupId, e.keywordId);
        assertThat(data.graph().get(e.keywordId).type().wireName()).isEqualTo(e.leafType);
    }

    @Test
    void aBadFieldIsRefusedNamingTheColumnAndTheValue() {
        assertThatThrownBy(() -> KeywordCsv.parse("2026-03-14,pr-01,,cp,c,ag,a,kw,k,12x,1,1,1,1", Granularity.DAY,
                false)).hasMessageContaining("column 'impressions'").hasMessageContaining("'12x'");
        assertThatThrownBy(() -> KeywordCsv.parse("14.03.2026,pr-01,,cp,c,ag,a,kw,k,12,1,1,1,1", Granularity.DAY,
                false)).hasMessageContaining("column 'date'").hasMessageContaining("'14.03.2026'");
        assertThatThrownBy(() -> KeywordCsv.parse("2026-03-14,pr-01,,cp,c,ag,a,kw,k,1,2,1,1,1", Granularity.DAY,
                false)).hasMessageContaining("clicks must be <= impressions");
        assertThatThrownBy(() -> KeywordCsv.parse("2026-03-14,pr-01,,cp,c,ag,a", Granularity.DAY, false))
                .hasMessageContaining("must have 14 fields").hasMessageContaining("got 7");
        assertThatThrownBy(() -> KeywordCsv.parse("2026-03-14, ,,cp,c,ag,a,kw,k,1,1,1,1,1", Granularity.DAY, false))
                .hasMessageContaining("column 'profile_id' must not be blank");
    }

    @Test
    void anAlertTravelsWholeThroughItsEncoding() {
        Alert a = Fixture.get().expectedAlerts().stream().filter(x -> !x.rootCauses().isEmpty()).findFirst()
                .orElseThrow();
        AlertRecord r = AlertRecord.of("pr-01", "v1", a);
        assertThat(r.alert()).isEqualTo(a);
        assertThat(r.key()).isEqualTo("pr-01|" + a.entityType().wireName() + "|" + a.entityId() + "|" + a.period());
    }
}
