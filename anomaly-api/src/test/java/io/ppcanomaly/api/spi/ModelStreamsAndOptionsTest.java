package io.ppcanomaly.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.Detectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelStreamsAndOptionsTest {

    private static byte[] header(String name, int version) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bos);
        ModelStreams.writeHeader(out, name, version);
        out.flush();
        return bos.toByteArray();
    }

    private static DataInputStream in(byte[] b) {
        return new DataInputStream(new ByteArrayInputStream(b));
    }

    @Test
    void aHeaderRoundTrips() throws IOException {
        assertThat(ModelStreams.readHeader(in(header("isolation-forest", 2)), "isolation-forest", 1, 2)).isEqualTo(2);
    }

    @Test
    void aForeignDetectorAnUnsupportedVersionOrATruncatedHeaderFailClearly() throws IOException {
        assertThatThrownBy(() -> ModelStreams.readHeader(in(header("lstm-autoencoder", 1)), "isolation-forest", 1, 1))
                .isInstanceOf(IOException.class)
                .hasMessage("model stream must hold a 'isolation-forest' model, got 'lstm-autoencoder'");
        assertThatThrownBy(() -> ModelStreams.readHeader(in(header("x", 7)), "x", 1, 2))
                .hasMessage("model format version of 'x' must be in [1, 2], got 7");
        byte[] h = header("isolation-forest", 1);
        assertThatThrownBy(() -> ModelStreams.readHeader(in(Arrays.copyOf(h, 6)), "isolation-forest", 1, 1))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> ModelStreams.readHeader(in(new byte[0]), "x", 1, 1)).hasMessageContaining("empty");
        assertThatThrownBy(() -> ModelStreams.readHeader(in("PK\u0003\u0004 a zip".getBytes()), "x", 1, 1))
                .hasMessageContaining("magic");
    }

    @Test
    void theRegistryRoutesAStreamByItsHeaderAndRejectsUnknownDetectors() throws IOException {
        byte[] h = header("not-installed", 1);
        assertThatThrownBy(() -> Detectors.load(new ByteArrayInputStream(h)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'not-installed'");
        assertThatThrownBy(() -> Detectors.load(new ByteArrayInputStream(new byte[] {1, 2})))
                .isInstanceOf(IOException.class);
    }

    @Test
    void optionsParseTypedValuesAndNameTheKeyOnError() {
        Properties p = new Properties();
        p.setProperty("trees", "100");
        p.setProperty("rate", " 0.25 ");
        p.setProperty("on", "TRUE");
        p.setProperty("bad", "ten");
        ProviderOptions o = new ProviderOptions(p);
        assertThat(o.getInt("trees", 1)).isEqualTo(100);
        assertThat(o.getDouble("rate", 1)).isEqualTo(0.25);
        assertThat(o.getBoolean("on", false)).isTrue();
        assertThat(o.getLong("missing", 7L)).isEqualTo(7L);
        assertThatThrownBy(() -> o.getInt("bad", 1)).hasMessage("bad must be an integer, got 'ten'");
        assertThatThrownBy(() -> o.getDouble("bad", 1)).hasMessage("bad must be a number, got 'ten'");
        assertThatThrownBy(() -> o.getBoolean("bad", true)).hasMessage("bad must be true or false, got 'ten'");
        assertThatThrownBy(() -> o.requireKnown(Set.of("trees", "rate", "on")))
                .hasMessage("option must be one of [on, rate, trees], got 'bad'");
        p.setProperty("inf", "Infinity");
        assertThatThrownBy(() -> o.getDouble("inf", 1)).hasMessageContaining("finite");
    }
}
