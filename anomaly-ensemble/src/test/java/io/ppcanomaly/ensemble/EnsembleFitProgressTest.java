package io.ppcanomaly.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.FitProgress;
import io.ppcanomaly.api.FitProgress.Stage;
import io.ppcanomaly.api.contract.FitEvents;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.ensemble.support.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What a fit listener hears from the ensemble: its members counted, and each member's own events under it. */
class EnsembleFitProgressTest {

    private static final List<FeatureWindow> TRAINING = TestData.normal(1, 600);

    private static EnsembleDetector defaults(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return new EnsembleDetectorProvider(TestData.defaultsStandIn()).createEnsemble(p);
    }

    private static String describe(FitProgress p) {
        return String.join("/", p.path()) + " " + p.stage() + " " + p.unit() + " " + (long) p.done() + "/" + p.total();
    }

    @Test
    void membersAreCountedAndEachMembersFitIsHeardUnderTheEnsemble() {
        List<FitProgress> heard = new ArrayList<>();
        EnsembleDetector d = defaults();
        d.fit(TRAINING, heard::add);
        FitEvents.assertWellOrdered(heard);
        // the older periods fit the members (period-tail first: it screens the others' training data), the latest
        // 20% of periods calibrate them; on clean data the screen drops nothing, so every member sees as many rows
        long rows = heard.get(2).rows();
        assertThat(heard).extracting(EnsembleFitProgressTest::describe).containsExactly(
                "ensemble STARTED ROWS 0/600",
                "ensemble PROGRESS MEMBERS 0/4",
                "ensemble/period-tail STARTED ROWS 0/" + rows,
                "ensemble/period-tail FINISHED ROWS " + rows + "/" + rows,
                "ensemble PROGRESS MEMBERS 1/4",
                "ensemble/lstm-autoencoder STARTED ROWS 0/" + rows,
                "ensemble/lstm-autoencoder FINISHED ROWS " + rows + "/" + rows,
                "ensemble PROGRESS MEMBERS 2/4",
                "ensemble/half-space-trees STARTED ROWS 0/" + rows,
                "ensemble/half-space-trees FINISHED ROWS " + rows + "/" + rows,
                "ensemble PROGRESS MEMBERS 3/4",
                "ensemble/isolation-forest STARTED ROWS 0/" + rows,
                "ensemble/isolation-forest FINISHED ROWS " + rows + "/" + rows,
                "ensemble PROGRESS MEMBERS 4/4",
                "ensemble FINISHED ROWS 600/600");
        assertThat(rows).isBetween(400L, 599L);
        assertThat(heard.get(2).depth()).isEqualTo(1);
        assertThat(heard.get(2).detector()).isEqualTo("period-tail");
    }

    @Test
    void aMemberThatFailsToFitIsStillCountedAndNeverHeardToFinish() {
        List<FitProgress> heard = new ArrayList<>();
        EnsembleDetector d = defaults("member.lstm-autoencoder.fail", "fit");
        d.fit(TRAINING, heard::add);
        assertThat(d.memberWeights()).doesNotContainKey("lstm-autoencoder");
        assertThat(heard).extracting(EnsembleFitProgressTest::describe)
                .contains("ensemble PROGRESS MEMBERS 2/4", "ensemble PROGRESS MEMBERS 4/4")
                .noneMatch(s -> s.startsWith("ensemble/lstm-autoencoder FINISHED"));
        assertThat(heard.get(heard.size() - 1).stage()).isEqualTo(Stage.FINISHED);
    }

    @Test
    void aListenerThatThrowsOnAMembersEventAbortsTheWholeFitEvenWhenNotStrict() {
        EnsembleDetector d = defaults();
        IllegalStateException cancel = new IllegalStateException("cancelled by the caller");
        assertThatThrownBy(() -> d.fit(TRAINING, p -> {
            if (p.path().contains("half-space-trees")) {
                throw cancel;
            }
        })).isSameAs(cancel);
        assertThat(d.isFitted()).isFalse();
    }

    @Test
    void listeningChangesNoScore() {
        EnsembleDetector quiet = defaults();
        quiet.fit(TRAINING);
        EnsembleDetector heard = defaults();
        heard.fit(TRAINING, p -> { });
        List<FeatureWindow> probe = TestData.normal(9, 50);
        assertThat(heard.scoreAll(probe)).isEqualTo(quiet.scoreAll(probe));
    }
}
