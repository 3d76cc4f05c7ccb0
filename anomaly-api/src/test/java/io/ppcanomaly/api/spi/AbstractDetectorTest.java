package io.ppcanomaly.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.FitListener;
import io.ppcanomaly.api.FitProgress;
import io.ppcanomaly.api.FitProgress.Stage;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AbstractDetectorTest {

    private static final FeatureSchema AB = FeatureSchema.of("a", "b");
    private static final LocalDateTime T0 = LocalDateTime.of(2026, 3, 1, 0, 0);

    /** The smallest real detector: distance of the last row from the training mean of last rows. */
    private static final class MeanDetector extends AbstractDetector<MeanDetector.Settings, MeanDetector.Model> {

        record Settings(double threshold) {
        }

        record Model(FeatureSchema schema, int windowLength, double threshold, double[] mean) implements FittedModel {
        }

        final AtomicInteger fits = new AtomicInteger();
        RuntimeException failNextFit;

        MeanDetector() {
            super(new Settings(0.5));
        }

        MeanDetector(Model model) {
            this(new Settings(model.threshold()), model);
        }

        MeanDetector(Settings settings, Model model) {
            super(settings, model);
        }

        @Override
        public String name() {
            return "test-mean";
        }

        @Override
        protected Model fitModel(List<FeatureWindow> windows, FitReporter progress) {
            fits.incrementAndGet();
            if (failNextFit != null) {
                RuntimeException e = failNextFit;
                failNextFit = null;
                throw e;
            }
            FeatureWindow first = windows.get(0);
            double[] mean = new double[first.width()];
            for (int i = 0; i < windows.size(); i++) {
                FeatureWindow w = windows.get(i);
                for (int j = 0; j < mean.length; j++) {
                    mean[j] += w.get(w.length() - 1, j) / windows.size();
                }
                progress.advance(FitProgress.Unit.ROWS, i + 1, windows.size());
            }
            return new Model(first.schema(), first.length(), config().threshold(), mean);
        }

        @Override
        public List<AnomalyResult> scoreAll(List<FeatureWindow> windows) {
            Model m = fittedFor(windows);
            List<AnomalyResult> out = new ArrayList<>();
            for (FeatureWindow w : windows) {
                double d = 0;
                for (int j = 0; j < m.mean.length; j++) {
                    d += Math.abs(w.get(w.length() - 1, j) - m.mean[j]);
                }
                out.add(AnomalyResult.of(w, name(), d, d / (1 + d), m.threshold()));
            }
            return out;
        }

        @Override
        protected void writeModel(Model m, OutputStream out) throws IOException {
            DataOutputStream d = new DataOutputStream(out);
            ModelStreams.writeHeader(d, name(), 1);
            d.writeInt(m.mean.length);
            for (double v : m.mean) {
                d.writeDouble(v);
            }
            d.flush();
        }

        Model published() {
            return isFitted() ? fitted() : null;
        }
    }

    private static List<FeatureWindow> windows(FeatureSchema schema, int length, double level, int n) {
        List<FeatureWindow> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] v = new double[length * schema.size()];
            java.util.Arrays.fill(v, level + 0.01 * i);
            out.add(FeatureWindow.of(schema, v, "e" + i, T0.plusDays(i)));
        }
        return out;
    }

    @Test
    void anUnfittedDetectorSaysSoForEveryQuestionAboutItsModel() {
        MeanDetector d = new MeanDetector();
        assertThat(d.isFitted()).isFalse();
        assertThat(d.published()).isNull();
        String message = "test-mean must be fitted (or loaded) before scoring";
        assertThatThrownBy(d::schema).isInstanceOf(IllegalStateException.class).hasMessage(message);
        assertThatThrownBy(d::windowLength).isInstanceOf(IllegalStateException.class).hasMessage(message);
        assertThatThrownBy(d::threshold).isInstanceOf(IllegalStateException.class).hasMessage(message);
        assertThatThrownBy(() -> d.scoreAll(windows(AB, 3, 0, 2))).isInstanceOf(IllegalStateException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> d.save(new ByteArrayOutputStream())).isInstanceOf(IllegalStateException.class)
                .hasMessage(message);
    }

    @Test
    void toStringSaysWhetherTheDetectorIsFitted() {
        MeanDetector d = new MeanDetector();
        assertThat(d).hasToString("test-mean[unfitted, Settings[threshold=0.5]]");
        d.fit(windows(AB, 3, 1.0, 1));
        assertThat(d.toString()).startsWith("test-mean[Model[schema=").endsWith(", Settings[threshold=0.5]]");
    }

    @Test
    void fitPublishesTheModelAndTheAccessorsAnswerFromIt() {
        MeanDetector d = new MeanDetector();
        d.fit(windows(AB, 3, 1.0, 5));
        assertThat(d.isFitted()).isTrue();
        assertThat(d.schema()).isEqualTo(AB);
        assertThat(d.windowLength()).isEqualTo(3);
        assertThat(d.threshold()).isEqualTo(0.5);
        assertThat(d.published().mean()).containsExactly(1.02, 1.02);
        assertThat(d.score(windows(AB, 3, 1.02, 1).get(0)).score()).isZero();
    }

    @Test
    void badTrainingWindowsAreRejectedBeforeTheProviderSeesThem() {
        MeanDetector d = new MeanDetector();
        assertThatThrownBy(() -> d.fit(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("training windows must not be empty, got 0");
        List<FeatureWindow> mixed = new ArrayList<>(windows(AB, 3, 0, 2));
        mixed.addAll(windows(AB, 4, 0, 1));
        assertThatThrownBy(() -> d.fit(mixed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window 2 length must be 3, got 4");
        assertThatThrownBy(() -> d.fit(null)).isInstanceOf(NullPointerException.class);
        assertThat(d.fits).hasValue(0);
        assertThat(d.isFitted()).isFalse();
    }

    @Test
    void aFailedFitKeepsThePreviousModel() {
        MeanDetector d = new MeanDetector();
        d.fit(windows(AB, 3, 1.0, 5));
        MeanDetector.Model before = d.published();
        d.failNextFit = new IllegalStateException("diverged");
        assertThatThrownBy(() -> d.fit(windows(AB, 3, 9.0, 5))).hasMessage("diverged");
        assertThat(d.published()).isSameAs(before);
        assertThat(d.fits).hasValue(2);
    }

    @Test
    void aRefitReplacesTheModelWhole() {
        MeanDetector d = new MeanDetector();
        d.fit(windows(AB, 3, 1.0, 5));
        FeatureSchema other = FeatureSchema.of("x");
        d.fit(windows(other, 7, 2.0, 4));
        assertThat(d.schema()).isEqualTo(other);
        assertThat(d.windowLength()).isEqualTo(7);
        assertThatThrownBy(() -> d.scoreAll(windows(AB, 3, 0, 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window 0 features must be " + other + ", got " + AB);
    }

    @Test
    void scoringChecksEveryWindowAgainstThePublishedModel() {
        MeanDetector d = new MeanDetector();
        d.fit(windows(AB, 3, 1.0, 5));
        List<FeatureWindow> batch = new ArrayList<>(windows(AB, 3, 1.0, 2));
        batch.addAll(windows(AB, 2, 1.0, 1));
        assertThatThrownBy(() -> d.scoreAll(batch)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window 2 length must be 3, got 2");
        assertThatThrownBy(() -> d.fittedFor(windows(AB, 2, 1.0, 1).get(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("window length must be 3, got 2");
        assertThat(d.fittedFor(batch.get(0))).isSameAs(d.published());
    }

    @Test
    void saveWritesThePublishedModelAndRefusesANullStream() throws IOException {
        MeanDetector d = new MeanDetector();
        d.fit(windows(AB, 3, 1.0, 5));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        d.save(bytes);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(ModelStreams.readHeader(in, "test-mean", 1, 1)).isEqualTo(1);
        assertThat(in.readInt()).isEqualTo(2);
        assertThat(in.readDouble()).isEqualTo(1.02);
        assertThatThrownBy(() -> d.save(null)).isInstanceOf(NullPointerException.class).hasMessage("out");
    }

    @Test
    void aListenerHearsTheStartEveryRowAndTheFinishOnceTheModelIsPublished() {
        MeanDetector d = new MeanDetector();
        List<String> heard = new ArrayList<>();
        d.fit(windows(AB, 3, 1.0, 3), p -> heard.add(p.stage() + " " + p.unit() + " " + p.done() + "/" + p.total()
                + " " + p.path() + " fitted=" + d.isFitted()));
        assertThat(heard).containsExactly(
                "STARTED ROWS 0.0/3 [test-mean] fitted=false",
                "PROGRESS ROWS 1.0/3 [test-mean] fitted=false",
                "PROGRESS ROWS 2.0/3 [test-mean] fitted=false",
                "PROGRESS ROWS 3.0/3 [test-mean] fitted=false",
                "FINISHED ROWS 3.0/3 [test-mean] fitted=true");
    }

    @Test
    void aListenerThatThrowsAbortsTheFitAndTheOldModelStays() {
        MeanDetector d = new MeanDetector();
        d.fit(windows(AB, 3, 1.0, 5));
        MeanDetector.Model before = d.published();
        FitListener boom = p -> {
            if (p.stage() == Stage.PROGRESS) {
                throw new IllegalStateException("cancelled");
            }
        };
        assertThatThrownBy(() -> d.fit(windows(AB, 3, 9.0, 5), boom)).hasMessage("cancelled");
        assertThat(d.published()).isSameAs(before);
        assertThatThrownBy(() -> d.fit(windows(AB, 3, 9.0, 5), null)).isInstanceOf(NullPointerException.class)
                .hasMessage("listener");
    }

    @Test
    void listeningChangesNothingInTheModel() {
        MeanDetector quiet = new MeanDetector();
        quiet.fit(windows(AB, 3, 1.0, 7));
        MeanDetector heard = new MeanDetector();
        List<FitProgress> events = new ArrayList<>();
        heard.fit(windows(AB, 3, 1.0, 7), events::add);
        assertThat(events).hasSize(9);
        assertThat(heard.published().mean()).containsExactly(quiet.published().mean());
        MeanDetector none = new MeanDetector();
        none.fit(windows(AB, 3, 1.0, 7), FitListener.NONE);
        assertThat(none.published().mean()).containsExactly(quiet.published().mean());
    }

    @Test
    void aDetectorMadeFromALoadedModelIsFittedAndNullIsRefused() {
        MeanDetector.Model m = new MeanDetector.Model(AB, 4, 0.7, new double[] {0, 0});
        MeanDetector d = new MeanDetector(m);
        assertThat(d.isFitted()).isTrue();
        assertThat(d.windowLength()).isEqualTo(4);
        assertThat(d.threshold()).isEqualTo(0.7);
        assertThat(d.config()).isEqualTo(new MeanDetector.Settings(0.7));
        assertThatThrownBy(() -> new MeanDetector(new MeanDetector.Settings(0.5), null))
                .isInstanceOf(NullPointerException.class).hasMessage("model");
        assertThatThrownBy(() -> new MeanDetector(null, m)).isInstanceOf(NullPointerException.class)
                .hasMessage("config");
        assertThatThrownBy(() -> d.publish(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("fitted model of test-mean");
        assertThat(d.published()).isSameAs(m);
    }
}
