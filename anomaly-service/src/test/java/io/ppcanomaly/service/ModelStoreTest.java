package io.ppcanomaly.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.model.EntityType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {

    @Test
    void aMissingModelSaysWhichFileAndWhatToDo(@TempDir Path dir) {
        assertThatThrownBy(() -> ModelStore.load(dir, EntityType.CAMPAIGN, "ensemble"))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("campaign.ensemble.model")
                .hasMessageContaining("no saved campaign model of 'ensemble'");
    }

    @Test
    void aTruncatedModelFileFailsWithTheDetectorsOwnMessage(@TempDir Path dir) throws IOException {
        TrainedModel m = new AnomalyService().train(TestAccount.request().build(), new TestAccount().source());
        Path file = ModelStore.save(m, dir);
        assertThat(file.getFileName().toString()).isEqualTo("keyword.test-robust-z.model");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ModelStore.load(dir, EntityType.KEYWORD, "test-robust-z"))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");
    }

    @Test
    void aCorruptMetadataFileIsNamed(@TempDir Path dir) throws IOException {
        TrainedModel m = new AnomalyService().train(TestAccount.request().build(), new TestAccount().source());
        ModelStore.save(m, dir);
        Path meta = ModelStore.metadataFile(dir, EntityType.KEYWORD, "test-robust-z");
        Files.writeString(meta, Files.readString(meta).replace("features.window.length=14",
                "features.window.length=zero"));
        assertThatThrownBy(() -> ModelStore.load(dir, EntityType.KEYWORD, "test-robust-z"))
                .isInstanceOf(IOException.class).hasMessageContaining("window.length must be an integer, got 'zero'");
    }
}
