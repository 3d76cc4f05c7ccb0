package io.ppcanomaly.lstm.state;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.lstm.LstmAutoencoderConfig;
import io.ppcanomaly.lstm.LstmAutoencoderDetector;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the saved-model fixture of the current format version and its expected scores. Run by hand only when
 * the format version changes (and then keep the old fixture and its test):
 * <pre>
 * java -cp "anomaly-lstm/target/classes:anomaly-lstm/target/test-classes:$(cat cp.txt)" \
 *   io.ppcanomaly.lstm.state.FixtureWriter anomaly-lstm/src/test/resources/io/ppcanomaly/lstm/state
 * </pre>
 */
public final class FixtureWriter {

    private FixtureWriter() {
    }

    /** @param args the directory to write into */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        LstmAutoencoderConfig config = LstmAutoencoderConfig.builder().layers(8, 4, 8).epochs(3).batchSize(64)
                .learningRate(0.02).seed(11).build();
        LstmAutoencoderDetector d = new LstmAutoencoderDetector(config);
        d.fit(ModelFixtures.training());
        String name = "lstm-autoencoder-v" + LstmModelCodec.VERSION;
        try (OutputStream out = Files.newOutputStream(dir.resolve(name + ".model"))) {
            d.save(out);
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve(name + ".expected"), StandardCharsets.UTF_8)) {
            w.write("# raw score and score of ModelFixtures.probe(), as Double.toHexString\n");
            for (AnomalyResult r : d.scoreAll(ModelFixtures.probe())) {
                w.write(Double.toHexString(r.rawScore()) + " " + Double.toHexString(r.score()) + "\n");
            }
        }
    }
}
