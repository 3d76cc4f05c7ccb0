package io.ppcanomaly.notify.message;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The words every notifier shares, so Slack, email and the webhook's title say the same thing: money, KPI changes,
 * entity labels, titles, links. Stateless and thread-safe.
 */
public final class MessageText {

    private static final Set<String> RATIOS = Set.of("ctr", "cpc", "acos", "cvr", "roas", "cpa", "aov");

    private MessageText() {
    }

    /** @return money with thousands separators and 2 decimals: {@code 3,120.55} */
    public static String money(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    /** @return a relative change as a signed percentage: {@code 1.8} → {@code +180%}, {@code -0.62} → {@code -62%} */
    public static String percent(double change) {
        double p = change * 100;
        String s = Math.abs(p) >= 10 || p == 0 ? String.format(Locale.ROOT, "%.0f", Math.abs(p))
                : String.format(Locale.ROOT, "%.1f", Math.abs(p));
        return (p < 0 ? "-" : "+") + s + "%";
    }

    /** @return a feature's display name: {@code cpc} → {@code CPC}, {@code impressions} → {@code Impressions} */
    public static String kpi(String feature) {
        String f = feature.toLowerCase(Locale.ROOT);
        if (RATIOS.contains(f)) {
            return f.toUpperCase(Locale.ROOT);
        }
        return f.isEmpty() ? f : Character.toUpperCase(f.charAt(0)) + f.substring(1).replace('_', ' ');
    }

    /**
     * The KPI changes that explain an alert, most important first: ordered by the explanation's contribution (by
     * the size of the change when the alert was not explained).
     *
     * @param max at most this many
     * @return lines such as {@code CPC +180%}
     */
    public static List<String> topKpiChanges(NotifiedAlert a, int max) {
        Map<String, Double> weight = a.explanation().isEmpty() ? a.kpiChanges() : a.explanation();
        List<String> features = new ArrayList<>(a.kpiChanges().keySet());
        features.sort(Comparator.comparingDouble((String f) -> -Math.abs(weight.getOrDefault(f, 0.0)))
                .thenComparing(f -> f));
        List<String> out = new ArrayList<>();
        for (String f : features) {
            if (out.size() >= max) {
                break;
            }
            double c = a.kpiChanges().get(f);
            if (Double.isFinite(c) && Math.abs(c) >= 0.005) {
                out.add(kpi(f) + " " + percent(c));
            }
        }
        return out;
    }

    /** @return {@code campaign 'SP - Meal Prep'} */
    public static String entity(EntityType type, String name) {
        return type.wireName().replace('_', ' ') + " '" + name + "'";
    }

    /** @return {@code Budget exhaustion} for {@code budget_exhaustion}; {@code Anomaly} for {@code null} */
    public static String kind(String wire) {
        if (wire == null || wire.isBlank()) {
            return "Anomaly";
        }
        String s = wire.replace('_', ' ');
        if (s.startsWith("cpc ") || s.startsWith("ctr ")) {
            return s.substring(0, 3).toUpperCase(Locale.ROOT) + s.substring(3);
        }
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** @return {@code HIGH} */
    public static String severity(Severity s) {
        return s.name();
    }

    /**
     * @return {@code base/alerts/id}, the dashboard's alert page
     */
    public static String alertLink(String base, long alertId) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return b + "/alerts/" + alertId;
    }

    /**
     * The title of an incident's message: {@code [HIGH] Budget exhaustion at campaign 'X': 3,120.55 at stake, 32
     * alerts}; an escalation says from what: {@code [CRITICAL, was HIGH] …}.
     *
     * @param previous the severity announced before, for an escalation; else {@code null}
     * @return one line
     */
    public static String incidentTitle(NotifiedIncident i, Severity severity, Severity previous, double money,
                                       int alerts) {
        String sev = previous == null ? severity.name() : severity.name() + ", was " + previous.name();
        return "[" + sev + "] " + kind(i.kind()) + " at " + entity(i.rootEntityType(), i.rootEntityName()) + ": "
                + money(money) + " at stake, " + alerts + (alerts == 1 ? " alert" : " alerts");
    }

    /**
     * @return {@code Daily digest for profile 123: 3 incidents, 41 alerts, 12,345.00 at stake}
     */
    public static String digestTitle(String cadence, String profileId, int incidents, int alerts, double money) {
        String c = cadence.isEmpty() ? cadence : Character.toUpperCase(cadence.charAt(0)) + cadence.substring(1);
        return c + " digest for profile " + profileId + ": " + incidents + (incidents == 1 ? " incident, " :
                " incidents, ") + alerts + (alerts == 1 ? " alert, " : " alerts, ") + money(money) + " at stake";
    }

    /**
     * The alert a message leads with: the one at the incident's root entity when it is listed, else the one with the
     * most money at stake (the first listed).
     *
     * @return the lead alert, or {@code null} when none is listed
     */
    public static NotifiedAlert lead(Notification n) {
        if (n.alerts().isEmpty()) {
            return null;
        }
        if (n.incident() != null) {
            for (NotifiedAlert a : n.alerts()) {
                if (a.entityType() == n.incident().rootEntityType() && a.entityId().equals(n.incident().rootEntityId())) {
                    return a;
                }
            }
        }
        return n.alerts().get(0);
    }

    /**
     * One alert in one line: {@code keyword 'shoes' HIGH, 412.50 at stake, CPC +180%, ACOS +95%}; an escalation
     * names the severity before.
     */
    public static String alertLine(NotifiedAlert a) {
        StringBuilder b = new StringBuilder(entity(a.entityType(), a.entityName())).append(' ')
                .append(a.severity().name());
        if (a.previousSeverity() != null) {
            b.append(" (was ").append(a.previousSeverity().name()).append(')');
        }
        b.append(", ").append(money(a.moneyAtStake())).append(" at stake");
        for (String k : topKpiChanges(a, 2)) {
            b.append(", ").append(k);
        }
        return b.toString();
    }

    /** @return the text cut to {@code max} characters, ending with an ellipsis when cut */
    public static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
    }

    /** @return the text with {@code & < > " '} escaped for HTML */
    public static String html(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** @return the text with Slack's control characters {@code & < >} escaped (mrkdwn) */
    public static String slack(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
