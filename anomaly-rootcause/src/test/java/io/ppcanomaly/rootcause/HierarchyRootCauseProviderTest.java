package io.ppcanomaly.rootcause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.RootCauseAnalyzer;
import io.ppcanomaly.api.RootCauseAnalyzers;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class HierarchyRootCauseProviderTest {

    @Test
    void theProviderIsFoundByNameThroughServiceLoader() {
        RootCauseAnalyzers.reload();
        assertThat(RootCauseAnalyzers.available()).contains("hierarchy");
        RootCauseAnalyzer rca = RootCauseAnalyzers.create("hierarchy", null);
        assertThat(rca).isInstanceOf(HierarchyRootCauseAnalyzer.class);
        assertThat(rca.name()).isEqualTo("hierarchy");
        assertThat(((HierarchyRootCauseAnalyzer) rca).config()).isEqualTo(HierarchyConfig.DEFAULT);
        assertThat(new HierarchyRootCauseProvider().description()).isNotBlank();
    }

    @Test
    void optionsAreReadFromProperties() {
        Properties p = new Properties();
        p.setProperty("hops", "2");
        p.setProperty("sibling.ratio", "0.5");
        p.setProperty("confidence.min", "0.2");
        p.setProperty("causes.max", "7");
        p.setProperty("season.periods", "1");
        p.setProperty("baseline.seasons", "28");
        p.setProperty("spread.ratio", "0.4");
        p.setProperty("spread.minChange", "0.2");
        p.setProperty("lead.tolerance", "1");
        p.setProperty("drilldown", "false");
        p.setProperty("contributions.max", "3");
        HierarchyConfig c = ((HierarchyRootCauseAnalyzer) RootCauseAnalyzers.create("hierarchy", p)).config();
        assertThat(c).isEqualTo(new HierarchyConfig(2, 0.5, 0.2, 7, 1, 28, 0.4, 0.2, 1, false, 3));
        assertThat(HierarchyConfig.of(c.toProperties())).isEqualTo(c);
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void anUnknownKeyIsRejectedNamingIt() {
        Properties p = new Properties();
        p.setProperty("sibling.ration", "0.3");
        assertThatThrownBy(() -> RootCauseAnalyzers.create("hierarchy", p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sibling.ration")
                .hasMessageContaining("sibling.ratio");
    }

    @Test
    void invalidValuesAreRejectedNamingTheKeyAndTheValue() {
        assertRejected("hops", "0", "hops must be in [1, 10], got 0");
        assertRejected("sibling.ratio", "1", "sibling.ratio must be in [0, 1), got 1.0");
        assertRejected("confidence.min", "-0.1", "confidence.min must be in [0, 1], got -0.1");
        assertRejected("causes.max", "0", "causes.max must be >= 1, got 0");
        assertRejected("season.periods", "x", "season.periods must be an integer, got 'x'");
        assertRejected("baseline.seasons", "0", "baseline.seasons must be in [1, 52], got 0");
        assertRejected("spread.ratio", "0", "spread.ratio must be in (0, 1], got 0.0");
        assertRejected("spread.minChange", "NaN", "spread.minChange must be finite");
        assertRejected("lead.tolerance", "-1", "lead.tolerance must be >= 0, got -1");
        assertRejected("drilldown", "yes", "drilldown must be true or false, got 'yes'");
        assertRejected("contributions.max", "0", "contributions.max must be >= 1, got 0");
    }

    private static void assertRejected(String key, String value, String message) {
        Properties p = new Properties();
        p.setProperty(key, value);
        assertThatThrownBy(() -> new HierarchyRootCauseProvider().create(p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
