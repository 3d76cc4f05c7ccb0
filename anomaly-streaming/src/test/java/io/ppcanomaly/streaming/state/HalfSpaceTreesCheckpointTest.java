package io.ppcanomaly.streaming.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.spi.ModelStreams;
import io.ppcanomaly.streaming.HalfSpaceTreesConfig;
import io.ppcanomaly.streaming.HalfSpaceTreesDetector;
import io.ppcanomaly.streaming.HalfSpaceTreesProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Checkpoint and restore: continuing from a restored state must be indistinguishable from never stopping. */
class HalfSpaceTreesCheckpointTest {

    private static final HalfSpaceTreesProvider PROVIDER = new HalfSpaceTreesProvider();

    private static double[][] rows(int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            int c = rnd.nextInt(3);
            for (int j = 0; j < d; j++) {
                x[i][j] = rnd.nextDouble() < 0.01 ? 9 * rnd.nextDouble() : c + 0.2 * rnd.nextGaussian();
            }
        }
        return x;
    }

    private static byte[] save(HalfSpaceTreesDetector d) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        d.save(bos);
        return bos.toByteArray();
    }

    private static double[] continueStream(HalfSpaceTreesDetector d, double[][] x, int from) {
        double[] s = new double[x.length - from];
        for (int i = from; i < x.length; i++) {
            s[i - from] = d.scoreAndLearn(x[i]);
        }
        return s;
    }

    @Test
    void restoringMidWindowAndContinuingGivesBitIdenticalScoresToNeverStopping() throws IOException {
        double[][] x = rows(2000, 4, 1);
        HalfSpaceTreesDetector uninterrupted = new HalfSpaceTreesDetector();
        uninterrupted.fit(Arrays.copyOf(x, 300));
        HalfSpaceTreesDetector interrupted = new HalfSpaceTreesDetector();
        interrupted.fit(Arrays.copyOf(x, 300));
        int stop = 737; // fit leaves 50 in the latest window; 437 more swap once and stop 237 into the next
        for (int i = 300; i < stop; i++) {
            uninterrupted.scoreAndLearn(x[i]);
            interrupted.scoreAndLearn(x[i]);
        }
        assertThat(interrupted.latestSize()).isEqualTo(237);
        byte[] bytes = save(interrupted);
        HalfSpaceTreesDetector viaProvider = (HalfSpaceTreesDetector) PROVIDER.load(new ByteArrayInputStream(bytes));
        HalfSpaceTreesDetector viaRegistry = (HalfSpaceTreesDetector) Detectors.load(new ByteArrayInputStream(bytes));
        HalfSpaceTreesDetector viaState = HalfSpaceTreesDetector.restore(interrupted.checkpoint());

        double[] expected = continueStream(uninterrupted, x, stop);
        assertThat(continueStream(viaProvider, x, stop)).containsExactly(expected);
        assertThat(continueStream(viaRegistry, x, stop)).containsExactly(expected);
        assertThat(continueStream(viaState, x, stop)).containsExactly(expected);
        assertThat(save(viaProvider)).as("the whole state after 1,263 more observations").isEqualTo(save(uninterrupted));
        assertThat(viaProvider.threshold()).isEqualTo(uninterrupted.threshold());
    }

    @Test
    void restoringWhileTheFirstReferenceStillFillsContinuesIdentically() throws IOException {
        double[][] x = rows(900, 3, 2);
        HalfSpaceTreesDetector a = new HalfSpaceTreesDetector();
        a.fit(Arrays.copyOf(x, 40));
        for (int i = 40; i < 101; i++) {
            a.learn(x[i]);
        }
        assertThat(a.referenceSize()).isEqualTo(101);
        HalfSpaceTreesDetector b = (HalfSpaceTreesDetector) PROVIDER.load(new ByteArrayInputStream(save(a)));
        assertThat(continueStream(b, x, 101)).containsExactly(continueStream(a, x, 101));
    }

    @Test
    void windowInputRestoresWithItsSchemaAndWindowRows() throws IOException {
        HalfSpaceTreesDetector d = StateFixture.model();
        HalfSpaceTreesDetector r = (HalfSpaceTreesDetector) PROVIDER.load(new ByteArrayInputStream(save(d)));
        assertThat(r.schema()).isEqualTo(StateFixture.SCHEMA);
        assertThat(r.windowLength()).isEqualTo(3);
        assertThat(r.config()).isEqualTo(StateFixture.CONFIG);
        List<FeatureWindow> more = StateFixture.windows(100, 3);
        assertThat(scores(r.scoreAndLearnAll(more))).containsExactly(scores(d.scoreAndLearnAll(more)));
    }

    @Test
    void aModelSavedByFormatVersion1StillLoadsAndScoresAsItDid() throws IOException {
        byte[] fixture;
        try (InputStream in = getClass().getResourceAsStream(StateFixture.RESOURCE)) {
            assertThat(in).as("fixture " + StateFixture.RESOURCE).isNotNull();
            fixture = in.readAllBytes();
        }
        HalfSpaceTreesDetector loaded = (HalfSpaceTreesDetector) PROVIDER.load(new ByteArrayInputStream(fixture));
        HalfSpaceTreesDetector rebuilt = StateFixture.model();
        List<FeatureWindow> more = StateFixture.windows(100, 3);
        assertThat(scores(loaded.scoreAndLearnAll(more))).containsExactly(scores(rebuilt.scoreAndLearnAll(more)));
        if (HalfSpaceTreesState.FORMAT_VERSION == 1) {
            assertThat(save(StateFixture.model())).as("version 1 is written byte for byte as it was").isEqualTo(fixture);
        }
    }

    @Test
    void twoModelsWrittenBackToBackAreReadBackOneAfterTheOther() throws IOException {
        HalfSpaceTreesDetector a = StateFixture.model();
        HalfSpaceTreesDetector b = new HalfSpaceTreesDetector(StateFixture.CONFIG.toBuilder().seed(1).build());
        b.fit(StateFixture.windows(20, 5));
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        a.save(bos);
        b.save(bos);
        ByteArrayInputStream in = new ByteArrayInputStream(bos.toByteArray());
        assertThat(save((HalfSpaceTreesDetector) PROVIDER.load(in))).isEqualTo(save(a));
        assertThat(save((HalfSpaceTreesDetector) PROVIDER.load(in))).isEqualTo(save(b));
        assertThat(in.available()).isZero();
    }

    @Test
    void aFlippedByteAnywhereInTheBodyIsReportedAsCorrupt() throws IOException {
        byte[] bytes = save(StateFixture.model());
        int headerAndLength = 4 + 2 + HalfSpaceTreesProvider.NAME.length() + 4 + 4;
        for (int pos = headerAndLength; pos < bytes.length; pos += 97) {
            byte[] bad = bytes.clone();
            bad[pos] ^= 0x10;
            assertThatThrownBy(() -> PROVIDER.load(new ByteArrayInputStream(bad))).as("byte %d", pos)
                    .isInstanceOf(IOException.class).hasMessageContaining("is corrupt");
        }
    }

    @Test
    void aTruncatedStreamSaysSo() throws IOException {
        byte[] bytes = save(StateFixture.model());
        for (int cut : new int[] {2, 12, 30, bytes.length / 2, bytes.length - 2}) {
            assertThatThrownBy(() -> PROVIDER.load(new ByteArrayInputStream(Arrays.copyOf(bytes, cut))))
                    .as("cut at %d", cut).isInstanceOf(IOException.class).hasMessageContaining("truncated");
        }
    }

    @Test
    void aStreamOfAnotherDetectorOrAnotherVersionIsRefusedNamingIt() throws IOException {
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        ModelStreams.writeHeader(new DataOutputStream(other), "isolation-forest", 1);
        assertThatThrownBy(() -> PROVIDER.load(new ByteArrayInputStream(other.toByteArray())))
                .isInstanceOf(IOException.class)
                .hasMessage("model stream must hold a 'half-space-trees' model, got 'isolation-forest'");
        ByteArrayOutputStream v2 = new ByteArrayOutputStream();
        ModelStreams.writeHeader(new DataOutputStream(v2), HalfSpaceTreesProvider.NAME, 2);
        assertThatThrownBy(() -> PROVIDER.load(new ByteArrayInputStream(v2.toByteArray())))
                .isInstanceOf(IOException.class)
                .hasMessage("model format version of 'half-space-trees' must be in [1, 1], got 2");
    }

    @Test
    void aWellFormedStreamWhoseMassesNoStreamCouldProduceIsCorrupt() throws IOException {
        HalfSpaceTreesState good = StateFixture.model().checkpoint();
        HalfSpaceTreesState.TreeMasses t0 = good.trees().get(0);
        int[] reference = t0.reference().clone();
        reference[reference.length - 1]++; // one leaf more than its parent holds
        List<HalfSpaceTreesState.TreeMasses> trees = new java.util.ArrayList<>(good.trees());
        trees.set(0, new HalfSpaceTreesState.TreeMasses(t0.nodes(), reference, t0.latest()));
        HalfSpaceTreesState bad = new HalfSpaceTreesState(good.config(), good.featureNames(), good.windowLength(),
                good.featureMin(), good.featureMax(), good.threshold(), good.referenceSize(), good.latestSize(),
                good.scale(), good.latestScores(), good.warmUp(), trees);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        HalfSpaceTreesStateMapper.write(bad, bos); // valid checksum: only the content is wrong
        assertThatThrownBy(() -> PROVIDER.load(new ByteArrayInputStream(bos.toByteArray())))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("model stream of 'half-space-trees' is corrupt: tree 0 node")
                .hasMessageContaining("must equal the sum of its children's");
    }

    @Test
    void theStateRecordRejectsShapesThatDoNotFitItsConfig() {
        HalfSpaceTreesState good = StateFixture.model().checkpoint();
        assertThatThrownBy(() -> new HalfSpaceTreesState(good.config(), good.featureNames(), 1, good.featureMin(),
                good.featureMax(), good.threshold(), good.referenceSize(), good.latestSize(), good.scale(),
                good.latestScores(), good.warmUp(), good.trees()))
                .hasMessage("windowLength must be >= windowRows 2, got 1");
        assertThatThrownBy(() -> new HalfSpaceTreesState(good.config(), List.of("a"), 3, good.featureMin(),
                good.featureMax(), good.threshold(), good.referenceSize(), good.latestSize(), good.scale(),
                good.latestScores(), good.warmUp(), good.trees()))
                .hasMessage("feature ranges must have windowRows × features = 2 values, got 6 and 6");
        assertThatThrownBy(() -> new HalfSpaceTreesState(good.config(), good.featureNames(), 3, good.featureMin(),
                good.featureMax(), good.threshold(), good.referenceSize(), good.latestSize(), 0.5,
                good.latestScores(), good.warmUp(), good.trees()))
                .hasMessage("scale must be finite and >= 1, got 0.5");
        assertThat(good.config()).isEqualTo(StateFixture.CONFIG);
        assertThat(FeatureSchema.of(good.featureNames())).isEqualTo(StateFixture.SCHEMA);
    }

    @Test
    void aCheckpointOfTheDefaultModelIsSmallBecauseOnlyMassiveNodesAreStored() throws IOException {
        double[][] x = rows(1000, 6, 3);
        HalfSpaceTreesDetector d = new HalfSpaceTreesDetector(HalfSpaceTreesConfig.DEFAULT);
        d.fit(x);
        int size = save(d).length;
        // at most 2ψ(maxDepth + 1) nodes per tree of 12 bytes: 2.4 MB; clustered data needs far less
        assertThat(size).isLessThan(2_400_000).isGreaterThan(1000);
    }

    private static double[] scores(List<AnomalyResult> rs) {
        return rs.stream().mapToDouble(AnomalyResult::score).toArray();
    }
}
