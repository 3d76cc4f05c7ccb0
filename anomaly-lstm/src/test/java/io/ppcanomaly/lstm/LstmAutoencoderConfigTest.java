package io.ppcanomaly.lstm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class LstmAutoencoderConfigTest {

    @Test
    void noPropertiesGiveTheDefaults() {
        assertThat(LstmAutoencoderConfig.of(null)).isEqualTo(LstmAutoencoderConfig.DEFAULT);
        assertThat(LstmAutoencoderConfig.of(new Properties())).isEqualTo(LstmAutoencoderConfig.DEFAULT);
    }

    @Test
    void propertiesRoundTrip() {
        LstmAutoencoderConfig c = LstmAutoencoderConfig.builder().layers(8, 3, 9).learningRate(0.02).epochs(7)
                .batchSize(33).validationFraction(0.2).patience(2).maxTrainingWindows(0).thresholdPercentile(97.5)
                .seed(-5).trainingThreads(2).parallelScoring(false).build();
        assertThat(LstmAutoencoderConfig.of(c.toProperties())).isEqualTo(c);
        assertThat(c.toProperties().stringPropertyNames()).isEqualTo(LstmAutoencoderConfig.KEYS);
    }

    @Test
    void eachKeySetsItsField() {
        Properties p = new Properties();
        p.setProperty("encoder.size", "12");
        p.setProperty("bottleneck.size", " 4 ");
        p.setProperty("decoder.size", "10");
        p.setProperty("learning.rate", "0.001");
        p.setProperty("epochs", "3");
        p.setProperty("batch.size", "16");
        p.setProperty("validation.fraction", "0");
        p.setProperty("patience", "9");
        p.setProperty("max.training.windows", "100");
        p.setProperty("threshold.percentile", "95");
        p.setProperty("seed", "123");
        p.setProperty("training.threads", "2");
        p.setProperty("score.parallel", "false");
        assertThat(LstmAutoencoderConfig.of(p)).isEqualTo(new LstmAutoencoderConfig(12, 4, 10, 0.001, 3, 16, 0.0,
                9, 100, 95.0, 123L, 2, false));
    }

    @Test
    void invalidValuesAreRejectedNamingKeyRuleAndValue() {
        assertThatThrownBy(() -> LstmAutoencoderConfig.builder().layers(0, 4, 8).build())
                .hasMessage("encoder.size must be in [1, 1024], got 0");
        assertThatThrownBy(() -> LstmAutoencoderConfig.builder().learningRate(0).build())
                .hasMessage("learning.rate must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> LstmAutoencoderConfig.builder().epochs(0).build())
                .hasMessage("epochs must be >= 1, got 0");
        assertThatThrownBy(() -> LstmAutoencoderConfig.builder().validationFraction(0.6).build())
                .hasMessage("validation.fraction must be in [0, 0.5], got 0.6");
        assertThatThrownBy(() -> LstmAutoencoderConfig.builder().thresholdPercentile(100).build())
                .hasMessage("threshold.percentile must be in (0, 100), got 100.0");
        assertThatThrownBy(() -> LstmAutoencoderConfig.builder().maxTrainingWindows(-1).build())
                .hasMessage("max.training.windows must be >= 0, got -1");
        assertThatThrownBy(() -> LstmAutoencoderConfig.builder().trainingThreads(0).build())
                .hasMessage("training.threads must be in [1, 256], got 0");
        Properties p = new Properties();
        p.setProperty("epochs", "many");
        assertThatThrownBy(() -> LstmAutoencoderConfig.of(p)).hasMessage("epochs must be an integer, got 'many'");
    }

    @Test
    void unknownKeysAreRejectedListingTheKnownOnes() {
        Properties p = new Properties();
        p.setProperty("epoch", "3");
        assertThatThrownBy(() -> LstmAutoencoderConfig.of(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'epoch'").hasMessageContaining("epochs");
    }
}
