package io.ppcanomaly.lstm.state;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.lstm.LstmAutoencoderConfig;
import io.ppcanomaly.lstm.LstmAutoencoderDetector;
import io.ppcanomaly.lstm.LstmAutoencoderProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the saved-model fixture of the current format version and its expected scores. Run by hand only when
 * the format version changes (and then keep the old fixture and its test):
 * <pre>
 * java -cp "anomaly-lstm/target/classes:anomaly-lstm/target/test-classes:$(cat anomaly-lstm/target/test-classpath.txt)" \
 *   io.ppcanomaly.lstm.state.FixtureWriter anomaly-lstm/src/test/resources/io/ppcanomaly/lstm/state
 * </pre>
 * With {@code --scores-only} before the directory it keeps the model file and rewrites only the expected scores:
 * for a deliberate change of the scoring arithmetic, never of the format.
 */
public final class FixtureWriter {

    private FixtureWriter() {
    }

    /** @param args {@code [--scores-only] directory} */
    public static void main(String[] args) throws IOException {
        boolean scoresOnly = args[0].equals("--scores-only");
        Path dir = Path.of(args[scoresOnly ? 1 : 0]);
        Files.createDirectories(dir);
        String name = "lstm-autoencoder-v" + LstmModelCodec.VERSION;
        LstmAutoencoderDetector d;
        if (scoresOnly) {
            try (InputStream in = Files.newInputStream(dir.resolve(name + ".model"))) {
                d = new LstmAutoencoderProvider().load(in);
            }
        } else {
            LstmAutoencoderConfig config = LstmAutoencoderConfig.builder().layers(8, 4, 8).epochs(3).batchSize(64)
                    .learningRate(0.02).seed(11).build();
            d = new LstmAutoencoderDetector(config);
            d.fit(ModelFixtures.training());
            try (OutputStream out = Files.newOutputStream(dir.resolve(name + ".model"))) {
                d.save(out);
            }
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve(name + ".expected"), StandardCharsets.UTF_8)) {
            w.write("# raw score and score of ModelFixtures.probe(), as Double.toHexString\n");
            for (AnomalyResult r : d.scoreAll(ModelFixtures.probe())) {
                w.write(Double.toHexString(r.rawScore()) + " " + Double.toHexString(r.score()) + "\n");
            }
        }
    }
}
