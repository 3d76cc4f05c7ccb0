package io.ppcanomaly.monitor.retrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.store.TrainingExample;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * People's labels turned into local thresholds: an alert whose judged period looks like an alert people labelled
 * false — its nearest labelled neighbour, within {@code radius}, is a false one — is not raised again; an alert
 * closer to one labelled true always is. "Looks like" compares the judged rows (the last row of each window: the
 * scale-free log-ratio of every KPI to the entity's baseline) in units of each feature's ordinary spread:
 * <pre>
 *   distance(x, y) = sqrt( (1/F) · Σ_f ((x_f − y_f) / s_f)² )
 * </pre>
 * where {@code s_f} is the 90th percentile of |feature f| over the judged rows of the challenger's training windows
 * where it is not zero (a zero is a KPI shrunk all the way to its baseline for want of clicks or orders, no evidence
 * of its spread), at least 0.05. A feature that moves a lot on ordinary active days — CTR, conversion rate and ACOS,
 * driven by a handful of clicks and orders — counts for little; one that is steady — CPC — counts for much. So a
 * deliberate bid boost people called a false alarm (CPC and traffic up together) stops alerting on any keyword even
 * when that day's sales differ, while a CPC spike with steady or falling traffic — several spreads away in traffic
 * and CPC — still alerts.
 *
 * <h2>Why not only retrain</h2>
 * Teaching the windows of false alerts as normal training windows does little: the detectors are fitted on tens of
 * thousands of windows, and measured on a generated account, even 600 close copies of a labelled window moved its
 * score from 0.999 to 0.970–0.989 and a recurrence's not at all (0.9999). A filter does what the label says, can be
 * read ("suppressed: like alert 123, labelled false by ana") and undone (roll back the version).
 *
 * <p>The filter belongs to a model version: retraining builds it from every label up to then, the shadow evaluation
 * applies it to the challenger's alerts, and the monitor applies the champion's to every run. Immutable and
 * thread-safe.
 *
 * @param radius   how close a judged row must be to a labelled one to take its label, in spreads, &gt; 0
 * @param scales   feature name → its ordinary spread {@code s_f}, &gt; 0 (features without one count with 1)
 * @param examples the labelled judged rows, false and true
 */
public record FeedbackFilter(double radius, Map<String, Double> scales, List<Example> examples) {

    /** A filter that keeps every alert. */
    public static final FeedbackFilter NONE = new FeedbackFilter(1, Map.of(), List.of());

    /** Smallest spread a feature is given, so a feature flat in training does not decide alone. */
    public static final double MIN_SCALE = 0.05;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One labelled judged row.
     *
     * @param alertId     the labelled alert
     * @param entityId    its entity
     * @param period      its period
     * @param trueAnomaly the label
     * @param features    the judged row's feature names
     * @param row         the judged row's values
     */
    public record Example(long alertId, String entityId, LocalDateTime period, boolean trueAnomaly,
                          List<String> features, double[] row) {

        /** Validates. */
        public Example {
            Objects.requireNonNull(entityId, "entityId");
            Objects.requireNonNull(period, "period");
            features = List.copyOf(features);
            row = row.clone();
            if (row.length != features.size()) {
                throw new IllegalArgumentException("row must have one value per feature " + features + ", got "
                        + row.length);
            }
        }
    }

    /**
     * What the filter did to a report.
     *
     * @param report     the report without the suppressed alerts
     * @param suppressed the alerts not raised, each with the false label it resembled
     */
    public record Filtered(DetectionReport report, List<Suppressed> suppressed) {
    }

    /**
     * An alert the filter kept back.
     *
     * @param alert    the alert
     * @param resembled the labelled false alert it is closest to
     * @param distance the distance between their judged rows
     */
    public record Suppressed(Alert alert, Example resembled, double distance) {
    }

    /** Validates and freezes. */
    public FeedbackFilter {
        if (!(radius > 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("radius must be > 0, got " + radius);
        }
        for (Map.Entry<String, Double> e : scales.entrySet()) {
            if (!(e.getValue() > 0) || e.getValue().isInfinite()) {
                throw new IllegalArgumentException("scale of " + e.getKey() + " must be > 0, got " + e.getValue());
            }
        }
        scales = Collections.unmodifiableMap(new TreeMap<>(scales));
        examples = List.copyOf(examples);
    }

    /**
     * @return feature name → the 90th percentile of |value| over the windows' judged rows where it is not zero, at
     *         least {@link #MIN_SCALE}: the ordinary spread of each feature on days that carry evidence of it
     */
    public static Map<String, Double> scales(List<FeatureWindow> windows) {
        Map<String, Double> out = new TreeMap<>();
        if (windows.isEmpty()) {
            return out;
        }
        List<String> names = windows.get(0).schema().names();
        double[][] cols = new double[names.size()][windows.size()];
        int[] n = new int[names.size()];
        for (FeatureWindow w : windows) {
            double[] row = w.lastRow();
            for (int f = 0; f < row.length; f++) {
                if (row[f] != 0) {
                    cols[f][n[f]++] = Math.abs(row[f]);
                }
            }
        }
        for (int f = 0; f < names.size(); f++) {
            double[] c = Arrays.copyOf(cols[f], n[f]);
            Arrays.sort(c);
            double p90 = c.length == 0 ? 0 : c[(int) Math.floor(0.9 * (c.length - 1))];
            out.put(names.get(f), Math.max(MIN_SCALE, p90));
        }
        return out;
    }

    /**
     * @param labels the labels (their windows as the detector judged them; labels without a window are left out)
     * @param radius the neighbourhood, in spreads
     * @param scales each feature's ordinary spread ({@link #scales})
     * @param max    most examples kept, the latest labels first
     */
    public static FeedbackFilter of(Collection<TrainingExample> labels, double radius, Map<String, Double> scales,
                                    int max) {
        List<TrainingExample> sorted = new ArrayList<>(labels);
        sorted.sort(Comparator.comparing(TrainingExample::labelledAt).reversed());
        List<Example> out = new ArrayList<>();
        for (TrainingExample e : sorted) {
            if (e.window() == null || out.size() >= max) {
                continue;
            }
            FeatureWindow w = e.window();
            out.add(new Example(e.alertId(), e.entityId(), e.period(), e.trueAnomaly(), w.schema().names(),
                    w.lastRow()));
        }
        return new FeedbackFilter(radius, scales, out);
    }

    /** @return whether it holds a false label (else it keeps every alert) */
    public boolean active() {
        for (Example e : examples) {
            if (!e.trueAnomaly()) {
                return true;
            }
        }
        return false;
    }

    /** @return the labelled false alert an alert of this window resembles, if its nearest labelled row is false */
    public Suppressed suppression(Alert alert) {
        FeatureWindow w = alert.window();
        if (w == null || examples.isEmpty()) {
            return null;
        }
        double[] row = w.lastRow();
        List<String> names = w.schema().names();
        double[] scale = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            scale[i] = scales.getOrDefault(names.get(i), 1.0);
        }
        Example best = null;
        double bestD = Double.POSITIVE_INFINITY;
        for (Example e : examples) {
            if (!e.features().equals(names)) {
                continue;
            }
            double d = 0;
            for (int i = 0; i < row.length; i++) {
                double x = (row[i] - e.row()[i]) / scale[i];
                d += x * x;
            }
            d = Math.sqrt(d / row.length);
            // on a tie the true label wins: a confirmed anomaly is never silenced by a look-alike
            if (d < bestD || d == bestD && e.trueAnomaly()) {
                bestD = d;
                best = e;
            }
        }
        return best != null && !best.trueAnomaly() && bestD <= radius ? new Suppressed(alert, best, bestD) : null;
    }

    /** @return the report without the alerts this filter suppresses */
    public Filtered apply(DetectionReport r) {
        if (!active()) {
            return new Filtered(r, List.of());
        }
        List<Alert> kept = new ArrayList<>();
        List<Suppressed> out = new ArrayList<>();
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Alert a : r.alerts()) {
            Suppressed s = suppression(a);
            if (s == null) {
                kept.add(a);
                counts.merge(a.severity(), 1, Integer::sum);
            } else {
                out.add(s);
            }
        }
        if (out.isEmpty()) {
            return new Filtered(r, List.of());
        }
        DetectionReport filtered = new DetectionReport(r.entityType(), r.detector(), r.granularity(), r.periods(),
                r.totalEntitiesChecked(), kept.size(), counts, kept, r.executionTimeMs(), r.entitiesSkipped(),
                r.windowsScored(), r.echoesSuppressed(), r.belowMinScore(), r.trainingWindows(), r.load(), r.timings());
        return new Filtered(filtered, out);
    }

    /** @return the filter as kept with its model version */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("radius", radius);
        ObjectNode sc = o.putObject("scales");
        scales.forEach(sc::put);
        ArrayNode a = o.putArray("examples");
        for (Example e : examples) {
            ObjectNode x = a.addObject();
            x.put("alert_id", e.alertId());
            x.put("entity_id", e.entityId());
            x.put("period", e.period().toString());
            x.put("true_anomaly", e.trueAnomaly());
            ArrayNode f = x.putArray("features");
            e.features().forEach(f::add);
            ArrayNode v = x.putArray("row");
            for (double d : e.row()) {
                v.add(d);
            }
        }
        return o.toString();
    }

    /**
     * @return the filter read back from {@link #toJson()}
     * @throws IllegalArgumentException for other text
     */
    public static FeedbackFilter fromJson(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            List<Example> out = new ArrayList<>();
            for (JsonNode x : o.get("examples")) {
                List<String> f = new ArrayList<>();
                x.get("features").forEach(n -> f.add(n.asText()));
                double[] row = new double[x.get("row").size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = x.get("row").get(i).asDouble();
                }
                out.add(new Example(x.get("alert_id").asLong(), x.get("entity_id").asText(),
                        LocalDateTime.parse(x.get("period").asText()), x.get("true_anomaly").asBoolean(), f, row));
            }
            Map<String, Double> sc = new TreeMap<>();
            o.get("scales").fields().forEachRemaining(e -> sc.put(e.getKey(), e.getValue().asDouble()));
            return new FeedbackFilter(o.get("radius").asDouble(), sc, out);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("feedback must be the JSON of a feedback filter, got '" + json + "': "
                    + e.getMessage(), e);
        }
    }
}
