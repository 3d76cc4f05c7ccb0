package io.ppcanomaly.store;

import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.Metrics;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AlertCause;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.StageTimings;
import io.ppcanomaly.service.source.LoadSummary;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made reports and alerts for the store tests: the one place that builds a DetectionReport. */
final class Reports {

    static final LocalDateTime D0 = LocalDateTime.of(2026, 3, 1, 0, 0);
    static final Instant RUN = Instant.parse("2026-03-20T06:00:00Z");

    private Reports() {
    }

    static LocalDateTime day(int d) {
        return D0.plusDays(d);
    }

    /** A builder of one alert with plausible defaults. */
    static A alert(String entityId, int day) {
        return new A(entityId, day(day));
    }

    static final class A {
        EntityType type = EntityType.KEYWORD;
        final String id;
        String name;
        final LocalDateTime period;
        LocalDateTime start;
        double score = 0.995;
        Severity severity = Severity.MEDIUM;
        String detector = "ensemble";
        double money = 120.0;
        Map<String, Double> explanation = new LinkedHashMap<>(Map.of("cpc", 0.41));
        boolean withWindow = true;

        A(String id, LocalDateTime period) {
            this.id = id;
            this.name = "kw " + id;
            this.period = period;
            this.start = period;
        }

        A type(EntityType t) {
            type = t;
            return this;
        }

        A score(double s) {
            score = s;
            return this;
        }

        A severity(Severity s) {
            severity = s;
            return this;
        }

        A detector(String d) {
            detector = d;
            return this;
        }

        A money(double m) {
            money = m;
            return this;
        }

        A start(int day) {
            start = day(day);
            return this;
        }

        A explanation(String k, double v) {
            explanation.put(k, v);
            return this;
        }

        A noWindow() {
            withWindow = false;
            return this;
        }

        Alert build() {
            FeatureWindow w = null;
            if (withWindow) {
                double[][] rows = new double[3][FeatureSchema.DEFAULT.size()];
                for (int t = 0; t < rows.length; t++) {
                    Arrays.fill(rows[t], 0.01 * (t + 1) + score / 7);
                }
                rows[2][1] = Math.log1p(1.8);
                w = FeatureWindow.of(FeatureSchema.DEFAULT, rows, id, period);
            }
            AlertCause cause = new AlertCause(EntityType.CAMPAIGN, "cp-1", "Shoes", RootCauseKind.CPC_SPIKE, 0.9,
                    start, "CPC up 180% across campaign 'Shoes'");
            return new Alert(type, id, name, period, start, score, 0.99, severity, detector,
                    Map.of("lstm-autoencoder", 0.999, "isolation-forest", 0.98), explanation,
                    Map.of("cpc", 1.8, "ctr", -0.05), money, List.of(cause), RUN,
                    w, withWindow ? new Metrics(1000 + (long) money, 40, money * 1.1, money * 2, 3) : null);
        }
    }

    /** A report holding these alerts (periods from the earliest to the latest alert). */
    static DetectionReport report(Alert... alerts) {
        return report(Granularity.DAY, alerts);
    }

    static DetectionReport report(Granularity g, Alert... alerts) {
        List<Alert> list = List.of(alerts);
        LocalDateTime first = list.stream().map(Alert::period).min(LocalDateTime::compareTo).orElse(D0);
        LocalDateTime last = list.stream().map(Alert::period).max(LocalDateTime::compareTo).orElse(D0);
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        list.forEach(a -> counts.merge(a.severity(), 1, Integer::sum));
        return new DetectionReport(EntityType.KEYWORD, "ensemble", g, List.of(first, last), 100, list.size(), counts,
                list, 10, 0, 100, 0, 0, 0, LoadSummary.NONE, new StageTimings(0, 0, 0, 0, 0, 0));
    }
}
