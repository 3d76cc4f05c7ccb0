package io.ppcanomaly.bench;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.lstm.LstmAutoencoderDetector;
import io.ppcanomaly.streaming.HalfSpaceTreesDetector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Model sizes in bytes: every detector fitted at its defaults on 4,000 generated windows of the default PPC schema
 * (14 periods × 6 features), then saved; plus the in-memory size the streaming model reports and the LSTM's
 * parameter count, and the per-entity state a caller keeps (one trailing window).
 *
 * <pre>
 * java -cp anomaly-benchmarks/target/benchmarks.jar io.ppcanomaly.bench.ModelSizes
 * </pre>
 */
public final class ModelSizes {

    private ModelSizes() {
    }

    /** @param args none */
    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<FeatureWindow> windows = Fixtures.windows(Fixtures.TRAINING_WINDOWS, 0.0, BenchData.SEED);
        FeatureWindow w = windows.get(0);
        out.printf(Locale.ROOT, "### Model sizes (fitted on %d windows of %d periods × %d features)%n%n",
                windows.size(), w.length(), w.width());
        out.println("| detector | saved model | in memory / parameters | per-entity state |");
        out.println("|---|---:|---:|---:|");
        for (String name : List.of("isolation-forest", "half-space-trees", "lstm-autoencoder", "ensemble")) {
            if (!Detectors.available().contains(name)) {
                out.printf(Locale.ROOT, "| %s | not on the class path | | |%n", name);
                continue;
            }
            Properties p = new Properties();
            p.setProperty("seed", "42");
            Detector d = Detectors.create(name, p);
            d.fit(windows);
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            d.save(bos);
            String memory = "";
            if (d instanceof HalfSpaceTreesDetector h) {
                memory = String.format(Locale.ROOT, "%,d B (one model for all entities)", h.sizeInBytes());
            } else if (d instanceof LstmAutoencoderDetector l) {
                int params = l.model().network().parameterCount();
                memory = String.format(Locale.ROOT, "%,d float parameters = %,d B", params, 4L * params);
            }
            out.printf(Locale.ROOT, "| %s | %,d B | %s | %,d B: the trailing window (%d × %d doubles) |%n", name,
                    bos.size(), memory, 8L * w.length() * w.width(), w.length(), w.width());
        }
    }
}
