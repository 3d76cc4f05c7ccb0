package io.ppcanomaly.lstm;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.FitProgress;
import io.ppcanomaly.api.FitProgress.Stage;
import io.ppcanomaly.api.FitProgress.Unit;
import io.ppcanomaly.api.contract.FitEvents;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.lstm.train.EpochProgress;
import io.ppcanomaly.lstm.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The LSTM's epochs and losses as the {@code Detector} SPI's fit listener hears them. */
class LstmFitProgressTest {

    @Test
    void theListenerHearsEveryMinibatchAsAFractionOfAnEpochAndEachEpochsLosses() {
        List<FeatureWindow> training = TestModels.normalWindows(30, 20, 14, 1);
        LstmAutoencoderDetector d = new LstmAutoencoderDetector(TestModels.small().toBuilder().epochs(3)
                .patience(3).build());
        List<EpochProgress> epochs = new ArrayList<>();
        d.addTrainingListener((TrainingListener) epochs::add);
        List<FitProgress> heard = new ArrayList<>();
        d.fit(training, heard::add);

        FitEvents.assertWellOrdered(heard);
        List<FitProgress> progress = heard.stream().filter(p -> p.stage() == Stage.PROGRESS).toList();
        assertThat(progress).allSatisfy(p -> {
            assertThat(p.unit()).isEqualTo(Unit.EPOCHS);
            assertThat(p.total()).isEqualTo(3);
        });
        // one report before training, 9 minibatches per epoch (540 pooled windows / 64), one report per epoch's end
        assertThat(progress).hasSize(1 + 3 * 9 + 3);
        assertThat(progress.get(0).done()).isZero();
        assertThat(progress.get(1).done()).isEqualTo(1.0 / 9);
        List<FitProgress> ends = progress.stream().filter(p -> p.loss().isPresent()).toList();
        assertThat(ends).hasSize(epochs.size()).hasSize(3);
        for (int e = 0; e < ends.size(); e++) {
            assertThat(ends.get(e).done()).isEqualTo(e + 1.0);
            assertThat(ends.get(e).loss()).hasValue(epochs.get(e).trainingLoss());
            assertThat(ends.get(e).validationLoss()).hasValue(epochs.get(e).validationLoss());
        }
        assertThat(heard.get(heard.size() - 1).rows()).isEqualTo(600);
        assertThat(d.model().summary().epochs()).isEqualTo(3);
    }
}
