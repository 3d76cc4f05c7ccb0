package io.ppcanomaly.forest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Models saved by earlier releases must keep loading and scoring as they did: one fixture per body format
 * version, with the scores it gave when it was written. A failure here means a format or Smile change broke
 * saved models; bump {@link ForestCodec#VERSION} and keep a reader for the old one instead of regenerating.
 *
 * <p>To add the fixture of a new version, run {@link #main} once:
 * {@code java -cp <test classpath> io.ppcanomaly.forest.SavedModelFixtureTest anomaly-forest/src/test/resources}.
 */
class SavedModelFixtureTest {

    private static final String MODEL = "isolation-forest-v1.model";
    private static final String SCORES = "isolation-forest-v1.scores";
    private static final double[][] PROBE = TestTables.gaussian(20, 3, 100);

    @Test
    void theVersionOneFixtureLoadsAndScoresAsWhenItWasSaved() throws IOException {
        IsolationForestDetector d;
        try (InputStream in = SavedModelFixtureTest.class.getResourceAsStream(MODEL)) {
            assertThat(in).as("fixture %s", MODEL).isNotNull();
            d = IsolationForestDetector.load(in);
        }
        assertThat(d.config()).isEqualTo(fixtureConfig());
        List<String> expected;
        try (InputStream in = SavedModelFixtureTest.class.getResourceAsStream(SCORES)) {
            assertThat(in).as("fixture %s", SCORES).isNotNull();
            expected = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        }
        assertThat(hex(d)).containsExactlyElementsOf(expected);
    }

    private static IsolationForestConfig fixtureConfig() {
        return IsolationForestConfig.builder().trees(10).sampleSize(32).contamination(0.05).seed(5).build();
    }

    /** Threshold, then each probe's score, as exact hexadecimal doubles. */
    private static List<String> hex(IsolationForestDetector d) {
        List<String> out = new ArrayList<>();
        out.add(Double.toHexString(d.threshold()));
        for (double s : d.score(PROBE)) {
            out.add(Double.toHexString(s));
        }
        return out;
    }

    /**
     * Writes the fixture of the current format version.
     *
     * @param args the test resources folder
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]).resolve("io/ppcanomaly/forest");
        Files.createDirectories(dir);
        IsolationForestDetector d = new IsolationForestDetector(fixtureConfig());
        d.fit(TestTables.gaussian(200, 3, 99));
        try (OutputStream out = Files.newOutputStream(dir.resolve(MODEL))) {
            d.save(out);
        }
        Files.write(dir.resolve(SCORES), hex(d), StandardCharsets.US_ASCII);
    }
}
