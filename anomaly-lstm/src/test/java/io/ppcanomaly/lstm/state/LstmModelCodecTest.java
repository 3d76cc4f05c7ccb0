package io.ppcanomaly.lstm.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.lstm.LstmAutoencoderDetector;
import io.ppcanomaly.lstm.LstmAutoencoderProvider;
import io.ppcanomaly.lstm.LstmModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LstmModelCodecTest {

    private static byte[] fixture;
    private static List<String> expected;

    @BeforeAll
    static void readFixture() throws IOException {
        try (InputStream in = LstmModelCodecTest.class.getResourceAsStream(ModelFixtures.MODEL_V1)) {
            assertThat(in).as(ModelFixtures.MODEL_V1).isNotNull();
            fixture = in.readAllBytes();
        }
        try (InputStream in = LstmModelCodecTest.class.getResourceAsStream(ModelFixtures.EXPECTED_V1)) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#")).toList();
        }
    }

    private static LstmAutoencoderDetector load(byte[] bytes) throws IOException {
        return new LstmAutoencoderProvider().load(new ByteArrayInputStream(bytes));
    }

    private static byte[] save(Detector d) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        d.save(out);
        return out.toByteArray();
    }

    @Test
    void theVersion1FixtureStillLoadsAndGivesItsRecordedScoresBitForBit() throws IOException {
        LstmAutoencoderDetector d = load(fixture);
        List<AnomalyResult> rs = d.scoreAll(ModelFixtures.probe());
        assertThat(rs).hasSize(expected.size());
        for (int i = 0; i < rs.size(); i++) {
            String[] parts = expected.get(i).split(" ");
            assertThat(rs.get(i).rawScore()).as("probe %d raw", i).isEqualTo(Double.parseDouble(parts[0]));
            assertThat(rs.get(i).score()).as("probe %d score", i).isEqualTo(Double.parseDouble(parts[1]));
        }
        // the last four probes carry a shock: they must stand out, or the fixture is not worth checking
        assertThat(rs.subList(12, 16)).allMatch(AnomalyResult::anomalous);
        assertThat(rs.subList(0, 12)).noneMatch(AnomalyResult::anomalous);
    }

    @Test
    void savingALoadedModelReproducesTheFileByteForByte() throws IOException {
        assertThat(save(load(fixture))).isEqualTo(fixture);
    }

    @Test
    void aLoadedModelKeepsEveryPart() throws IOException {
        LstmModel m = load(fixture).model();
        LstmModel again = load(save(load(fixture))).model();
        assertThat(again.network()).isEqualTo(m.network());
        assertThat(again.scaler()).isEqualTo(m.scaler());
        assertThat(again.calibration()).isEqualTo(m.calibration());
        assertThat(again.config()).isEqualTo(m.config());
        assertThat(again.summary()).isEqualTo(m.summary());
        assertThat(again.dl4jZip()).isEqualTo(m.dl4jZip());
        assertThat(again.threshold()).isEqualTo(m.threshold());
        assertThat(m.config().encoderSize()).isEqualTo(8);
        assertThat(m.summary().totalWindows()).isEqualTo(200);
        assertThat(m.dl4jZip()).startsWith((byte) 'P', (byte) 'K');
    }

    @Test
    void everyTruncationFailsWithATruncationMessage() {
        List<Integer> cuts = new ArrayList<>();
        for (int c = 0; c < 64; c++) {
            cuts.add(c);
        }
        for (int c = 64; c < fixture.length; c += 997) {
            cuts.add(c);
        }
        cuts.add(fixture.length - 4);
        cuts.add(fixture.length - 1);
        for (int cut : cuts) {
            byte[] part = Arrays.copyOf(fixture, cut);
            assertThatThrownBy(() -> load(part)).as("cut at %d of %d", cut, fixture.length)
                    .isInstanceOf(IOException.class).hasMessageMatching("(?s).*(truncated|empty).*");
        }
    }

    @Test
    void aFlippedByteAnywhereInTheBodyIsReportedAsCorrupt() {
        int header = 4 + 2 + LstmModelCodec.NAME.length() + 4;
        for (int pos = header; pos < fixture.length; pos += 211) {
            byte[] bad = fixture.clone();
            bad[pos] ^= 0x10;
            assertThatThrownBy(() -> load(bad)).as("flip at %d of %d", pos, fixture.length)
                    .isInstanceOf(IOException.class).hasMessageMatching("(?s).*(corrupt|truncated).*");
        }
    }

    @Test
    void aCorruptLengthFieldIsNamedInTheMessage() {
        byte[] bad = fixture.clone();
        int header = 4 + 2 + LstmModelCodec.NAME.length() + 4;
        bad[header] = 0x7f; // window length becomes about 2 billion
        assertThatThrownBy(() -> load(bad)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("model stream of 'lstm-autoencoder' is corrupt: window length must be in");
    }

    @Test
    void theRegistryRoutesTheStreamToThisProvider() throws IOException {
        Detector d = Detectors.load(new ByteArrayInputStream(fixture));
        assertThat(d).isInstanceOf(LstmAutoencoderDetector.class);
        assertThat(d.name()).isEqualTo("lstm-autoencoder");
    }

    @Test
    void loadingAndScoringNeedNeitherDl4jNorNd4jOnTheClassPath() throws Exception {
        String cp = String.join(File.pathSeparator, location(LstmModel.class), location(LstmModelCodecTest.class),
                location(Detector.class), location(org.slf4j.LoggerFactory.class));
        assertThat(cp).doesNotContain("nd4j").doesNotContain("deeplearning4j");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", cp, NoNativeScoringProbe.class.getName())
                .redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("child stderr: %s", err).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("nd4j absent");
        List<String> raw = expected.stream().map(l -> l.split(" ")[0]).toList();
        assertThat(lines.subList(1, lines.size())).containsExactlyElementsOf(raw);
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
