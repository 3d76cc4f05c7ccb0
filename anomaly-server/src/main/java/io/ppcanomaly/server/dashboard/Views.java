package io.ppcanomaly.server.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.AlertCause;
import io.ppcanomaly.service.incident.Incident;
import io.ppcanomaly.store.AlertFilter;
import io.ppcanomaly.store.AlertPage;
import io.ppcanomaly.store.AlertStatistics;
import io.ppcanomaly.store.AlertStatus;
import io.ppcanomaly.store.IncidentDetail;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoredAlert;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns store objects into the templates' views: labels, formatted numbers, links. Stateless. */
final class Views {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> FEATURE_LABELS = Map.of("ctr", "CTR", "cpc", "CPC", "acos", "ACOS",
            "cvr", "CVR", "roas", "ROAS", "impressions", "Impressions", "spend", "Spend", "clicks", "Clicks",
            "sales", "Sales", "orders", "Orders");

    private Views() {
    }

    static void feed(Map<String, Object> view, AlertPage page, AlertFilter f, String status, ProfileId profile,
                     Map<String, List<String>> query) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StoredAlert a : page.alerts()) {
            rows.add(row(a));
        }
        view.put("page", "feed");
        view.put("title", "Alerts");
        view.put("alerts", rows);
        view.put("empty", rows.isEmpty());
        view.put("status", status);
        view.put("statusOptions", options(List.of("open", "acknowledged", "all"),
                List.of("Open", "Acknowledged", "Open and acknowledged"), status));
        view.put("severityOptions", options(
                List.of("", "low", "medium", "high", "critical"), List.of("Any", "Low+", "Medium+", "High+",
                        "Critical"), f.minSeverity() == null ? "" : f.minSeverity().wireName()));
        view.put("levelOptions", options(List.of("", "keyword", "product_target", "ad_group", "campaign", "portfolio"),
                List.of("Any", "Keyword", "Product target", "Ad group", "Campaign", "Portfolio"),
                f.entityType() == null ? "" : f.entityType().wireName()));
        int offset = page.page().offset();
        view.put("from", rows.isEmpty() ? 0 : offset + 1);
        view.put("to", offset + rows.size());
        if (offset > 0) {
            view.put("prevLink", link(query, Math.max(0, offset - page.page().limit())));
        }
        if (page.hasMore()) {
            view.put("nextLink", link(query, offset + page.page().limit()));
        }
    }

    private static String link(Map<String, List<String>> query, int offset) {
        StringBuilder b = new StringBuilder("/?");
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (!e.getKey().equals("offset")) {
                b.append(enc(e.getKey())).append('=').append(enc(e.getValue().get(0))).append('&');
            }
        }
        return b.append("offset=").append(offset).toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static List<Map<String, Object>> options(List<String> values, List<String> labels, String selected) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Map<String, Object> o = new HashMap<>();
            o.put("value", values.get(i));
            o.put("label", labels.get(i));
            o.put("selected", values.get(i).equals(selected));
            out.add(o);
        }
        return out;
    }

    static Map<String, Object> row(StoredAlert a) {
        Map<String, Object> r = new HashMap<>();
        Granularity g = a.granularity();
        r.put("id", a.id());
        r.put("version", a.version());
        r.put("severity", a.severity().wireName());
        r.put("severityLabel", cap(a.severity().wireName()));
        r.put("entityType", level(a.entityType()));
        r.put("entityName", a.entityName());
        r.put("entityId", a.entityId());
        r.put("period", a.occurrences() > 1 ? g.format(a.firstPeriod()) + " – " + g.format(a.period())
                : g.format(a.period()));
        r.put("occurrences", a.occurrences());
        r.put("many", a.occurrences() > 1);
        r.put("kpis", kpis(a.kpiChanges(), 3));
        r.put("money", money(a.moneyAtStake()));
        r.put("status", a.status().wireName());
        r.put("isOpen", a.status() == AlertStatus.OPEN);
        r.put("isActive", a.isActive());
        r.put("isResolved", a.status() == AlertStatus.RESOLVED);
        if (!a.rootCauses().isEmpty()) {
            AlertCause c = a.rootCauses().get(0);
            r.put("rootCause", c.summary());
            r.put("rootKind", c.kind().wireName().replace('_', ' '));
            r.put("rootEntity", level(c.entityType()) + " " + c.entityName());
        }
        return r;
    }

    static List<Map<String, Object>> kpis(Map<String, Double> changes, int max) {
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(changes.entrySet());
        sorted.sort(Comparator.comparingDouble(e -> -Math.abs(e.getValue())));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : sorted.subList(0, Math.min(max, sorted.size()))) {
            Map<String, Object> k = new HashMap<>();
            k.put("name", FEATURE_LABELS.getOrDefault(e.getKey(), e.getKey()));
            k.put("change", percent(e.getValue()));
            k.put("direction", e.getValue() >= 0 ? "up" : "down");
            out.add(k);
        }
        return out;
    }

    static void alert(Map<String, Object> view, StoredAlert a) {
        Granularity g = a.granularity();
        view.put("page", "alert");
        view.put("title", a.entityName());
        Map<String, Object> r = row(a);
        r.put("score", String.format(Locale.ROOT, "%.4f", a.anomalyScore()));
        r.put("peakScore", String.format(Locale.ROOT, "%.4f", a.peakScore()));
        r.put("threshold", String.format(Locale.ROOT, "%.4f", a.threshold()));
        r.put("detector", a.detectorType());
        r.put("anomalyStart", g.format(a.anomalyStart()));
        r.put("firstSeen", a.firstSeen().toString());
        r.put("allKpis", kpis(a.kpiChanges(), Integer.MAX_VALUE));
        r.put("acknowledgedBy", a.acknowledgedBy());
        r.put("acknowledgedAt", a.acknowledgedAt() == null ? null : a.acknowledgedAt().toString());
        r.put("resolvedBy", a.resolvedBy());
        r.put("resolvedAt", a.resolvedAt() == null ? null : a.resolvedAt().toString());
        r.put("resolutionNote", a.resolutionNote());
        List<Map<String, Object>> causes = new ArrayList<>();
        for (AlertCause c : a.rootCauses()) {
            Map<String, Object> m = new HashMap<>();
            m.put("summary", c.summary());
            m.put("kind", c.kind().wireName().replace('_', ' '));
            m.put("entity", level(c.entityType()) + " " + c.entityName());
            m.put("confidence", String.format(Locale.ROOT, "%.0f%%", 100 * c.confidence()));
            causes.add(m);
        }
        r.put("causes", causes);
        r.put("hasCauses", !causes.isEmpty());
        Map<String, Double> explanation = new LinkedHashMap<>();
        a.explanation().entrySet().stream().sorted(Comparator.comparingDouble(e -> -Math.abs(e.getValue())))
                .forEach(e -> explanation.put(FEATURE_LABELS.getOrDefault(e.getKey(), e.getKey()), e.getValue()));
        r.put("explanationJson", json(explanation));
        r.put("hasExplanation", !explanation.isEmpty());
        view.put("alert", r);
    }

    /** Maximum alerts of an incident the alert page lists. */
    static final int INCIDENT_ALERTS = 12;

    /**
     * Adds the incident the alert's latest period belongs to: where it starts, what else it touched, and the other
     * stored alerts of that incident (most severe first, at most {@link #INCIDENT_ALERTS}), each a link.
     */
    static void incident(Map<String, Object> view, IncidentDetail d, long alertId) {
        Incident i = d.incident().incident();
        Granularity g = d.incident().granularity();
        Map<String, Object> m = new HashMap<>();
        m.put("id", i.id());
        m.put("summary", i.summary());
        m.put("kind", i.kind() == null ? "unexplained" : i.kind().wireName().replace('_', ' '));
        m.put("root", level(i.rootEntityType()) + " " + i.rootEntityName());
        m.put("span", g.format(i.start()) + (i.lastPeriod().equals(i.start()) ? "" : " – " + g.format(i.lastPeriod()))
                + (i.ongoing() ? " (ongoing)" : ""));
        m.put("alertCount", i.alertCount());
        m.put("money", money(i.moneyAtStake()));
        List<Map<String, Object>> others = new ArrayList<>();
        for (StoredAlert a : d.alerts()) {
            if (a.id() != alertId && others.size() < INCIDENT_ALERTS) {
                others.add(row(a));
            }
        }
        m.put("others", others);
        m.put("hasOthers", !others.isEmpty());
        int more = Math.max(0, d.alerts().size() - 1 - others.size());
        m.put("more", more);
        m.put("hasMore", more > 0);
        view.put("incident", m);
    }

    static void statistics(Map<String, Object> view, AlertStatistics s) {
        view.put("page", "statistics");
        view.put("title", "Statistics");
        view.put("from", s.from().toString());
        view.put("to", s.to().toString());
        view.put("total", s.total());
        view.put("open", s.byStatus().get(AlertStatus.OPEN));
        view.put("acknowledged", s.byStatus().get(AlertStatus.ACKNOWLEDGED));
        view.put("resolved", s.byStatus().get(AlertStatus.RESOLVED));
        view.put("timeToAck", duration(s.meanTimeToAcknowledge()));
        view.put("timeToResolve", duration(s.meanTimeToResolve()));
        view.put("precision", s.precision().isPresent()
                ? String.format(Locale.ROOT, "%.0f%% of %d labelled", 100 * s.precision().getAsDouble(), s.labelled())
                : "no labels yet");
        List<Map<String, Object>> sev = new ArrayList<>();
        for (Severity v : Severity.values()) {
            sev.add(Map.of("name", cap(v.wireName()), "count", s.bySeverity().get(v)));
        }
        view.put("severities", sev);
        view.put("topByAlerts", totals(s.topByAlerts()));
        view.put("topByMoney", totals(s.topByMoneyAtStake()));
    }

    private static List<Map<String, Object>> totals(List<AlertStatistics.EntityTotal> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (AlertStatistics.EntityTotal t : list) {
            out.add(Map.of("level", level(t.entityType()), "name", t.entityName() == null ? t.entityId()
                    : t.entityName(), "alerts", t.alerts(), "money", money(t.moneyAtStake())));
        }
        return out;
    }

    static String duration(Duration d) {
        if (d == null) {
            return "–";
        }
        long m = d.toMinutes();
        if (m < 60) {
            return m + " min";
        }
        if (m < 48 * 60) {
            return String.format(Locale.ROOT, "%.1f h", m / 60.0);
        }
        return String.format(Locale.ROOT, "%.1f days", m / 1440.0);
    }

    static String percent(double change) {
        double p = 100 * change;
        String sign = p >= 0 ? "+" : "−";
        double abs = Math.abs(p);
        return sign + (abs >= 10 ? String.format(Locale.ROOT, "%,.0f%%", abs)
                : String.format(Locale.ROOT, "%.1f%%", abs));
    }

    static String money(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    static String level(EntityType t) {
        return cap(t.wireName().replace('_', ' '));
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String json(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of numbers always writes as JSON", e);
        }
    }
}
