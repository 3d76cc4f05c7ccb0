package io.ppcanomaly.service;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.EntityAnomaly;
import io.ppcanomaly.api.Explanation;
import io.ppcanomaly.api.RootCause;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.SeverityPolicy;
import io.ppcanomaly.api.features.FeatureConfig;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.api.model.Metrics;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns scored, explained and traced anomalies into {@link Alert}s. Stateless. */
final class AlertAssembler {

    /** Latest period first, then most severe, then highest score, then id. */
    static final Comparator<Alert> ORDER = Comparator.comparing(Alert::period).reversed()
            .thenComparing(Comparator.comparing(Alert::severity).reversed())
            .thenComparing(Comparator.comparingDouble(Alert::anomalyScore).reversed())
            .thenComparing(Alert::entityId);

    private AlertAssembler() {
    }

    /** @return feature name → the last row's value: the signed size of each KPI's move */
    static Map<String, Double> lastRow(FeatureWindow w) {
        FeatureSchema schema = w.schema();
        double[] row = w.lastRow();
        Map<String, Double> out = new LinkedHashMap<>();
        for (int f = 0; f < row.length; f++) {
            out.put(schema.name(f), row[f]);
        }
        return out;
    }

    /** @return feature name → exp(value) − 1 of the last row: the relative change against the baseline */
    static Map<String, Double> kpiChanges(FeatureWindow w) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : lastRow(w).entrySet()) {
            out.put(e.getKey(), Math.expm1(e.getValue()));
        }
        return out;
    }

    /**
     * Money at stake at index {@code i} ({@link SeverityPolicy#moneyAtStake}): the larger of the mean spend and
     * the mean sales per period over the baseline the features use (the {@code baselineLength} periods before
     * the window).
     */
    static double moneyAtStake(MetricSeries s, int i, FeatureConfig c) {
        int bEnd = i - c.windowLength() + 1;
        int bStart = Math.max(0, bEnd - c.baselineLength());
        if (bEnd <= bStart) {
            return SeverityPolicy.moneyAtStake(s.spend(i), s.sales(i));
        }
        double spend = 0;
        double sales = 0;
        for (int k = bStart; k < bEnd; k++) {
            spend += s.spend(k);
            sales += s.sales(k);
        }
        int n = bEnd - bStart;
        return SeverityPolicy.moneyAtStake(spend / n, sales / n);
    }

    /** @return entity id → the causes that explain its anomaly, in the analyzer's order */
    static Map<String, List<AlertCause>> causesByEntity(List<RootCause> causes) {
        Map<String, List<AlertCause>> out = new HashMap<>();
        for (RootCause c : causes) {
            Entity e = c.entity();
            AlertCause ac = new AlertCause(e.type(), e.id(), e.name(), c.kind(), c.confidence(), c.start(),
                    c.summary());
            for (EntityAnomaly a : c.explained()) {
                List<AlertCause> list = out.computeIfAbsent(a.entityId(), k -> new ArrayList<>());
                if (!list.contains(ac)) {
                    list.add(ac);
                }
            }
        }
        return out;
    }

    /** Builds one alert, carrying the judged window and the period's raw metrics. */
    static Alert alert(Entity entity, FeatureWindow window, Metrics metrics, AnomalyResult result,
                       LocalDateTime start, Explanation explanation, double moneyAtStake, SeverityPolicy policy,
                       List<AlertCause> causes, Instant now) {
        Severity severity = policy.classify(result.score(), moneyAtStake);
        return new Alert(entity.type(), entity.id(), entity.name(), window.period(), start, result.score(),
                result.threshold(), severity, result.detector(), result.memberScores(),
                explanation == null ? Map.of() : explanation.contributions(), kpiChanges(window), moneyAtStake,
                causes, now, window, metrics);
    }
}
