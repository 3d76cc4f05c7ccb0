package io.ppcanomaly.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.FitListener;
import io.ppcanomaly.api.FitProgress;
import io.ppcanomaly.api.FitProgress.Stage;
import io.ppcanomaly.api.FitProgress.Unit;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class FitReporterTest {

    private final List<FitProgress> heard = new ArrayList<>();

    @Test
    void startAdvanceAndFinishSendEventsInOrderWithTheLosses() {
        FitReporter r = FitReporter.start(heard::add, "lstm-autoencoder", 500);
        r.advance(Unit.EPOCHS, 0.5, 4);
        r.advance(Unit.EPOCHS, 1, 4, OptionalDouble.of(0.8), OptionalDouble.of(0.9));
        r.finish();
        assertThat(heard).extracting(FitProgress::stage)
                .containsExactly(Stage.STARTED, Stage.PROGRESS, Stage.PROGRESS, Stage.FINISHED);
        assertThat(heard.get(0)).satisfies(p -> {
            assertThat(p.unit()).isEqualTo(Unit.ROWS);
            assertThat(p.done()).isZero();
            assertThat(p.total()).isEqualTo(500);
            assertThat(p.detector()).isEqualTo("lstm-autoencoder");
            assertThat(p.depth()).isZero();
        });
        assertThat(heard.get(1).fraction()).isEqualTo(0.125);
        assertThat(heard.get(1).loss()).isEmpty();
        assertThat(heard.get(2).loss()).hasValue(0.8);
        assertThat(heard.get(2).validationLoss()).hasValue(0.9);
        assertThat(heard.get(3).done()).isEqualTo(500);
        assertThat(heard).allSatisfy(p -> assertThat(p.rows()).isEqualTo(500));
    }

    @Test
    void progressMustKeepItsUnitAndTotalAndNeverGoBack() {
        FitReporter r = FitReporter.start(heard::add, "x", 10);
        r.advance(Unit.TREES, 3, 10);
        assertThatThrownBy(() -> r.advance(Unit.TREES, 2, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("done must be in [3.0, 10], got 2.0");
        assertThatThrownBy(() -> r.advance(Unit.TREES, 11, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.advance(Unit.EPOCHS, 4, 10)).isInstanceOf(IllegalStateException.class)
                .hasMessage("progress of one fit must keep unit TREES and total 10, got EPOCHS and 10");
        assertThatThrownBy(() -> r.advance(Unit.TREES, 4, 20)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> r.advance(Unit.TREES, 4, 10, OptionalDouble.of(Double.NaN), OptionalDouble.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("loss must be finite and >= 0, got NaN");
        r.advance(Unit.TREES, 3, 10);
        assertThat(heard).hasSize(3);
    }

    @Test
    void nobodyListeningBuildsNoEventsAndTheSilentReporterIgnoresEverything() {
        FitReporter r = FitReporter.start(FitListener.NONE, "x", 10);
        assertThat(r.isListening()).isFalse();
        assertThat(r.nested()).isSameAs(FitListener.NONE);
        r.advance(Unit.ROWS, 5, 10);
        r.finish();
        FitReporter silent = FitReporter.silent();
        silent.advance(Unit.ROWS, 5, 10);
        silent.advance(Unit.TREES, 1, 3);
        silent.finish();
        assertThat(silent.isListening()).isFalse();
    }

    @Test
    void innerFitsAreHeardUnderTheOuterPathAndTheirListenerFailuresAreRecognised() {
        FitReporter outer = FitReporter.start(heard::add, "ensemble", 100);
        FitReporter inner = FitReporter.start(outer.nested(), "isolation-forest", 80);
        inner.advance(Unit.TREES, 1, 2);
        inner.finish();
        assertThat(heard).extracting(p -> p.path() + " " + p.stage()).containsExactly(
                "[ensemble] STARTED", "[ensemble, isolation-forest] STARTED", "[ensemble, isolation-forest] PROGRESS",
                "[ensemble, isolation-forest] FINISHED");
        assertThat(heard.get(2).depth()).isEqualTo(1);
        assertThat(heard.get(2).rows()).isEqualTo(80);

        IllegalStateException stop = new IllegalStateException("stop");
        FitReporter strict = FitReporter.start(p -> {
            if (p.depth() > 0) {
                throw stop;
            }
        }, "ensemble", 10);
        assertThatThrownBy(() -> FitReporter.start(strict.nested(), "m", 5)).isSameAs(stop);
        assertThat(strict.isListenerFailure(stop)).isTrue();
        assertThat(strict.isListenerFailure(new IllegalStateException("stop"))).isFalse();
        assertThat(strict.isListenerFailure(null)).isFalse();
    }

    @Test
    void eventsRejectNonsense() {
        List<String> path = List.of("x");
        OptionalDouble none = OptionalDouble.empty();
        assertThatThrownBy(() -> new FitProgress(List.of(), Stage.STARTED, Unit.ROWS, 0, 1, 1, none, none, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("path must name the detector, got []");
        assertThatThrownBy(() -> new FitProgress(path, Stage.PROGRESS, Unit.ROWS, 2, 1, 1, none, none, 0))
                .hasMessage("done must be in [0, 1], got 2.0");
        assertThatThrownBy(() -> new FitProgress(path, Stage.PROGRESS, Unit.ROWS, Double.NaN, 1, 1, none, none, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FitProgress(path, Stage.PROGRESS, Unit.ROWS, 0, 1, -1, none, none, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FitProgress(path, Stage.PROGRESS, Unit.ROWS, 0, 1, 1, OptionalDouble.of(-1),
                none, 0)).hasMessage("loss must be finite and >= 0, got -1.0");
        FitProgress p = new FitProgress(path, Stage.PROGRESS, Unit.EPOCHS, 0, 0, 1, none, none, 0);
        assertThat(p.fraction()).isEqualTo(1.0);
        assertThat(p.within("ensemble").path()).containsExactly("ensemble", "x");
        assertThatThrownBy(() -> p.within(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    /** A detector written against {@link Detector} alone, not {@link AbstractDetector}. */
    private static final class PlainDetector implements Detector {
        boolean fitted;

        @Override
        public String name() {
            return "plain";
        }

        @Override
        public void fit(List<FeatureWindow> windows) {
            fitted = true;
        }

        @Override
        public boolean isFitted() {
            return fitted;
        }

        @Override
        public FeatureSchema schema() {
            return FeatureSchema.of("a");
        }

        @Override
        public int windowLength() {
            return 1;
        }

        @Override
        public double threshold() {
            return 0.5;
        }

        @Override
        public List<AnomalyResult> scoreAll(List<FeatureWindow> windows) {
            return List.of();
        }

        @Override
        public void save(OutputStream out) {
        }
    }

    @Test
    void anyDetectorReportsItsStartAndFinishThroughTheDefault() {
        PlainDetector d = new PlainDetector();
        FeatureWindow w = FeatureWindow.of(FeatureSchema.of("a"), new double[] {1}, "e", LocalDateTime.of(2026, 3, 1,
                0, 0));
        d.fit(List.of(w, w), heard::add);
        assertThat(d.isFitted()).isTrue();
        assertThat(heard).extracting(p -> p.stage() + " " + p.done() + "/" + p.total())
                .containsExactly("STARTED 0.0/2", "FINISHED 2.0/2");
        assertThatThrownBy(() -> d.fit(List.of(), heard::add)).isInstanceOf(IllegalArgumentException.class);
    }
}
