package io.ppcanomaly.service;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.features.FeatureConfig;
import io.ppcanomaly.api.features.Seasonality;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * Saves and loads {@link TrainedModel}s in a directory: per level and detector, the model stream
 * ({@code keyword.ensemble.model}, written by {@link Detector#save}) and its metadata
 * ({@code keyword.ensemble.properties}: feature configuration, granularity, training reach). Files are
 * written to a temporary name and moved into place, so a reader never sees half a model. Stateless.
 *
 * <h2>Metadata versions</h2>
 * <ul>
 *   <li>2 (written now): every {@link FeatureConfig} key under {@code features.}, the seasonality included;
 *       {@code features.seasonality} is required.</li>
 *   <li>1 (before seasonal baselines): no seasonality key. Such a model was trained on flat baselines, so it is
 *       loaded with {@link Seasonality#NONE} and scores exactly as it was trained, whatever today's default.</li>
 * </ul>
 */
public final class ModelStore {

    /** Version of the metadata file's layout. */
    public static final int FORMAT_VERSION = 2;
    /** The version before seasonal baselines, still read. */
    static final int FORMAT_VERSION_FLAT = 1;

    private static final String FEATURES = "features.";

    private ModelStore() {
    }

    /** @return the model file of a level and detector in {@code dir} */
    public static Path modelFile(Path dir, EntityType type, String detector) {
        return dir.resolve(type.wireName() + "." + detector + ".model");
    }

    /** @return the metadata file of a level and detector in {@code dir} */
    public static Path metadataFile(Path dir, EntityType type, String detector) {
        return dir.resolve(type.wireName() + "." + detector + ".properties");
    }

    /**
     * Saves a trained model, creating {@code dir} if needed and replacing an older model of the same level and
     * detector.
     *
     * @return the model file
     */
    public static Path save(TrainedModel model, Path dir) throws IOException {
        Objects.requireNonNull(model, "model");
        Files.createDirectories(dir);
        String name = model.detector().name();
        Path file = modelFile(dir, model.entityType(), name);
        Path tmp = Files.createTempFile(dir, ".model-", ".tmp");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
            model.detector().save(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Properties p = metadata(model);
        Path meta = metadataFile(dir, model.entityType(), name);
        Path tmpMeta = Files.createTempFile(dir, ".meta-", ".tmp");
        try (Writer w = Files.newBufferedWriter(tmpMeta, StandardCharsets.UTF_8)) {
            p.store(w, "PPC Anomaly trained model metadata");
        }
        Files.move(tmpMeta, meta, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /**
     * Loads the model of a level and detector.
     *
     * @throws NoSuchFileException naming the missing file and the command that makes it
     * @throws IOException         for a corrupt model or metadata file
     */
    public static TrainedModel load(Path dir, EntityType type, String detector) throws IOException {
        Path file = modelFile(dir, type, detector);
        Path meta = metadataFile(dir, type, detector);
        for (Path p : new Path[] {file, meta}) {
            if (!Files.isRegularFile(p)) {
                throw new NoSuchFileException(p.toString(), null, "no saved " + type.wireName() + " model of '"
                        + detector + "' in " + dir + "; train one first");
            }
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        TrainedModel model;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            model = read(p, in, meta.toString(), "saved " + type.wireName() + " model of '" + detector + "' in " + dir);
        }
        if (model.entityType() != type || !model.detector().name().equals(detector)) {
            throw new IOException(file + " must hold a " + type.wireName() + " '" + detector + "' model, got a "
                    + model.entityType().wireName() + " '" + model.detector().name() + "' model");
        }
        return model;
    }

    /**
     * The metadata of a trained model exactly as {@link #save} writes it beside the model stream: format version,
     * detector, level, granularity, training reach, training windows, fit time and the feature configuration
     * ({@code features.*}). Other stores of trained models (a database's model registry, a stream processor's
     * state) keep this with the {@link Detector#save} stream so every store reads every other's models.
     *
     * @return a new {@link Properties}
     */
    public static Properties metadata(TrainedModel model) {
        Objects.requireNonNull(model, "model");
        Properties p = new Properties();
        p.setProperty("format.version", Integer.toString(FORMAT_VERSION));
        p.setProperty("detector", model.detector().name());
        p.setProperty("entity.type", model.entityType().wireName());
        p.setProperty("granularity", model.granularity().name().toLowerCase(Locale.ROOT));
        p.setProperty("trained.through", model.trainedThrough().toString());
        p.setProperty("training.windows", Integer.toString(model.trainingWindows()));
        p.setProperty("fit.millis", Long.toString(model.fitMillis()));
        Properties f = model.features().toProperties();
        for (String k : f.stringPropertyNames()) {
            p.setProperty(FEATURES + k, f.getProperty(k));
        }
        return p;
    }

    /**
     * Reads a trained model from its {@link #metadata} and its {@link Detector#save} stream, wherever they were
     * kept (files, a database row). The stream is read to the model's end and not closed.
     *
     * @param where names the source in messages, e.g. a file or a row
     * @throws IOException for a wrong format version, missing or invalid metadata, a corrupt model stream, or a
     *                     model of another detector than the metadata names
     */
    public static TrainedModel read(Properties metadata, InputStream model, String where) throws IOException {
        return read(metadata, model, where, where);
    }

    private static TrainedModel read(Properties p, InputStream in, String metaName, String what) throws IOException {
        Objects.requireNonNull(p, "metadata");
        Objects.requireNonNull(in, "model");
        String version = p.getProperty("format.version");
        boolean flat = Integer.toString(FORMAT_VERSION_FLAT).equals(version);
        if (!flat && !Integer.toString(FORMAT_VERSION).equals(version)) {
            throw new IOException(metaName + ": format.version must be " + FORMAT_VERSION_FLAT + " or "
                    + FORMAT_VERSION + ", got '" + version + "'");
        }
        if (!flat) {
            required(p, metaName, FEATURES + "seasonality");
        }
        Properties f = new Properties();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith(FEATURES)) {
                f.setProperty(k.substring(FEATURES.length()), p.getProperty(k));
            }
        }
        try {
            // A version-1 model knew only flat baselines: its missing seasonality key means none.
            FeatureConfig features = FeatureConfig.of(f, flat
                    ? FeatureConfig.DEFAULT.withSeasonality(Seasonality.NONE) : FeatureConfig.DEFAULT);
            String detector = required(p, metaName, "detector");
            EntityType type = EntityType.parse(required(p, metaName, "entity.type"));
            Granularity g = Granularity.valueOf(required(p, metaName, "granularity").toUpperCase(Locale.ROOT));
            LocalDateTime through = LocalDateTime.parse(required(p, metaName, "trained.through"));
            int windows = Integer.parseInt(required(p, metaName, "training.windows"));
            long millis = Long.parseLong(required(p, metaName, "fit.millis"));
            Detector d = Detectors.load(in);
            if (!d.name().equals(detector)) {
                throw new IOException(what + " must hold a '" + detector + "' model, got '" + d.name() + "'");
            }
            return new TrainedModel(d, type, g, features, through, windows, millis);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IOException(what + " cannot be used: " + e.getMessage(), e);
        }
    }

    private static String required(Properties p, String meta, String key) throws IOException {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IOException(meta + ": " + key + " must be present, got none");
        }
        return v.trim();
    }
}
