package io.ppcanomaly.bench.accuracy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdBenchRunTest {

    @Test
    void readsTheScikitLearnColumnOfTheDataReadme(@TempDir Path dir) throws Exception {
        Path readme = dir.resolve("README.md");
        Files.write(readme, List.of(
                "| file | rows × features | outliers | scikit-learn ROC-AUC | its score time |",
                "|---|---|---|---|---|",
                "| shuttle | 49,097 × 9 | 3,511 | 0.9971 | 13 µs/row |",
                "| smtp | 95,156 × 3 | 30 | 0.9036 | 13 µs/row |",
                "Some prose | with a pipe | that is not a table row."));
        Map<String, String> figures = AdBenchRun.scikitLearnFigures(readme);
        assertThat(figures).containsExactlyInAnyOrderEntriesOf(Map.of("shuttle", "0.9971", "smtp", "0.9036"));
        assertThat(AdBenchRun.scikitLearnFigures(dir.resolve("missing.md"))).isEmpty();
    }

    @Test
    void aMissingOrEmptyTableFolderFailsNamingIt(@TempDir Path dir) {
        assertThatThrownBy(() -> AdBenchRun.loadAll(dir.resolve("adbench")))
                .hasMessageContaining("adbench").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> AdBenchRun.loadAll(dir))
                .hasMessageContaining("holds no *.csv.gz table");
    }
}
