package io.ppcanomaly.ensemble.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.ensemble.support.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EnsembleStateTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = EnsembleStateTest.class.getResourceAsStream("/fixtures/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void aModelSavedInFormatVersionOneStillLoadsAndScoresTheSame() throws IOException {
        Detector d = Detectors.load(new ByteArrayInputStream(resource("ensemble-v1.model")));
        double[] expected = new String(resource("ensemble-v1.scores"), StandardCharsets.US_ASCII).lines()
                .mapToDouble(Double::parseDouble).toArray();
        double[] actual = d.scoreAll(EnsembleFixtures.probe()).stream().mapToDouble(AnomalyResult::score)
                .toArray();
        assertThat(actual).containsExactly(expected);
        assertThat(d.threshold()).isEqualTo(0.995);
    }

    @Test
    void aModelSavedInFormatVersionTwoWithTheScreenStillLoadsAndScoresTheSame() throws IOException {
        Detector d = Detectors.load(new ByteArrayInputStream(resource("ensemble-v2.model")));
        double[] expected = new String(resource("ensemble-v2.scores"), StandardCharsets.US_ASCII).lines()
                .mapToDouble(Double::parseDouble).toArray();
        double[] actual = d.scoreAll(EnsembleFixtures.probe()).stream().mapToDouble(AnomalyResult::score)
                .toArray();
        assertThat(actual).containsExactly(expected);
        assertThat(d.toString()).contains("period-tail");
    }

    @Test
    void theCurrentWriterProducesTheFixtureBytes() throws IOException {
        Detector d = Detectors.create("ensemble", EnsembleFixtures.options());
        d.fit(TestData.normal(30, 400));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        d.save(out);
        assertThat(out.toByteArray()).as("format change without a version bump and a new fixture")
                .isEqualTo(resource("ensemble-v" + EnsembleState.VERSION + ".model"));
    }

    @Test
    void aCorruptCountIsReportedAsCorrupt() throws IOException {
        byte[] bytes = resource("ensemble-v1.model").clone();
        // the member count follows the header: magic (4), name (2 + 8), version (4)
        int at = 4 + 2 + "ensemble".length() + 4;
        bytes[at] = (byte) 0x7f;
        assertThatThrownBy(() -> Detectors.load(new ByteArrayInputStream(bytes)))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupt").hasMessageContaining("member count");
        byte[] cut = Arrays.copyOf(resource("ensemble-v1.model"), 40);
        assertThatThrownBy(() -> Detectors.load(new ByteArrayInputStream(cut)))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");
    }
}
