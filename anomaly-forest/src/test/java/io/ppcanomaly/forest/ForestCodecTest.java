package io.ppcanomaly.forest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Detectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ForestCodecTest {

    private static final double[][] TABLE = TestTables.gaussian(1_000, 4, 11);
    private static final double[][] PROBE = TestTables.gaussian(100, 4, 12);
    private static final IsolationForestConfig CONFIG = IsolationForestConfig.builder().trees(30).sampleSize(128)
            .contamination(0.03).seed(77).build();

    private static IsolationForestDetector fitted() {
        IsolationForestDetector d = new IsolationForestDetector(CONFIG);
        d.fit(TABLE);
        return d;
    }

    private static byte[] save(IsolationForestDetector d) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        d.save(out);
        return out.toByteArray();
    }

    private static IsolationForestDetector load(byte[] bytes) throws IOException {
        return IsolationForestDetector.load(new ByteArrayInputStream(bytes));
    }

    @Test
    void aLoadedModelScoresExactlyLikeTheSavedOne() throws IOException {
        IsolationForestDetector d = fitted();
        byte[] bytes = save(d);
        IsolationForestDetector back = load(bytes);
        assertThat(back.config()).isEqualTo(CONFIG);
        assertThat(back.threshold()).isEqualTo(d.threshold());
        assertThat(back.schema()).isEqualTo(d.schema());
        assertThat(back.windowLength()).isEqualTo(1);
        assertThat(back.score(PROBE)).containsExactly(d.score(PROBE));
        assertThat(back.meanPathLengths(PROBE)).containsExactly(d.meanPathLengths(PROBE));
        Detector viaRegistry = Detectors.load(new ByteArrayInputStream(bytes));
        assertThat(viaRegistry).isInstanceOf(IsolationForestDetector.class);
        assertThat(save(back)).as("saving a loaded model writes the same bytes").containsExactly(bytes);
    }

    @Test
    void loadingLeavesTheBytesAfterTheModelUnread() throws IOException {
        byte[] model = save(fitted());
        byte[] withTrailer = Arrays.copyOf(model, model.length + 3);
        withTrailer[model.length] = 42;
        ByteArrayInputStream in = new ByteArrayInputStream(withTrailer);
        IsolationForestDetector.load(in);
        assertThat(in.read()).isEqualTo(42);
    }

    @Test
    void aFlippedByteInTheTreesFailsTheChecksum() throws IOException {
        byte[] bytes = save(fitted());
        bytes[bytes.length - 100] ^= 0x10;
        assertThatThrownBy(() -> load(bytes)).isInstanceOf(IOException.class)
                .hasMessage("model stream of 'isolation-forest' is corrupt: tree block checksum mismatch");
    }

    @Test
    void invalidSettingsInTheBodyAreReportedAsCorrupt() throws IOException {
        byte[] bytes = save(fitted());
        int body = headerLength();
        ByteBuffer.wrap(bytes).putInt(body, -5); // trees
        assertThatThrownBy(() -> load(bytes)).isInstanceOf(IOException.class)
                .hasMessageContaining("is corrupt: invalid settings: trees must be >= 1, got -5");
    }

    @Test
    void aTruncatedStreamFailsSayingSoWhereverItIsCut() throws IOException {
        byte[] bytes = save(fitted());
        for (int cut = 0; cut < bytes.length; cut += Math.max(1, cut / 3)) {
            byte[] part = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> load(part)).as("cut at %d of %d", cut, bytes.length)
                    .isInstanceOf(IOException.class).hasMessageContaining("truncated");
        }
        assertThatThrownBy(() -> load(Arrays.copyOf(bytes, bytes.length - 1))).isInstanceOf(IOException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void aForeignObjectInTheTreeBlockIsRefusedBeforeItIsBuilt() throws IOException {
        HashMap<String, Serializable> gadget = new HashMap<>();
        gadget.put("x", 1);
        byte[] bytes = replaceTreeBlock(save(fitted()), serialize(gadget));
        assertThatThrownBy(() -> load(bytes)).isInstanceOf(IOException.class)
                .hasMessageContaining("is corrupt: its tree block holds something other than Smile's isolation trees")
                .hasMessageContaining("REJECTED");
    }

    @Test
    void treesThatDoNotReproduceTheSavedProbeScoresAreRefused() throws IOException {
        IsolationForestDetector other = new IsolationForestDetector(CONFIG.withSeed(78));
        other.fit(TABLE);
        byte[] mine = save(fitted());
        byte[] foreignTrees = treeBlock(save(other));
        assertThatThrownBy(() -> load(replaceTreeBlock(mine, foreignTrees))).isInstanceOf(IOException.class)
                .hasMessageContaining("does not reproduce its probe scores")
                .hasMessageContaining("incompatible Smile version");
    }

    @Test
    void aStreamOfAnotherDetectorNamesIt() {
        byte[] bytes = {0x50, 0x50, 0x43, 0x41, 0, 4, 'h', 's', 't', 's', 0, 0, 0, 1};
        assertThatThrownBy(() -> load(bytes)).isInstanceOf(IOException.class).hasMessageContaining("'hsts'");
    }

    @Test
    void savingAnUnfittedDetectorThrowsIllegalState() {
        assertThatThrownBy(() -> new IsolationForestDetector().save(new ByteArrayOutputStream()))
                .isInstanceOf(IllegalStateException.class);
    }

    /** The tree block is last: int length, int crc, bytes. */
    private static byte[] treeBlock(byte[] model) throws IOException {
        int length = Math.toIntExact(serializedLength(model));
        return Arrays.copyOfRange(model, model.length - length, model.length);
    }

    private static long serializedLength(byte[] model) throws IOException {
        // walk back: the block is the tail whose 8-byte prefix announces its own length
        for (int start = model.length - 1; start >= 8; start--) {
            int len = ByteBuffer.wrap(model).getInt(start - 8);
            if (len == model.length - start) {
                return len;
            }
        }
        throw new IOException("no tree block found");
    }

    private static byte[] replaceTreeBlock(byte[] model, byte[] block) throws IOException {
        int old = Math.toIntExact(serializedLength(model));
        int prefix = model.length - old - 8;
        ByteBuffer b = ByteBuffer.allocate(prefix + 8 + block.length);
        b.put(model, 0, prefix);
        CRC32 crc = new CRC32();
        crc.update(block);
        b.putInt(block.length).putInt((int) crc.getValue()).put(block);
        return b.array();
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(bos)) {
            oos.writeObject(o);
        }
        return bos.toByteArray();
    }

    /** "PPCA", the provider name in modified UTF-8, the version. */
    private static int headerLength() {
        return 4 + 2 + IsolationForestDetector.NAME.length() + 4;
    }

}
