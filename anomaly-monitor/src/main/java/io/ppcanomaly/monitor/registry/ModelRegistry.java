package io.ppcanomaly.monitor.registry;

import io.ppcanomaly.api.features.FeatureConfig;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.monitor.retrain.FeedbackFilter;
import io.ppcanomaly.monitor.state.Sql;
import io.ppcanomaly.service.ModelStore;
import io.ppcanomaly.service.TrainedModel;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoreTransaction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned models per profile and level, in the alert store's database ({@code anomaly_model_versions}): every
 * model the monitor trained or was given, with its metadata, its validation figures and its status; one champion
 * per profile and level (a unique index enforces it). A version's bytes are exactly what
 * {@link io.ppcanomaly.api.Detector#save} writes and its metadata exactly {@link ModelStore#metadata}, so a model
 * moves between the registry, a {@code models/} directory and a stream processor's state unchanged.
 *
 * <pre>{@code
 * ModelRegistry registry = new ModelRegistry(store);
 * ModelVersion v = registry.register(profile, trained, VersionStatus.CHAMPION, VersionOrigin.IMPORTED, null);
 * TrainedModel m = registry.load(profile, v.id());                  // as trained
 * registry.versions(profile, EntityType.KEYWORD);                   // newest first
 * registry.promote(profile, olderId);                               // roll back: the monitor rebuilds its state
 * }</pre>
 *
 * <p>Thread-safe: every call is one store transaction; the {@code StoreTransaction} variants take part in the
 * caller's. Promoting a version does not touch the monitor's live state: the monitor notices the new champion at its
 * next run and brings it up to date (see {@code AnomalyMonitor}).
 */
public final class ModelRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
    private static final String COLUMNS = "id, profile_id, entity_type, detector_type, granularity, trained_through, "
            + "training_windows, metadata, status, origin, validation, created_at, promoted_at, retired_at, "
            + "feedback IS NOT NULL AS has_feedback";

    private final AlertStore store;

    /** @param store the store whose database holds the registry (schema version 3 or later) */
    public ModelRegistry(AlertStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Registers a model. Registering a champion retires the current one in the same transaction.
     *
     * @param validation the shadow evaluation that decided it, or {@code null}
     * @return the new version
     */
    public ModelVersion register(ProfileId profile, TrainedModel model, VersionStatus status, VersionOrigin origin,
                                 ShadowEvaluation validation) {
        byte[] bytes = bytes(model);
        return store.inTransaction(profile, tx -> register(tx, model, bytes, status, origin, validation,
                FeedbackFilter.NONE));
    }

    /**
     * {@link #register(ProfileId, TrainedModel, VersionStatus, VersionOrigin, ShadowEvaluation)} inside the
     * caller's transaction, with the model's bytes already written ({@link #bytes}) and the feedback filter the
     * version applies to its alerts.
     */
    public ModelVersion register(StoreTransaction tx, TrainedModel model, byte[] bytes, VersionStatus status,
                                 VersionOrigin origin, ShadowEvaluation validation, FeedbackFilter feedback)
            throws SQLException {
        Objects.requireNonNull(feedback, "feedback");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(origin, "origin");
        ProfileId profile = tx.profile();
        if (status == VersionStatus.CHAMPION) {
            retireChampion(tx, model.entityType());
        }
        String sql = "INSERT INTO anomaly_model_versions (profile_id, entity_type, detector_type, granularity, "
                + "trained_through, training_windows, metadata, model, status, origin, validation, created_at, "
                + "promoted_at, feedback) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + tx.database().jsonParameter()
                + ", ?, ?, " + tx.database().jsonParameter() + ")";
        long id;
        try (PreparedStatement ps = tx.connection().prepareStatement(sql, new String[] {"id"})) {
            int i = 1;
            ps.setString(i++, profile.value());
            ps.setString(i++, model.entityType().wireName());
            ps.setString(i++, model.detector().name());
            ps.setString(i++, model.granularity().name().toLowerCase(Locale.ROOT));
            ps.setObject(i++, model.trainedThrough());
            ps.setInt(i++, model.trainingWindows());
            ps.setString(i++, metadataText(model));
            ps.setBytes(i++, bytes);
            ps.setString(i++, status.wireName());
            ps.setString(i++, origin.wireName());
            ps.setString(i++, validation == null ? null : validation.toJson());
            Sql.setInstant(ps, i++, tx.now());
            Sql.setInstant(ps, i++, status == VersionStatus.CHAMPION ? tx.now() : null);
            ps.setString(i, feedback.examples().isEmpty() ? null : feedback.toJson());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        ModelVersion v = version(tx, id).orElseThrow();
        LOG.info("Registered model {} of profile {}", v.describe(), profile);
        return v;
    }

    /** @return the champion of a profile and level */
    public Optional<ModelVersion> champion(ProfileId profile, EntityType level) {
        return store.inTransaction(profile, tx -> champion(tx, level));
    }

    /** {@link #champion(ProfileId, EntityType)} inside the caller's transaction. */
    public Optional<ModelVersion> champion(StoreTransaction tx, EntityType level) throws SQLException {
        List<ModelVersion> l = query(tx, "SELECT " + COLUMNS + " FROM anomaly_model_versions WHERE profile_id = ? "
                + "AND entity_type = ? AND status = 'champion'", tx.profile().value(), level.wireName());
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** @return the version of that id, if the profile has it (another profile's id is empty) */
    public Optional<ModelVersion> version(ProfileId profile, long id) {
        return store.inTransaction(profile, tx -> version(tx, id));
    }

    /** {@link #version(ProfileId, long)} inside the caller's transaction. */
    public Optional<ModelVersion> version(StoreTransaction tx, long id) throws SQLException {
        List<ModelVersion> l = query(tx, "SELECT " + COLUMNS + " FROM anomaly_model_versions WHERE profile_id = ? "
                + "AND id = ?", tx.profile().value(), id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** @return the versions of a profile and level, newest first */
    public List<ModelVersion> versions(ProfileId profile, EntityType level) {
        return store.inTransaction(profile, tx -> query(tx, "SELECT " + COLUMNS + " FROM anomaly_model_versions "
                + "WHERE profile_id = ? AND entity_type = ? ORDER BY id DESC", profile.value(), level.wireName()));
    }

    /**
     * Loads a version's model as it was trained (not as the monitor's live state has since learnt).
     *
     * @throws IllegalArgumentException when the profile has no such version
     * @throws IOException              when the stored model cannot be read (a provider missing from the class
     *                                  path, a corrupt stream)
     */
    public TrainedModel load(ProfileId profile, long id) throws IOException {
        Object[] row = store.inTransaction(profile, tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement("SELECT metadata, model FROM "
                    + "anomaly_model_versions WHERE profile_id = ? AND id = ?")) {
                ps.setString(1, profile.value());
                ps.setLong(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Object[] {rs.getString(1), rs.getBytes(2)} : null;
                }
            }
        });
        if (row == null) {
            throw new IllegalArgumentException("model version must be one of profile " + profile + "'s, got " + id);
        }
        return read((String) row[0], (byte[]) row[1], "model version " + id + " of profile " + profile);
    }

    /**
     * @return the feedback filter a version applies to its alerts ({@link FeedbackFilter#NONE} when it has none)
     * @throws IllegalArgumentException when the profile has no such version
     */
    public FeedbackFilter feedback(ProfileId profile, long id) {
        return store.inTransaction(profile, tx -> feedback(tx, id));
    }

    /** {@link #feedback(ProfileId, long)} inside the caller's transaction. */
    public FeedbackFilter feedback(StoreTransaction tx, long id) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement("SELECT feedback FROM anomaly_model_versions "
                + "WHERE profile_id = ? AND id = ?")) {
            ps.setString(1, tx.profile().value());
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("model version must be one of profile " + tx.profile()
                            + "'s, got " + id);
                }
                String json = rs.getString(1);
                return json == null ? FeedbackFilter.NONE : FeedbackFilter.fromJson(json);
            }
        }
    }

    /**
     * Makes a version the champion of its level (a rollback, or a manual promotion), retiring the current one.
     *
     * @return the version, now champion
     * @throws IllegalArgumentException when the profile has no such version
     */
    public ModelVersion promote(ProfileId profile, long id) {
        return store.inTransaction(profile, tx -> promote(tx, id));
    }

    /** {@link #promote(ProfileId, long)} inside the caller's transaction. */
    public ModelVersion promote(StoreTransaction tx, long id) throws SQLException {
        ModelVersion v = version(tx, id).orElseThrow(() -> new IllegalArgumentException("model version must be one "
                + "of profile " + tx.profile() + "'s, got " + id));
        if (v.status() == VersionStatus.CHAMPION) {
            return v;
        }
        retireChampion(tx, v.level());
        try (PreparedStatement ps = tx.connection().prepareStatement("UPDATE anomaly_model_versions SET status = "
                + "'champion', promoted_at = ? WHERE profile_id = ? AND id = ?")) {
            Sql.setInstant(ps, 1, tx.now());
            ps.setString(2, tx.profile().value());
            ps.setLong(3, id);
            ps.executeUpdate();
        }
        ModelVersion now = version(tx, id).orElseThrow();
        LOG.info("Promoted model {} of profile {}", now.describe(), tx.profile());
        return now;
    }

    /**
     * Deletes the oldest versions of a level beyond the newest {@code keep}, never the champion nor the version the
     * monitor's live state uses.
     *
     * @param keep versions to keep besides those two, &ge; 0
     * @return versions deleted
     */
    public int prune(StoreTransaction tx, EntityType level, int keep) throws SQLException {
        if (keep < 0) {
            throw new IllegalArgumentException("keep must be >= 0, got " + keep);
        }
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = tx.connection().prepareStatement("SELECT id FROM anomaly_model_versions v "
                + "WHERE profile_id = ? AND entity_type = ? AND status <> 'champion' AND NOT EXISTS (SELECT 1 FROM "
                + "anomaly_monitor_state s WHERE s.profile_id = v.profile_id AND s.model_version_id = v.id) "
                + "ORDER BY id DESC")) {
            ps.setString(1, tx.profile().value());
            ps.setString(2, level.wireName());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        int deleted = 0;
        try (PreparedStatement ps = tx.connection().prepareStatement("DELETE FROM anomaly_model_versions WHERE "
                + "profile_id = ? AND id = ?")) {
            for (long id : ids.subList(Math.min(keep, ids.size()), ids.size())) {
                ps.setString(1, tx.profile().value());
                ps.setLong(2, id);
                deleted += ps.executeUpdate();
            }
        }
        return deleted;
    }

    /** @return the model's {@link io.ppcanomaly.api.Detector#save} stream */
    public static byte[] bytes(TrainedModel model) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
            model.detector().save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("saving the '" + model.detector().name() + "' model failed", e);
        }
    }

    /** @return a model read back from its metadata text and bytes */
    static TrainedModel read(String metadata, byte[] bytes, String where) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(metadata));
        return ModelStore.read(p, new ByteArrayInputStream(bytes), where);
    }

    private static String metadataText(TrainedModel model) {
        StringWriter w = new StringWriter();
        try {
            ModelStore.metadata(model).store(w, "PPC Anomaly trained model metadata");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void retireChampion(StoreTransaction tx, EntityType level) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement("UPDATE anomaly_model_versions SET status = "
                + "'retired', retired_at = ? WHERE profile_id = ? AND entity_type = ? AND status = 'champion'")) {
            Sql.setInstant(ps, 1, tx.now());
            ps.setString(2, tx.profile().value());
            ps.setString(3, level.wireName());
            ps.executeUpdate();
        }
    }

    private static List<ModelVersion> query(StoreTransaction tx, String sql, Object... args) throws SQLException {
        List<ModelVersion> out = new ArrayList<>();
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        }
        return out;
    }

    private static ModelVersion row(ResultSet rs) throws SQLException {
        Properties meta = new Properties();
        try {
            meta.load(new StringReader(rs.getString("metadata")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties f = new Properties();
        for (String k : meta.stringPropertyNames()) {
            if (k.startsWith("features.")) {
                f.setProperty(k.substring("features.".length()), meta.getProperty(k));
            }
        }
        String validation = rs.getString("validation");
        return new ModelVersion(rs.getLong("id"), ProfileId.of(rs.getString("profile_id")),
                EntityType.parse(rs.getString("entity_type")), rs.getString("detector_type"),
                Granularity.valueOf(rs.getString("granularity").toUpperCase(Locale.ROOT)), FeatureConfig.of(f),
                Sql.period(rs, "trained_through"), rs.getInt("training_windows"),
                VersionStatus.parse(rs.getString("status")), VersionOrigin.parse(rs.getString("origin")),
                validation == null ? Optional.empty() : Optional.of(ShadowEvaluation.fromJson(validation)),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "promoted_at"), Sql.instant(rs, "retired_at"),
                rs.getBoolean("has_feedback"));
    }
}
