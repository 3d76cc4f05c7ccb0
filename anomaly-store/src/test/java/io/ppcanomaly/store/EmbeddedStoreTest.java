package io.ppcanomaly.store;

import static io.ppcanomaly.store.Reports.alert;
import static io.ppcanomaly.store.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: an H2 file database in a directory the caller names. */
class EmbeddedStoreTest {

    @Test
    void keepsAlertsInAFileDatabaseInTheDirectoryAcrossReopening(@TempDir Path tmp) {
        Path dir = tmp.resolve("anomaly-data");
        ProfileId p = ProfileId.of("3712345678901234");
        long id;
        try (AlertStore store = AlertStore.embedded(dir)) {
            assertThat(store.database()).isEqualTo(Database.H2);
            assertThat(store.url()).isEqualTo("jdbc:h2:file:" + dir.toAbsolutePath() + "/ppc-anomaly");
            id = store.save(p, report(alert("kw-1", 10).build())).opened().get(0).id();
            store.acknowledge(p, id, "ana");
        }
        assertThat(dir.resolve("ppc-anomaly.mv.db")).isRegularFile();
        try (AlertStore again = AlertStore.embedded(dir)) {
            assertThat(again.get(p, id).orElseThrow().status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
            assertThat(again.save(p, report(alert("kw-1", 10).build())).alreadyStored()).isEqualTo(1);
        }
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsRefused(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> AlertStore.embedded(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("store directory must be a directory, got the file " + file.toAbsolutePath());
    }
}
