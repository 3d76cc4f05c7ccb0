package io.ppcanomaly.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.features.FeatureConfig;
import io.ppcanomaly.api.features.FeatureExtractor;
import io.ppcanomaly.api.features.Seasonality;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import io.ppcanomaly.service.source.LoadSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

    /** Copies the version-1 fixture (see its README) into {@code dir}. */
    private static void copyFlatFixture(Path dir) throws IOException {
        for (String f : List.of("keyword.test-robust-z.model", "keyword.test-robust-z.properties")) {
            try (InputStream in = Objects.requireNonNull(ModelStoreTest.class.getResourceAsStream(
                    "/models/v1-flat/" + f), f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
    }

    private static List<String[]> fixtureRows(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(ModelStoreTest.class.getResourceAsStream(
                "/models/v1-flat/" + name), name)) {
            List<String[]> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("entity,")) {
                    out.add(line.split(","));
                }
            }
            return out;
        }
    }

    @Test
    void aModelSavedBeforeSeasonalBaselinesLoadsFlatAndScoresExactlyAsItWasTrained(@TempDir Path dir)
            throws IOException {
        copyFlatFixture(dir);
        TrainedModel m = ModelStore.load(dir, EntityType.KEYWORD, "test-robust-z");
        assertThat(m.features().seasonality()).isEqualTo(Seasonality.NONE);
        assertThat(m.features()).isEqualTo(FeatureConfig.DEFAULT.withSeasonality(Seasonality.NONE));

        SampleAccount a = SyntheticAccountGenerator.generate(SampleConfig.DEFAULT.withKeywords(100));
        FeatureExtractor fx = new FeatureExtractor(m.features());
        MetricSeries profile = a.series("pr-01");
        List<String[]> windows = fixtureRows("window-scores.csv");
        assertThat(windows).hasSize(100);
        for (String[] r : windows) {
            MetricSeries s = a.keywordSeries().get(r[0]);
            double score = m.detector().score(fx.window(s, LocalDate.parse(r[1]).atStartOfDay(), profile)).score();
            assertThat(score).as("%s on %s", r[0], r[1]).isCloseTo(Double.parseDouble(r[2]),
                    org.assertj.core.api.Assertions.within(1e-12));
        }

        InMemoryMetricSource src = InMemoryMetricSource.of("fixture", new AccountData(a.graph(), a.granularity(),
                a.keywordSeries(), LoadSummary.NONE));
        DetectionReport r = new AnomalyService().detect(m.applyTo(DetectionRequest.builder().explain(false)
                .rootCause(false).periods(30).build()), src);
        List<String> alerts = r.alerts().stream().map(x -> x.entityId() + "," + x.period().toLocalDate()).toList();
        List<String> expected = fixtureRows("backtest-alerts.csv").stream().map(x -> x[0] + "," + x[1]).toList();
        assertThat(alerts).isEqualTo(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(r.alerts().get(i).anomalyScore()).isCloseTo(
                    Double.parseDouble(fixtureRows("backtest-alerts.csv").get(i)[2]),
                    org.assertj.core.api.Assertions.within(1e-12));
        }
    }

    @Test
    void aSavedModelRecordsItsSeasonalityAndLoadsItBack(@TempDir Path dir) throws IOException {
        FeatureConfig seasonal = FeatureConfig.DEFAULT.toBuilder().seasonShrink(7, 2).build();
        TrainedModel m = new AnomalyService().train(TestAccount.request().features(seasonal).build(),
                new TestAccount().source());
        ModelStore.save(m, dir);
        String meta = Files.readString(ModelStore.metadataFile(dir, EntityType.KEYWORD, "test-robust-z"));
        assertThat(meta).contains("format.version=2").contains("features.seasonality=calendar")
                .contains("features.season.shrink.clicks=7.0");
        assertThat(ModelStore.load(dir, EntityType.KEYWORD, "test-robust-z").features()).isEqualTo(seasonal);

        TrainedModel flat = new AnomalyService().train(TestAccount.request()
                .features(FeatureConfig.DEFAULT.withSeasonality(Seasonality.NONE)).build(), new TestAccount().source());
        ModelStore.save(flat, dir);
        assertThat(ModelStore.load(dir, EntityType.KEYWORD, "test-robust-z").features().seasonality())
                .isEqualTo(Seasonality.NONE);
    }

    @Test
    void aCurrentModelWithoutItsSeasonalityIsRejectedNamingTheKey(@TempDir Path dir) throws IOException {
        TrainedModel m = new AnomalyService().train(TestAccount.request().build(), new TestAccount().source());
        ModelStore.save(m, dir);
        Path meta = ModelStore.metadataFile(dir, EntityType.KEYWORD, "test-robust-z");
        Files.writeString(meta, Files.readString(meta).replaceAll("(?m)^features\\.seasonality=.*$", ""));
        assertThatThrownBy(() -> ModelStore.load(dir, EntityType.KEYWORD, "test-robust-z"))
                .isInstanceOf(IOException.class).hasMessageContaining("features.seasonality must be present");
    }

    @Test
    void aModelTrainedWithoutAFeatureConfigRecordsTheDefaultsOfItsData() throws IOException {
        TrainedModel m = new AnomalyService().train(TestAccount.request().build(), new TestAccount().source());
        assertThat(m.features()).isEqualTo(FeatureConfig.DEFAULT);
    }
}
