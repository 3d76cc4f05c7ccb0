package io.ppcanomaly.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.FitProgress;
import io.ppcanomaly.api.StreamingDetector;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.spi.DetectorProvider;
import io.ppcanomaly.api.spi.ModelStreams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Detector} provider must meet, run by each provider module against its own provider
 * as found through {@link java.util.ServiceLoader}: discovery, lifecycle, score range, determinism, batch/single
 * agreement, persistence round trip, concurrent scoring and bad input.
 *
 * <p>Extend it once per provider and implement {@link #providerName()}; override {@link #options()} to keep the
 * model small and fast (the kit fits a handful of models), and {@link #windowLength()} if the provider needs a
 * particular length. The data are scale-free PPC-like windows: correlated noise around 0 with a few obvious
 * outliers.
 */
public abstract class DetectorContractTest {

    /** Seed of the generated windows. */
    protected static final long DATA_SEED = 20260314L;

    private List<FeatureWindow> training;
    private List<FeatureWindow> inliers;
    private List<FeatureWindow> outliers;

    /** @return the provider under test, e.g. {@code isolation-forest} */
    protected abstract String providerName();

    /** @return options giving a small, fast, seeded model; default: none */
    protected Properties options() {
        return new Properties();
    }

    /** @return window length of the generated data; default 14 */
    protected int windowLength() {
        return 14;
    }

    /** @return number of training windows; default 400 */
    protected int trainingSize() {
        return 400;
    }

    /** @return the schema of the generated data; default {@link FeatureSchema#DEFAULT} */
    protected FeatureSchema schema() {
        return FeatureSchema.DEFAULT;
    }

    @BeforeEach
    void makeData() {
        SplittableRandom rnd = new SplittableRandom(DATA_SEED);
        training = windows(rnd, trainingSize(), 0.0, "train");
        inliers = windows(rnd, 40, 0.0, "in");
        outliers = windows(rnd, 10, 3.0, "out");
    }

    /** Generated windows: AR(1) noise per feature, with a shift of {@code shock} on the last two periods. */
    protected final List<FeatureWindow> windows(SplittableRandom rnd, int n, double shock, String prefix) {
        FeatureSchema s = schema();
        int len = windowLength();
        int f = s.size();
        LocalDateTime t0 = LocalDateTime.of(2026, 3, 1, 0, 0);
        List<FeatureWindow> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] v = new double[len * f];
            for (int j = 0; j < f; j++) {
                double x = 0;
                for (int t = 0; t < len; t++) {
                    x = 0.5 * x + 0.15 * gaussian(rnd);
                    double shift = t >= len - 2 ? shock * (j % 2 == 0 ? 1 : -1) : 0.0;
                    v[t * f + j] = x + shift;
                }
            }
            out.add(FeatureWindow.of(s, v, prefix + "-" + i, t0.plusDays(i % 28)));
        }
        return out;
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller with a deterministic generator
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** @return a fresh, unfitted detector from the registry */
    protected final Detector newDetector() {
        return Detectors.create(providerName(), options());
    }

    /** @return a fitted detector */
    protected final Detector fitted() {
        Detector d = newDetector();
        d.fit(training);
        return d;
    }

    /** @return the generated training windows */
    protected final List<FeatureWindow> trainingWindows() {
        return training;
    }

    private List<FeatureWindow> probe() {
        List<FeatureWindow> all = new ArrayList<>(inliers);
        all.addAll(outliers);
        return all;
    }

    private static double[] scores(List<AnomalyResult> rs) {
        return rs.stream().mapToDouble(AnomalyResult::score).toArray();
    }

    @Test
    void providerIsFoundByNameThroughServiceLoader() {
        assertThat(Detectors.available()).contains(providerName());
        DetectorProvider p = Detectors.provider(providerName());
        assertThat(p.name()).isEqualTo(providerName());
        assertThat(p.description()).isNotBlank();
        assertThat(newDetector().name()).isEqualTo(providerName());
    }

    @Test
    void scoringBeforeFittingThrowsIllegalState() {
        Detector d = newDetector();
        assertThat(d.isFitted()).isFalse();
        assertThatThrownBy(() -> d.score(inliers.get(0))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> d.scoreAll(inliers)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(d::threshold).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> d.save(new ByteArrayOutputStream())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fittedScoresAreFiniteInUnitRangeAndCarryTheWindowIdentity() {
        Detector d = fitted();
        assertThat(d.isFitted()).isTrue();
        assertThat(d.schema()).isEqualTo(schema());
        assertThat(d.windowLength()).isEqualTo(windowLength());
        assertThat(d.threshold()).isBetween(0.0, 1.0);
        List<FeatureWindow> probe = probe();
        List<AnomalyResult> rs = d.scoreAll(probe);
        assertThat(rs).hasSize(probe.size());
        for (int i = 0; i < rs.size(); i++) {
            AnomalyResult r = rs.get(i);
            assertThat(r.score()).isBetween(0.0, 1.0);
            assertThat(Double.isFinite(r.rawScore())).isTrue();
            assertThat(r.anomalous()).isEqualTo(r.score() >= r.threshold());
            assertThat(r.entityId()).isEqualTo(probe.get(i).entityId());
            assertThat(r.period()).isEqualTo(probe.get(i).period());
            assertThat(r.detector()).isEqualTo(providerName());
        }
    }

    @Test
    void obviousOutliersScoreAboveInliers() {
        Detector d = fitted();
        double in = Arrays.stream(scores(d.scoreAll(inliers))).average().orElseThrow();
        double out = Arrays.stream(scores(d.scoreAll(outliers))).average().orElseThrow();
        assertThat(out).as("mean outlier score vs mean inlier score %s", in).isGreaterThan(in);
    }

    @Test
    void sameSeedAndDataGiveBitIdenticalScores() {
        double[] a = scores(fitted().scoreAll(probe()));
        double[] b = scores(fitted().scoreAll(probe()));
        assertThat(b).containsExactly(a);
    }

    @Test
    void aFitListenerHearsOrderedProgressAndChangesNoScore() {
        List<FitProgress> heard = new ArrayList<>();
        Detector d = newDetector();
        d.fit(training, p -> {
            assertThat(d.isFitted()).as("fitted while hearing %s", p).isEqualTo(p.stage() == FitProgress.Stage.FINISHED
                    && p.depth() == 0);
            heard.add(p);
        });
        FitEvents.assertWellOrdered(heard);
        assertThat(heard.get(0).path()).containsExactly(providerName());
        assertThat(heard.get(0).rows()).isEqualTo(training.size());
        assertThat(scores(d.scoreAll(probe()))).containsExactly(scores(fitted().scoreAll(probe())));
    }

    @Test
    void batchScoresEqualSingleScores() {
        Detector d = fitted();
        List<FeatureWindow> probe = probe();
        double[] batch = scores(d.scoreAll(probe));
        for (int i = 0; i < probe.size(); i++) {
            assertThat(d.score(probe.get(i)).score()).as("window %d", i).isEqualTo(batch[i]);
        }
        assertThat(d.scoreAll(List.of())).isEmpty();
    }

    @Test
    void savedAndLoadedModelGivesIdenticalScores() throws IOException {
        Detector d = fitted();
        byte[] bytes = save(d);
        Detector viaProvider = Detectors.provider(providerName()).load(new ByteArrayInputStream(bytes));
        Detector viaRegistry = Detectors.load(new ByteArrayInputStream(bytes));
        double[] expected = scores(d.scoreAll(probe()));
        assertThat(scores(viaProvider.scoreAll(probe()))).containsExactly(expected);
        assertThat(scores(viaRegistry.scoreAll(probe()))).containsExactly(expected);
        assertThat(viaProvider.threshold()).isEqualTo(d.threshold());
        assertThat(viaProvider.schema()).isEqualTo(d.schema());
    }

    @Test
    void concurrentScoringGivesTheSameResultsAsSequential() throws Exception {
        Detector d = fitted();
        List<FeatureWindow> probe = probe();
        double[] expected = scores(d.scoreAll(probe));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> fs = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                boolean single = k % 2 == 0;
                fs.add(pool.submit(() -> {
                    if (!single) {
                        return scores(d.scoreAll(probe));
                    }
                    double[] out = new double[probe.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = d.score(probe.get(i)).score();
                    }
                    return out;
                }));
            }
            for (Future<double[]> f : fs) {
                assertThat(f.get()).containsExactly(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fittingOnNoWindowsIsRejected() {
        assertThatThrownBy(() -> newDetector().fit(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void fittingOnMixedSchemasIsRejectedAndLeavesTheDetectorUnfitted() {
        List<FeatureWindow> mixed = new ArrayList<>(training);
        mixed.add(otherSchemaWindow(windowLength()));
        Detector d = newDetector();
        assertThatThrownBy(() -> d.fit(mixed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("features");
        assertThat(d.isFitted()).isFalse();
    }

    @Test
    void scoringAWindowWithOtherFeaturesIsRejectedNamingThem() {
        Detector d = fitted();
        FeatureWindow other = otherSchemaWindow(windowLength());
        assertThatThrownBy(() -> d.score(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(other.schema().name(0));
        List<FeatureWindow> batch = new ArrayList<>(inliers);
        batch.add(other);
        assertThatThrownBy(() -> d.scoreAll(batch)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scoringAWindowOfTheWrongLengthIsRejected() {
        Detector d = fitted();
        FeatureWindow shorter = FeatureWindow.zeros(schema(), windowLength() + 1, "x", null);
        assertThatThrownBy(() -> d.score(shorter)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length");
    }

    @Test
    void unknownOptionsAreRejectedNamingTheKey() {
        Properties p = new Properties();
        p.putAll(options());
        p.setProperty("no.such.option", "1");
        assertThatThrownBy(() -> Detectors.create(providerName(), p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no.such.option");
    }

    @Test
    void nonFiniteValuesNeverReachTheDetector() {
        double[] v = new double[windowLength() * schema().size()];
        v[3] = Double.NaN;
        assertThatThrownBy(() -> FeatureWindow.of(schema(), v, "kw", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }

    @Test
    void aTruncatedModelStreamFailsWithAClearMessage() throws IOException {
        byte[] bytes = save(fitted());
        for (int cut : new int[] {0, 3, 10, bytes.length / 2, bytes.length - 1}) {
            byte[] part = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> Detectors.provider(providerName()).load(new ByteArrayInputStream(part)))
                    .as("cut at %d of %d bytes", cut, bytes.length)
                    .isInstanceOf(IOException.class).hasMessageMatching("(?is).*(truncated|corrupt|empty|ended).*");
        }
    }

    @Test
    void aStreamOfAnotherDetectorOrVersionFailsWithAClearMessage() throws IOException {
        ByteArrayOutputStream foreign = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(foreign);
        ModelStreams.writeHeader(out, "some-other-detector", 1);
        out.writeLong(42);
        out.flush();
        assertThatThrownBy(() -> Detectors.provider(providerName()).load(new ByteArrayInputStream(foreign.toByteArray())))
                .isInstanceOf(IOException.class).hasMessageContaining("some-other-detector");

        ByteArrayOutputStream future = new ByteArrayOutputStream();
        DataOutputStream out2 = new DataOutputStream(future);
        ModelStreams.writeHeader(out2, providerName(), 9_999);
        out2.flush();
        assertThatThrownBy(() -> Detectors.provider(providerName()).load(new ByteArrayInputStream(future.toByteArray())))
                .isInstanceOf(IOException.class).hasMessageContaining("9999");

        byte[] garbage = new byte[256];
        new SplittableRandom(1).nextBytes(garbage);
        assertThatThrownBy(() -> Detectors.provider(providerName()).load(new ByteArrayInputStream(garbage)))
                .isInstanceOf(IOException.class).hasMessageContaining("magic");
    }

    @Test
    void scoreAndLearnScoresBeforeLearningForStreamingDetectors() {
        Detector d = fitted();
        if (!(d instanceof StreamingDetector s)) {
            return; // batch-only detectors have nothing to check here
        }
        FeatureWindow w = outliers.get(0);
        double before = s.score(w).score();
        assertThat(s.scoreAndLearn(w).score()).isEqualTo(before);
    }

    private FeatureWindow otherSchemaWindow(int length) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < schema().size(); i++) {
            names.add("other" + i);
        }
        return FeatureWindow.zeros(FeatureSchema.of(names), length, "other", null);
    }

    private static byte[] save(Detector d) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        d.save(bos);
        return bos.toByteArray();
    }
}
