package io.ppcanomaly.forest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.forest.IsolationForestConfig.SplitRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Models saved by earlier releases must keep loading and scoring as they did: fixtures per body format version
 * (version 2: one per split rule), with the scores they gave when they were written. A failure here means a
 * format or Smile change broke saved models; bump {@link ForestCodec#VERSION} and keep a reader for the old one
 * instead of regenerating.
 *
 * <p>To add the fixtures of a new version, add their names to {@link #CURRENT} and the test, then run
 * {@link #main} once: {@code java -cp <test classpath> io.ppcanomaly.forest.SavedModelFixtureTest
 * anomaly-forest/src/test/resources}. It writes only the current version's fixtures.
 */
class SavedModelFixtureTest {

    /** Fixtures of the current format version, written by {@link #main}. */
    private static final List<String> CURRENT = List.of("isolation-forest-v2-smile",
            "isolation-forest-v2-non-constant");
    private static final double[][] PROBE = TestTables.gaussian(20, 3, 100);

    @ParameterizedTest
    @ValueSource(strings = {"isolation-forest-v1", "isolation-forest-v2-smile", "isolation-forest-v2-non-constant"})
    void aSavedFixtureLoadsAndScoresAsWhenItWasSaved(String fixture) throws IOException {
        IsolationForestDetector d;
        try (InputStream in = SavedModelFixtureTest.class.getResourceAsStream(fixture + ".model")) {
            assertThat(in).as("fixture %s.model", fixture).isNotNull();
            d = IsolationForestDetector.load(in);
        }
        assertThat(d.config()).isEqualTo(fixtureConfig(fixture));
        List<String> expected;
        try (InputStream in = SavedModelFixtureTest.class.getResourceAsStream(fixture + ".scores")) {
            assertThat(in).as("fixture %s.scores", fixture).isNotNull();
            expected = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        }
        assertThat(hex(d)).containsExactlyElementsOf(expected);
    }

    /** Version 1 and {@code -smile} fixtures hold Smile's trees; {@code -non-constant} ones compact trees. */
    private static IsolationForestConfig fixtureConfig(String fixture) {
        SplitRule rule = fixture.endsWith("-non-constant") ? SplitRule.NON_CONSTANT : SplitRule.SMILE;
        return IsolationForestConfig.builder().trees(10).sampleSize(32).contamination(0.05).splitRule(rule).seed(5)
                .build();
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
     * Writes the fixtures of the current format version.
     *
     * @param args the test resources folder
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]).resolve("io/ppcanomaly/forest");
        Files.createDirectories(dir);
        for (String fixture : CURRENT) {
            IsolationForestDetector d = new IsolationForestDetector(fixtureConfig(fixture));
            d.fit(TestTables.gaussian(200, 3, 99));
            try (OutputStream out = Files.newOutputStream(dir.resolve(fixture + ".model"))) {
                d.save(out);
            }
            Files.write(dir.resolve(fixture + ".scores"), hex(d), StandardCharsets.US_ASCII);
        }
    }
}
