package io.ppcanomaly.ensemble.tail;

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
 * Writes the saved-model fixture of the current format version and the scores it must give. Run once per new
 * format version:
 * {@code java -cp <test classpath> io.ppcanomaly.ensemble.tail.PeriodTailFixtures src/test/resources/fixtures}.
 */
public final class PeriodTailFixtures {

    private PeriodTailFixtures() {
    }

    /** @return the windows the fixture's expected scores are for */
    static List<FeatureWindow> probe() {
        List<FeatureWindow> out = new ArrayList<>(TestData.normal(41, 20));
        out.addAll(TestData.windows(new SplittableRandom(42), 5, 14, 1.0, 20, "out"));
        return out;
    }

    /** Writes {@code period-tail-v<version>.model} and {@code .scores} into the folder given as argument. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Properties p = new Properties();
        p.setProperty("maxSamples", "200");
        Detector d = Detectors.create(PeriodTailDetector.NAME, p);
        d.fit(TestData.normal(40, 400));
        try (OutputStream out = Files.newOutputStream(dir.resolve("period-tail-v" + PeriodTailState.VERSION
                + ".model"))) {
            d.save(out);
        }
        StringBuilder sb = new StringBuilder();
        for (AnomalyResult r : d.scoreAll(probe())) {
            sb.append(Double.toHexString(r.score())).append('\n');
        }
        Files.writeString(dir.resolve("period-tail-v" + PeriodTailState.VERSION + ".scores"), sb.toString(),
                StandardCharsets.US_ASCII);
    }
}
