package io.ppcanomaly.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AlertCause;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.LabelEvaluation;
import io.ppcanomaly.service.StageTimings;
import io.ppcanomaly.service.source.LoadSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Scores the alerts JSON reports a series of {@code run-once --report-dir} runs wrote against the built-in sample's
 * labels, per level, as if they were one backtest over every period they judged: how the monitor did, run by run,
 * on the sample.
 */
final class SampleScore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleScore() {
    }

    /** @return one block per level: periods covered, then {@link LabelEvaluation#describe()} */
    static String describe(Path dir, SampleAccount account) throws IOException {
        Map<EntityType, List<Alert>> alerts = new TreeMap<>();
        Map<EntityType, TreeSet<LocalDateTime>> periods = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        for (Path f : files) {
            JsonNode r = JSON.readTree(f.toFile());
            EntityType level = EntityType.parse(r.get("entity_type").asText());
            JsonNode ps = r.get("periods");
            LocalDateTime first = period(ps.get(0).asText());
            LocalDateTime last = period(ps.get(1).asText());
            TreeSet<LocalDateTime> set = periods.computeIfAbsent(level, k -> new TreeSet<>());
            Granularity g = ps.get(0).asText().length() > 10 ? Granularity.HOUR : Granularity.DAY;
            for (LocalDateTime p = first; !p.isAfter(last); p = g.plus(p, 1)) {
                set.add(p);
            }
            for (JsonNode a : r.get("alerts")) {
                alerts.computeIfAbsent(level, k -> new ArrayList<>()).add(alert(a));
            }
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<EntityType, TreeSet<LocalDateTime>> e : periods.entrySet()) {
            List<Alert> list = alerts.getOrDefault(e.getKey(), List.of());
            Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
            list.forEach(a -> counts.merge(a.severity(), 1, Integer::sum));
            DetectionReport merged = new DetectionReport(e.getKey(), "monitor", Granularity.DAY,
                    new ArrayList<>(e.getValue()), 0, list.size(), counts, list, 0, 0, 0, 0, 0, 0, LoadSummary.NONE,
                    new StageTimings(0, 0, 0, 0, 0, 0));
            out.append(System.lineSeparator()).append("Sample labels, ").append(e.getKey().wireName())
                    .append(" alerts of every report in ").append(dir).append(" (").append(e.getValue().size())
                    .append(" periods, ").append(e.getValue().first().toLocalDate()).append(" to ")
                    .append(e.getValue().last().toLocalDate()).append("):").append(System.lineSeparator())
                    .append(LabelEvaluation.evaluate(merged, account).describe());
        }
        return out.toString();
    }

    private static LocalDateTime period(String s) {
        return s.length() > 10 ? LocalDateTime.parse(s.replace(' ', 'T')) : LocalDate.parse(s).atStartOfDay();
    }

    private static Alert alert(JsonNode a) {
        List<AlertCause> causes = new ArrayList<>();
        for (JsonNode c : a.get("root_causes")) {
            String kind = c.get("kind").asText();
            RootCauseKind k = RootCauseKind.OTHER;
            for (RootCauseKind x : RootCauseKind.values()) {
                if (x.wireName().equals(kind)) {
                    k = x;
                }
            }
            JsonNode start = c.get("start");
            causes.add(new AlertCause(EntityType.parse(c.get("entity_type").asText()), c.get("entity_id").asText(),
                    c.get("entity_name").asText(), k, c.get("confidence").asDouble(),
                    start == null || start.isNull() ? null : period(start.asText()), c.get("summary").asText()));
        }
        return new Alert(EntityType.parse(a.get("entity_type").asText()), a.get("entity_id").asText(),
                a.get("entity_name").asText(), period(a.get("period").asText()),
                period(a.get("anomaly_start").asText()), a.get("anomaly_score").asDouble(),
                a.get("threshold").asDouble(), Severity.parse(a.get("severity").asText()),
                a.get("detector_type").asText(), numbers(a.get("member_scores")), numbers(a.get("explanation")),
                numbers(a.get("kpi_changes")), a.get("money_at_stake").asDouble(), causes,
                Instant.parse(a.get("detection_timestamp").asText()));
    }

    private static Map<String, Double> numbers(JsonNode o) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asDouble());
        }
        return out;
    }
}
