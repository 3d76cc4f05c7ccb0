package io.ppcanomaly.streaming.state;

import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.streaming.HalfSpaceTreesConfig;
import io.ppcanomaly.streaming.HalfSpaceTreesDetector;
import io.ppcanomaly.streaming.tree.SplitRule;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The model saved as {@code src/test/resources/fixtures/half-space-trees-v1.bin}: small, deterministic, stopped in
 * the middle of a window. Regenerate only when adding a new format version (keep the old fixture):
 * {@code java -cp target/classes:target/test-classes:<api jar>:<slf4j jar>
 * io.ppcanomaly.streaming.state.StateFixture src/test/resources/fixtures/half-space-trees-v1.bin}
 */
final class StateFixture {

    static final String RESOURCE = "/fixtures/half-space-trees-v1.bin";
    static final FeatureSchema SCHEMA = FeatureSchema.of("ctr", "cpc", "acos");
    static final HalfSpaceTreesConfig CONFIG = HalfSpaceTreesConfig.builder().numberOfTrees(5).maxDepth(6)
            .windowSize(32).splitRule(SplitRule.MIDPOINT).windowRows(2).seed(20260314L).build();

    private StateFixture() {
    }

    /** Deterministic windows of length 3. */
    static List<FeatureWindow> windows(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<FeatureWindow> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] v = new double[9];
            for (int j = 0; j < 9; j++) {
                v[j] = (i % 3) + 0.25 * rnd.nextGaussian();
            }
            out.add(FeatureWindow.of(SCHEMA, v, "kw-" + i, null));
        }
        return out;
    }

    /** Fitted on 40 windows (reference full, 8 in the latest), then 13 more learnt: mid-window. */
    static HalfSpaceTreesDetector model() {
        HalfSpaceTreesDetector d = new HalfSpaceTreesDetector(CONFIG);
        d.fit(windows(40, 1));
        d.scoreAndLearnAll(windows(13, 2));
        return d;
    }

    public static void main(String[] args) throws IOException {
        try (OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
            model().save(out);
        }
    }
}
