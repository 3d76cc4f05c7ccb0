package io.ppcanomaly.flink;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.service.ModelStore;
import io.ppcanomaly.service.TrainedModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * A model version on the pipeline's broadcast stream: a {@link TrainedModel} in {@link ModelStore}'s format (its
 * {@link ModelStore#metadata metadata} and its {@code Detector.save} bytes) under a version id — the form a
 * model registry keeps (the monitor's {@code ModelRegistry} stores versions exactly so: read a version's metadata
 * and model bytes and wrap them with {@link #of(String, Properties, byte[])}). The pipeline keeps the latest
 * update per level in broadcast state; a (profile, level) whose model version differs from the latest starts
 * from the new version at its next period, without a restart. A Flink POJO.
 */
public class ModelUpdate {

    /** The version id, unique per level (e.g. the registry's version number). */
    public String versionId;
    /** The level the model serves (wire name: {@code keyword}, {@code ad_group}, …). */
    public String entityType;
    /** {@link ModelStore#metadata} as {@code .properties} text. */
    public String metadata;
    /** The detector's {@code save} stream. */
    public byte[] model;

    /** For Flink. */
    public ModelUpdate() {
    }

    /**
     * @return an update carrying a trained model under {@code versionId}
     * @throws IllegalArgumentException for a blank version id
     */
    public static ModelUpdate of(String versionId, TrainedModel trained) {
        Objects.requireNonNull(trained, "trained");
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            trained.detector().save(buf);
            return of(versionId, ModelStore.metadata(trained), buf.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("saving the '" + trained.detector().name() + "' model failed", e);
        }
    }

    /**
     * @param metadata {@link ModelStore#metadata} of the model
     * @param model    the detector's {@code save} bytes
     * @return an update carrying a stored model under {@code versionId}
     * @throws IllegalArgumentException for a blank version id or metadata without {@code entity.type}
     */
    public static ModelUpdate of(String versionId, Properties metadata, byte[] model) {
        if (versionId == null || versionId.isBlank()) {
            throw new IllegalArgumentException("versionId must not be blank, got '" + versionId + "'");
        }
        String type = metadata.getProperty("entity.type");
        if (type == null) {
            throw new IllegalArgumentException("metadata must name entity.type, got none");
        }
        ModelUpdate u = new ModelUpdate();
        u.versionId = versionId;
        u.entityType = EntityType.parse(type).wireName();
        try {
            StringWriter w = new StringWriter();
            metadata.store(w, null);
            u.metadata = w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        u.model = Objects.requireNonNull(model, "model").clone();
        return u;
    }

    /**
     * @return the trained model, read anew (a fresh detector each call: learning never touches this update)
     * @throws IllegalArgumentException when the bytes or metadata cannot be read, naming the version
     */
    public TrainedModel trainedModel() {
        try {
            Properties p = new Properties();
            p.load(new StringReader(metadata));
            return ModelStore.read(p, new ByteArrayInputStream(model), "model version '" + versionId + "'");
        } catch (IOException e) {
            throw new IllegalArgumentException("model version '" + versionId + "' must be readable: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ModelUpdate{" + entityType + " version " + versionId + ", " + (model == null ? 0 : model.length)
                + " bytes}";
    }
}
