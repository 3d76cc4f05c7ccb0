package io.ppcanomaly.ensemble.state;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.ensemble.support.TestData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * Writes the saved-model fixture of the current format version, with the test-only members (whose own format
 * never changes), and the scores it must give. Run once per new format version:
 * {@code java -cp <test classpath> io.ppcanomaly.ensemble.state.EnsembleFixtures src/test/resources/fixtures}.
 */
public final class EnsembleFixtures {

    private EnsembleFixtures() {
    }

    /**
     * @return the options the current fixture was made with: the real {@code period-tail} (pinned by its own
     *         fixture) and the test-only members, so the calibration screen of format 2 is in it
     */
    static Properties options() {
        Properties p = new Properties();
        p.setProperty("members", "period-tail:0.7,test-zscore:0.15,test-ewma:0.1,test-mad:0.05");
        p.setProperty("calibration.maxSamples", "100");
        p.setProperty("threshold", "0.995");
        return p;
    }

    /** @return the windows the fixture's expected scores are for */
    static List<FeatureWindow> probe() {
        List<FeatureWindow> out = new ArrayList<>(TestData.normal(31, 20));
        out.addAll(TestData.windows(new SplittableRandom(32), 5, 14, 1.0, 20, "out"));
        return out;
    }

    /** Writes {@code ensemble-v<version>.model} and {@code .scores} into the folder given as argument. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Detector d = Detectors.create("ensemble", options());
        d.fit(TestData.normal(30, 400));
        Path model = dir.resolve("ensemble-v" + EnsembleState.VERSION + ".model");
        try (OutputStream out = Files.newOutputStream(model)) {
            d.save(out);
        }
        StringBuilder sb = new StringBuilder();
        for (AnomalyResult r : d.scoreAll(probe())) {
            sb.append(Double.toHexString(r.score())).append('\n');
        }
        Files.writeString(dir.resolve("ensemble-v" + EnsembleState.VERSION + ".scores"), sb.toString(),
                StandardCharsets.US_ASCII);
    }
}
