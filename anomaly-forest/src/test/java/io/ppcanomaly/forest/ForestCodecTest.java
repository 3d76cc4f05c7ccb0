package io.ppcanomaly.forest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.forest.IsolationForestConfig.SplitRule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ForestCodecTest {

    private static final double[][] TABLE = TestTables.gaussian(1_000, 4, 11);
    private static final double[][] PROBE = TestTables.gaussian(100, 4, 12);
    /** Smile's trees, set explicitly: the default rule is non-constant. */
    private static final IsolationForestConfig CONFIG = IsolationForestConfig.builder().trees(30).sampleSize(128)
            .contamination(0.03).splitRule(SplitRule.SMILE).seed(77).build();

    private static final IsolationForestConfig NON_CONSTANT = CONFIG.toBuilder().splitRule(SplitRule.NON_CONSTANT)
            .build();

    private static IsolationForestDetector fitted() {
        return fitted(CONFIG);
    }

    private static IsolationForestDetector fitted(IsolationForestConfig config) {
        IsolationForestDetector d = new IsolationForestDetector(config);
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
    void aLoadedNonConstantModelScoresExactlyLikeTheSavedOne() throws IOException {
        IsolationForestDetector d = fitted(NON_CONSTANT);
        byte[] bytes = save(d);
        IsolationForestDetector back = load(bytes);
        assertThat(back.config()).isEqualTo(NON_CONSTANT);
        assertThat(back.threshold()).isEqualTo(d.threshold());
        assertThat(back.score(PROBE)).containsExactly(d.score(PROBE));
        assertThat(back.meanPathLengths(PROBE)).containsExactly(d.meanPathLengths(PROBE));
        assertThat(Detectors.load(new ByteArrayInputStream(bytes))).isInstanceOf(IsolationForestDetector.class);
        assertThat(save(back)).as("saving a loaded model writes the same bytes").containsExactly(bytes);
        TreeEnsemble.Compact trees = (TreeEnsemble.Compact) ForestCodec.read(new ByteArrayInputStream(bytes)).trees();
        long nodes = 0;
        for (int t = 0; t < trees.size(); t++) {
            nodes += trees.tree(t).nodeCount();
        }
        assertThat(treeBlock(bytes)).as("compact trees: a count, then 20 bytes a node")
                .hasSize(Math.toIntExact(4L * trees.size() + 20 * nodes));
    }

    @Test
    void aTruncatedNonConstantModelFailsSayingSoWhereverItIsCut() throws IOException {
        byte[] bytes = save(fitted(NON_CONSTANT));
        for (int cut = 0; cut < bytes.length; cut += Math.max(1, cut / 3)) {
            byte[] part = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> load(part)).as("cut at %d of %d", cut, bytes.length)
                    .isInstanceOf(IOException.class).hasMessageContaining("truncated");
        }
    }

    @Test
    void aFlippedByteInCompactTreesFailsTheChecksum() throws IOException {
        byte[] bytes = save(fitted(NON_CONSTANT));
        bytes[bytes.length - 100] ^= 0x10;
        assertThatThrownBy(() -> load(bytes)).isInstanceOf(IOException.class)
                .hasMessage("model stream of 'isolation-forest' is corrupt: tree block checksum mismatch");
    }

    @Test
    void aCompactTreeThatIsNoTreeIsRefusedNamingTheNode() throws IOException {
        byte[] model = save(fitted(NON_CONSTANT));
        byte[] block = treeBlock(model);
        int nodes = ByteBuffer.wrap(block).getInt(0);
        ByteBuffer.wrap(block).putInt(4 + 16 * nodes, 0); // root's right child -> the root itself
        assertThatThrownBy(() -> load(replaceTreeBlock(model, block))).isInstanceOf(IOException.class)
                .hasMessage("model stream of 'isolation-forest' is corrupt: invalid tree block: tree 0: node 0 "
                        + "children must be two distinct unclaimed nodes in (0, " + nodes + "), got 1/0");

        byte[] badInput = treeBlock(model);
        ByteBuffer.wrap(badInput).putInt(4, 4); // root splits on input 4 of 4
        assertThatThrownBy(() -> load(replaceTreeBlock(model, badInput))).isInstanceOf(IOException.class)
                .hasMessageContaining("tree 0: node 0 must split on an input in [0, 4) or be a leaf (-1), got 4");

        byte[] longer = Arrays.copyOf(block, block.length + 2);
        assertThatThrownBy(() -> load(replaceTreeBlock(model, longer))).isInstanceOf(IOException.class)
                .hasMessageContaining("is corrupt: invalid tree block: tree 0:");
        byte[] trailing = Arrays.copyOf(treeBlock(model), block.length + 2);
        assertThatThrownBy(() -> load(replaceTreeBlock(model, trailing))).isInstanceOf(IOException.class)
                .hasMessage("model stream of 'isolation-forest' is corrupt: tree block has 2 bytes after its 30 "
                        + "trees");
        byte[] shorter = Arrays.copyOf(treeBlock(model), block.length - 4);
        assertThatThrownBy(() -> load(replaceTreeBlock(model, shorter))).isInstanceOf(IOException.class)
                .hasMessageContaining("is corrupt: its tree block ends before its 30 trees do");
    }

    @Test
    void compactTreesThatDoNotReproduceTheSavedProbeScoresAreRefused() throws IOException {
        IsolationForestDetector other = new IsolationForestDetector(NON_CONSTANT.withSeed(78));
        other.fit(TABLE);
        byte[] mine = save(fitted(NON_CONSTANT));
        assertThatThrownBy(() -> load(replaceTreeBlock(mine, treeBlock(save(other)))))
                .isInstanceOf(IOException.class).hasMessageContaining("does not reproduce its probe scores")
                .hasMessageEndingWith("it is corrupt");
    }

    @Test
    void anUnknownSplitRuleInTheBodyIsReportedAsCorrupt() throws IOException {
        byte[] bytes = save(fitted());
        int at = indexOf(bytes, "smile".getBytes(StandardCharsets.US_ASCII));
        System.arraycopy("bogus".getBytes(StandardCharsets.US_ASCII), 0, bytes, at, 5);
        assertThatThrownBy(() -> load(bytes)).isInstanceOf(IOException.class).hasMessage("model stream of "
                + "'isolation-forest' is corrupt: invalid settings: split.rule must be one of [smile, non-constant],"
                + " got 'bogus'");
    }

    @Test
    void aSmileModelInAnotherRulesBodyIsRefused() throws IOException {
        byte[] smile = save(fitted());
        byte[] compactBlock = treeBlock(save(fitted(NON_CONSTANT)));
        assertThatThrownBy(() -> load(replaceTreeBlock(smile, compactBlock))).isInstanceOf(IOException.class)
                .hasMessageContaining("is corrupt: its tree block does not deserialise as Smile trees");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
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
