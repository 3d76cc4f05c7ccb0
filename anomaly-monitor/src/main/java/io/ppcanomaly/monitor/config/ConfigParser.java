package io.ppcanomaly.monitor.config;

import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.Explainers;
import io.ppcanomaly.api.RootCauseAnalyzers;
import io.ppcanomaly.api.SeverityPolicy;
import io.ppcanomaly.api.features.FeatureConfig;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.monitor.MonitorConfig;
import io.ppcanomaly.monitor.ProfileSettings;
import io.ppcanomaly.monitor.retrain.RetrainPolicy;
import io.ppcanomaly.monitor.schedule.Schedule;
import io.ppcanomaly.service.DetectionRequest;
import io.ppcanomaly.store.ProfileId;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a monitor configuration file ({@link MonitorConfig#of}). Every key below is optional unless marked; an
 * unknown key, or a bad value, fails naming the key and the value.
 *
 * <table>
 *   <caption>Monitor configuration keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code profiles} (required)</td><td></td><td>comma-separated profile ids (the tenants)</td></tr>
 *   <tr><td>{@code levels}</td><td>{@code keyword}</td><td>levels judged for every profile: keyword, ad_group,
 *       campaign, portfolio</td></tr>
 *   <tr><td>{@code profile.<id>.levels}</td><td>{@code levels}</td><td>that profile's levels</td></tr>
 *   <tr><td>{@code profile.<id>.source-profile}</td><td>the id</td><td>the profile's id in the source;
 *       {@code *} when the source holds this profile only (a report without a profile_id column)</td></tr>
 *   <tr><td>{@code source.*}</td><td></td><td>where metrics come from ({@code MonitorSources})</td></tr>
 *   <tr><td>{@code store.*}</td><td></td><td>the alert store ({@code MonitorStores})</td></tr>
 *   <tr><td>{@code detector}, {@code detector.<key>}</td><td>{@code ensemble}</td><td>detector and its
 *       options</td></tr>
 *   <tr><td>{@code features.<key>}</td><td>defaults</td><td>{@link FeatureConfig} keys, e.g.
 *       {@code features.window.length}</td></tr>
 *   <tr><td>{@code explain}, {@code explainer}, {@code explainer.<key>}</td><td>true, monte-carlo-shapley</td>
 *       <td>explanations</td></tr>
 *   <tr><td>{@code root-cause}, {@code root-cause-analyzer}, {@code root-cause.<key>}</td><td>true, hierarchy</td>
 *       <td>root causes</td></tr>
 *   <tr><td>{@code min-score}</td><td>none</td><td>alert floor in [0, 1] on top of the detector's threshold</td></tr>
 *   <tr><td>{@code confirm-period}, {@code start-lookback}</td><td>true, 7</td><td>as in {@link DetectionRequest}
 *       </td></tr>
 *   <tr><td>{@code training.stride}, {@code training.max-windows}, {@code seed}</td><td>1, 60000, 20260314</td>
 *       <td>the training sample</td></tr>
 *   <tr><td>{@code severity.*}</td><td>defaults</td><td>{@link SeverityPolicy} keys</td></tr>
 *   <tr><td>{@code schedule.zone}</td><td>UTC</td><td>zone of the data's dates and of the times below</td></tr>
 *   <tr><td>{@code schedule.daily-at}</td><td>06:00</td><td>when daily data is judged (the day before)</td></tr>
 *   <tr><td>{@code schedule.hourly-minute}</td><td>15</td><td>minute of the hour hourly data is judged</td></tr>
 *   <tr><td>{@code schedule.cleanup-at}</td><td>03:30</td><td>daily clean-up</td></tr>
 *   <tr><td>{@code schedule.retrain-day}, {@code schedule.retrain-at}</td><td>sunday, 02:00</td><td>weekly
 *       retraining; {@code off} for none</td></tr>
 *   <tr><td>{@code retrain.shadow-days}, {@code retrain.feedback}, {@code retrain.feedback-radius},
 *       {@code retrain.feedback-max-examples}, {@code retrain.false-alert-tolerance}</td>
 *       <td>14, true, 2, 10000, 0</td><td>{@link RetrainPolicy}</td></tr>
 *   <tr><td>{@code monitor.instance-id}</td><td>pid@host</td><td>this instance's name in leases</td></tr>
 *   <tr><td>{@code monitor.threads}</td><td>1</td><td>profiles run at once</td></tr>
 *   <tr><td>{@code monitor.lease-ttl}</td><td>10m</td><td>lease time to live</td></tr>
 *   <tr><td>{@code monitor.keep-versions}, {@code monitor.ledger-days}</td><td>10, 400</td><td>retention</td></tr>
 *   <tr><td>{@code monitor.shutdown-timeout}</td><td>10m</td><td>wait for running jobs on stop</td></tr>
 *   <tr><td>extension prefixes, e.g. {@code notify.*}, {@code route.*}</td><td></td><td>passed unparsed to the
 *       monitor extension claiming the prefix; without one such keys are refused</td></tr>
 * </table>
 */
public final class ConfigParser {

    /** Prefixes reserved for notifications: refused unless an installed extension claims them. */
    public static final Set<String> NOTIFICATION_PREFIXES = Set.of("notify.", "route.");

    private ConfigParser() {
    }

    /**
     * @param props              the file's properties
     * @param extensionPrefixes  prefixes claimed by installed extensions (e.g. {@code notify.})
     * @throws IllegalArgumentException naming the key and the value of the first problem
     */
    public static MonitorConfig parse(Properties props, Set<String> extensionPrefixes) {
        Objects.requireNonNull(props, "props");
        ConfigReader r = new ConfigReader(props);
        MonitorConfig.Builder b = MonitorConfig.builder();
        r.required("profiles", "the profile ids to monitor");
        List<EntityType> levels = r.list("levels", List.of(EntityType.KEYWORD), EntityType::parse);
        for (String id : r.list("profiles", null, s -> s)) {
            String prefix = "profile." + id + ".";
            String source = r.string(prefix + "source-profile", id);
            try {
                b.profile(new ProfileSettings(ProfileId.of(id), "*".equals(source) ? null : source,
                        r.list(prefix + "levels", levels, EntityType::parse)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("monitor config key 'profiles' has a bad profile '" + id + "': "
                        + e.getMessage(), e);
            }
        }
        b.detection(detection(r));
        b.schedule(schedule(r));
        RetrainPolicy d = RetrainPolicy.DEFAULT;
        RetrainPolicy retrain = new RetrainPolicy(r.integer("retrain.shadow-days", d.shadowDays(), 1, 366),
                r.bool("retrain.feedback", d.feedback()), r.number("retrain.feedback-radius", d.radius(), 1e-9, 10),
                r.integer("retrain.feedback-max-examples", d.maxExamples(), 1, Integer.MAX_VALUE),
                r.number("retrain.false-alert-tolerance", d.falseAlertTolerance(), 0, 10));
        b.retraining(retrain);
        b.instanceId(r.string("monitor.instance-id", MonitorConfig.defaultInstanceId()));
        b.threads(r.integer("monitor.threads", 1, 1, 256));
        b.leaseTtl(r.duration("monitor.lease-ttl", MonitorConfig.DEFAULT_LEASE_TTL));
        b.keepVersions(r.integer("monitor.keep-versions", MonitorConfig.DEFAULT_KEEP_VERSIONS, 0, 100_000));
        b.ledgerDays(r.integer("monitor.ledger-days", MonitorConfig.DEFAULT_LEDGER_DAYS, retrain.shadowDays(),
                100_000));
        b.shutdownTimeout(r.duration("monitor.shutdown-timeout", MonitorConfig.DEFAULT_SHUTDOWN_TIMEOUT));
        b.sourceKeys(r.withPrefix("source."));
        b.storeKeys(r.withPrefix("store."));
        Properties ext = new Properties();
        for (String prefix : new TreeSet<>(extensionPrefixes)) {
            Properties p = r.withPrefix(prefix);
            for (String k : p.stringPropertyNames()) {
                ext.setProperty(prefix + k, p.getProperty(k));
            }
        }
        b.extensionKeys(ext);
        for (String k : r.unread()) {
            for (String reserved : NOTIFICATION_PREFIXES) {
                if (k.startsWith(reserved)) {
                    throw new IllegalArgumentException("monitor config key '" + k + "' (value '" + r.raw(k) + "') needs "
                            + "a monitor extension handling '" + reserved + "*' keys (notifications: add anomaly-notify "
                            + "to the class path); none is installed");
                }
            }
            throw new IllegalArgumentException("monitor config key '" + k + "' (value '" + r.raw(k) + "') is unknown: "
                    + "see the keys in the anomaly-monitor README" + suggestion(k));
        }
        return b.build();
    }

    private static DetectionRequest detection(ConfigReader r) {
        DetectionRequest.Builder b = DetectionRequest.builder();
        String detector = r.string("detector", DetectionRequest.DEFAULT_DETECTOR);
        Properties options = r.withPrefix("detector.");
        try {
            Detectors.create(detector, options);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("monitor config key 'detector' (value '" + detector + "') or its "
                    + "'detector.*' options " + options.stringPropertyNames() + " are not valid: " + e.getMessage(), e);
        }
        b.detector(detector).detectorOptions(options);
        b.explain(r.bool("explain", true));
        String explainer = r.string("explainer", DetectionRequest.DEFAULT_EXPLAINER);
        if (!Explainers.available().contains(explainer)) {
            throw ConfigReader.error("explainer", explainer, "one of " + Explainers.available());
        }
        b.explainer(explainer).explainerOptions(r.withPrefix("explainer."));
        b.rootCause(r.bool("root-cause", true));
        String analyzer = r.string("root-cause-analyzer", DetectionRequest.DEFAULT_ROOT_CAUSE_ANALYZER);
        if (!RootCauseAnalyzers.available().contains(analyzer)) {
            throw ConfigReader.error("root-cause-analyzer", analyzer, "one of " + RootCauseAnalyzers.available());
        }
        b.rootCauseAnalyzer(analyzer).rootCauseOptions(r.withPrefix("root-cause."));
        Properties features = r.withPrefix("features.");
        Set<String> known = FeatureConfig.DEFAULT.toProperties().stringPropertyNames();
        for (String k : features.stringPropertyNames()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException("monitor config key 'features." + k + "' (value '"
                        + features.getProperty(k) + "') is unknown: feature keys are " + new TreeSet<>(known));
            }
        }
        try {
            if (!features.isEmpty()) {
                // the data's granularity picks the defaults (FeatureConfig.defaults); keys given override them
                b.features(FeatureConfig.of(features));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("monitor config keys 'features.*' are not valid: " + e.getMessage(), e);
        }
        String min = r.get("min-score");
        if (min != null) {
            b.minScore(r.number("min-score", 0, 0, 1));
        }
        b.confirmPeriod(r.bool("confirm-period", true));
        b.startLookback(r.integer("start-lookback", DetectionRequest.DEFAULT_START_LOOKBACK, 0, 10_000));
        b.trainingStride(r.integer("training.stride", 1, 1, 10_000));
        b.maxTrainingWindows(r.integer("training.max-windows", DetectionRequest.DEFAULT_MAX_TRAINING_WINDOWS, 1,
                Integer.MAX_VALUE));
        String seed = r.get("seed");
        if (seed != null) {
            try {
                b.seed(Long.parseLong(seed));
            } catch (NumberFormatException e) {
                throw ConfigReader.error("seed", seed, "an integer");
            }
        }
        Properties severity = new Properties();
        r.withPrefix("severity.").forEach((k, v) -> severity.setProperty("severity." + k, (String) v));
        if (!severity.isEmpty()) {
            try {
                b.severity(SeverityPolicy.of(severity));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("monitor config keys 'severity.*' are not valid: " + e.getMessage(),
                        e);
            }
        }
        return b.build();
    }

    private static Schedule schedule(ConfigReader r) {
        Schedule d = Schedule.DEFAULT;
        String retrainDay = r.get("schedule.retrain-day");
        Optional<DayOfWeek> day = d.retrainDay();
        if (retrainDay != null) {
            day = retrainDay.equalsIgnoreCase("off") ? Optional.empty()
                    : Optional.of(r.day("schedule.retrain-day", DayOfWeek.SUNDAY));
        }
        return new Schedule(r.zone("schedule.zone", d.zone()), r.time("schedule.daily-at", d.dailyAt()),
                r.integer("schedule.hourly-minute", d.hourlyMinute(), 0, 59), r.time("schedule.cleanup-at",
                d.cleanupAt()), day, r.time("schedule.retrain-at", d.retrainAt()));
    }

    private static String suggestion(String key) {
        List<String> roots = new ArrayList<>(List.of("profiles", "levels", "profile.", "source.", "store.", "detector",
                "features.", "explain", "explainer", "root-cause", "min-score", "confirm-period", "start-lookback",
                "training.", "seed", "severity.", "schedule.", "retrain.", "monitor."));
        String head = key.contains(".") ? key.substring(0, key.indexOf('.') + 1) : key;
        for (String root : roots) {
            if (root.startsWith(head.toLowerCase(Locale.ROOT)) || head.startsWith(root)) {
                return " (keys starting '" + root + "' exist)";
            }
        }
        return "";
    }
}
