package io.ppcanomaly.monitor.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.features.FeatureExtractor;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.monitor.retrain.FeedbackFilter;
import io.ppcanomaly.monitor.testing.Fixtures;
import io.ppcanomaly.monitor.testing.MutableClock;
import io.ppcanomaly.monitor.testing.TestStores;
import io.ppcanomaly.monitor.testing.TestStores.Db;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.ModelStore;
import io.ppcanomaly.service.TrainedModel;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The model registry on both databases: ModelStore's format, one champion, rollback by id, pruning, tenancy. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelRegistryTest {

    private static final AtomicInteger PROFILES = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T06:00:00Z"));
    private final Map<Db, TestStores> dbs = new TreeMap<>();
    private TrainedModel model;
    private List<FeatureWindow> windows;

    @BeforeAll
    void setUp() throws Exception {
        for (Db db : Db.values()) {
            dbs.put(db, TestStores.create(db, "registry"));
        }
        SampleAccount a = Fixtures.account(60, 60, 5);
        model = new AnomalyService().train(Fixtures.detection().toBuilder().asOf(a.end().minusDays(1)).build(),
                Fixtures.source(a));
        FeatureExtractor fx = new FeatureExtractor(model.features());
        windows = new ArrayList<>();
        a.keywordSeries().values().forEach(s -> windows.add(fx.window(s, s.size() - 1)));
    }

    @AfterAll
    void tearDown() throws Exception {
        for (TestStores s : dbs.values()) {
            s.close();
        }
    }

    private static ProfileId profile() {
        return ProfileId.of("registry-" + PROFILES.incrementAndGet());
    }

    private static List<Double> scores(TrainedModel m, List<FeatureWindow> w) {
        List<Double> out = new ArrayList<>();
        for (AnomalyResult r : m.detector().scoreAll(w)) {
            out.add(r.score());
        }
        return out;
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Db.class)
    void aVersionIsTheModelStoreFormatAndLoadsBackScoringIdentically(Db db, @TempDir Path dir) throws Exception {
        AlertStore store = dbs.get(db).open(clock);
        ModelRegistry registry = new ModelRegistry(store);
        ProfileId p = profile();
        ModelVersion v = registry.register(p, model, VersionStatus.CHAMPION, VersionOrigin.IMPORTED, null);
        assertThat(v.level()).isEqualTo(EntityType.KEYWORD);
        assertThat(v.detector()).isEqualTo("ensemble");
        assertThat(v.features()).isEqualTo(model.features());
        assertThat(v.trainedThrough()).isEqualTo(model.trainedThrough());
        assertThat(v.trainingWindows()).isEqualTo(model.trainingWindows());
        assertThat(v.createdAt()).isEqualTo(clock.instant());
        assertThat(v.promotedAt()).isEqualTo(clock.instant());
        assertThat(v.hasFeedback()).isFalse();
        TrainedModel back = registry.load(p, v.id());
        assertThat(ModelStore.metadata(back)).isEqualTo(ModelStore.metadata(model));
        assertThat(ModelRegistry.bytes(back)).isEqualTo(ModelRegistry.bytes(model));
        ModelStore.save(back, dir);
        TrainedModel fromFiles = ModelStore.load(dir, EntityType.KEYWORD, "ensemble");
        assertThat(scores(fromFiles, windows)).isEqualTo(scores(model, windows)).isEqualTo(scores(back, windows));
        assertThat(registry.feedback(p, v.id())).isEqualTo(FeedbackFilter.NONE);
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Db.class)
    void oneChampionPerLevel_rollbackByIdRetiresTheCurrentOne(Db db) throws Exception {
        AlertStore store = dbs.get(db).open(clock);
        ModelRegistry registry = new ModelRegistry(store);
        ProfileId p = profile();
        ModelVersion v1 = registry.register(p, model, VersionStatus.CHAMPION, VersionOrigin.INITIAL, null);
        clock.advance(java.time.Duration.ofDays(7));
        ModelVersion v2 = registry.register(p, model, VersionStatus.CHAMPION, VersionOrigin.RETRAINED, null);
        ModelVersion v3 = registry.register(p, model, VersionStatus.REJECTED, VersionOrigin.RETRAINED, null);
        assertThat(registry.champion(p, EntityType.KEYWORD)).get().extracting(ModelVersion::id).isEqualTo(v2.id());
        assertThat(registry.version(p, v1.id()).orElseThrow().status()).isEqualTo(VersionStatus.RETIRED);
        assertThat(registry.version(p, v1.id()).orElseThrow().retiredAt()).isEqualTo(clock.instant());
        assertThat(registry.versions(p, EntityType.KEYWORD)).extracting(ModelVersion::id)
                .containsExactly(v3.id(), v2.id(), v1.id());

        ModelVersion back = registry.promote(p, v1.id());
        assertThat(back.status()).isEqualTo(VersionStatus.CHAMPION);
        assertThat(registry.version(p, v2.id()).orElseThrow().status()).isEqualTo(VersionStatus.RETIRED);
        assertThat(registry.champion(p, EntityType.CAMPAIGN)).isEmpty();

        String second = "UPDATE anomaly_model_versions SET status = 'champion' WHERE id = " + v3.id();
        assertThatThrownBy(() -> dbs.get(db).sql(second)).as("the unique index: one champion")
                .isInstanceOf(java.sql.SQLException.class);
        assertThatThrownBy(() -> registry.promote(p, 999_999)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model version must be one of profile " + p + "'s, got 999999");
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Db.class)
    void anotherProfilesVersionIsUnknownAndPruningKeepsTheChampionAndTheNewest(Db db) {
        AlertStore store = dbs.get(db).open(clock);
        ModelRegistry registry = new ModelRegistry(store);
        ProfileId p = profile();
        ProfileId other = profile();
        ModelVersion champion = registry.register(p, model, VersionStatus.CHAMPION, VersionOrigin.INITIAL, null);
        List<Long> rejected = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rejected.add(registry.register(p, model, VersionStatus.REJECTED, VersionOrigin.RETRAINED, null).id());
        }
        assertThat(registry.version(other, champion.id())).isEmpty();
        assertThatThrownBy(() -> registry.load(other, champion.id())).isInstanceOf(IllegalArgumentException.class);
        assertThat(registry.versions(other, EntityType.KEYWORD)).isEmpty();
        int pruned = store.inTransaction(p, tx -> registry.prune(tx, EntityType.KEYWORD, 1));
        assertThat(pruned).isEqualTo(3);
        assertThat(registry.versions(p, EntityType.KEYWORD)).extracting(ModelVersion::id)
                .containsExactly(rejected.get(3), champion.id());
        assertThatThrownBy(() -> store.inTransaction(p, tx -> registry.prune(tx, EntityType.KEYWORD, -1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
