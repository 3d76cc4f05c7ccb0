package io.ppcanomaly.server;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.service.ModelStore;
import io.ppcanomaly.service.TrainedModel;
import io.ppcanomaly.store.ProfileId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the server finds a fitted model for a detection, so {@code POST /api/anomaly/detect} scores at once instead
 * of fitting for a minute. The monitor's model registry (champion per profile and level) plugs in here; until
 * then {@link #directory(Path)} reads the files {@code anomaly train} and {@link ModelStore} write.
 *
 * <p>Implementations must be thread-safe; a returned model is only scored, never mutated.
 */
@FunctionalInterface
public interface ModelProvider {

    /**
     * @param profile  the tenant
     * @param level    the level detected
     * @param detector the detector's provider name
     * @return the model to score with, or empty to fit one on the history
     * @throws IOException when a model exists but cannot be read
     */
    Optional<TrainedModel> model(ProfileId profile, EntityType level, String detector) throws IOException;

    /** @return a provider that never has a model: every detection fits its detector */
    static ModelProvider none() {
        return (profile, level, detector) -> Optional.empty();
    }

    /**
     * Models saved by {@link ModelStore#save} under {@code root/<profile id>/}, e.g.
     * {@code anomaly-data/models/pr-01/keyword.ensemble.model}; each is loaded once and again only when its file
     * changes.
     */
    static ModelProvider directory(Path root) {
        Objects.requireNonNull(root, "root");
        record Loaded(FileTime modified, TrainedModel model) {
        }
        Map<String, Loaded> cache = new ConcurrentHashMap<>();
        return (profile, level, detector) -> {
            Path dir = root.resolve(profileDirectory(profile));
            Path file = ModelStore.modelFile(dir, level, detector);
            if (!Files.isRegularFile(file) || !Files.isRegularFile(ModelStore.metadataFile(dir, level, detector))) {
                return Optional.empty();
            }
            FileTime modified = Files.getLastModifiedTime(file);
            String key = dir + "|" + level + "|" + detector;
            Loaded l = cache.get(key);
            if (l == null || !l.modified().equals(modified)) {
                l = new Loaded(modified, ModelStore.load(dir, level, detector));
                cache.put(key, l);
            }
            return Optional.of(l.model());
        };
    }

    /**
     * @return the directory name of a profile's models under a {@link #directory(Path)} root: the id with
     *         characters unsafe in file names replaced by {@code _}
     */
    static String profileDirectory(ProfileId profile) {
        return profile.value().replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
