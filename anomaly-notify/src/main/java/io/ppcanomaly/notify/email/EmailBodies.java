package io.ppcanomaly.notify.email;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.notify.Delivery;
import io.ppcanomaly.notify.message.DigestSummary;
import io.ppcanomaly.notify.message.MessageText;
import io.ppcanomaly.notify.message.Notification;
import io.ppcanomaly.notify.message.NotifiedAlert;
import io.ppcanomaly.notify.message.NotifiedIncident;
import java.util.List;

/**
 * A {@link Notification} as an email's plain-text and HTML parts, saying the same things: what and where, the root
 * cause's summary, severity and money at stake, the lead alert's KPI changes, the alerts (highest stake first, linked
 * when a base URL is set) or the digest's incidents. The HTML is one table-based column with inline styles, which
 * mail clients render alike. Stateless.
 */
final class EmailBodies {

    private EmailBodies() {
    }

    static String text(Notification n, Delivery d, String linkBase, int maxAlerts) {
        StringBuilder b = new StringBuilder();
        b.append(n.title()).append("\n\n");
        switch (n.kind()) {
            case TEST -> {
                b.append("Test message from PPC Anomaly: route '").append(n.route()).append("' reaches this mailbox. ")
                        .append("Below, a made-up incident as a real one would look.\n\n");
                if (n.incident() != null) {
                    incidentText(b, n, linkBase, maxAlerts);
                }
            }
            case DIGEST -> digestText(b, n.digest(), linkBase);
            default -> incidentText(b, n, linkBase, maxAlerts);
        }
        b.append("\n-- \nPPC Anomaly, route ").append(n.route()).append(", profile ").append(n.profileId())
                .append(", delivery ").append(d.deliveryId()).append('\n');
        return b.toString();
    }

    private static void incidentText(StringBuilder b, Notification n, String linkBase, int maxAlerts) {
        NotifiedIncident i = n.incident();
        b.append(MessageText.kind(i.kind())).append(" at ").append(MessageText.entity(i.rootEntityType(),
                i.rootEntityName())).append(" since ").append(i.granularity().format(i.start()))
                .append(i.ongoing() ? " (ongoing)" : "").append('\n').append(i.summary()).append("\n\n");
        b.append("Severity:       ").append(severity(n)).append('\n');
        b.append("Money at stake: ").append(MessageText.money(n.moneyAtStake())).append('\n');
        b.append("Incident:       ").append(i.id()).append(", ").append(i.alertCount()).append(" alerts in all\n");
        NotifiedAlert lead = MessageText.lead(n);
        if (lead != null && !MessageText.topKpiChanges(lead, 3).isEmpty()) {
            b.append("KPI changes:    ").append(String.join(", ", MessageText.topKpiChanges(lead, 3))).append(" (")
                    .append(MessageText.entity(lead.entityType(), lead.entityName())).append(")\n");
        }
        b.append('\n').append(n.alertCount()).append(n.alertCount() == 1 ? " alert" : " alerts");
        int shown = Math.min(maxAlerts, n.alerts().size());
        b.append(n.alertCount() > shown ? ", top " + shown + " by money at stake:\n" : ":\n");
        for (int k = 0; k < shown; k++) {
            NotifiedAlert a = n.alerts().get(k);
            b.append("- ").append(MessageText.alertLine(a));
            if (linkBase != null) {
                b.append("\n  ").append(MessageText.alertLink(linkBase, a.alertId()));
            }
            b.append('\n');
        }
    }

    private static void digestText(StringBuilder b, DigestSummary d, String linkBase) {
        b.append(MessageText.kind(d.cadence())).append(" digest, ").append(d.from()).append(" to ").append(d.to())
                .append(": ").append(d.incidentCount()).append(" incidents, ").append(d.alertCount())
                .append(" alerts, ").append(MessageText.money(d.moneyAtStake())).append(" at stake.\n\n");
        for (DigestSummary.Entry e : d.incidents()) {
            b.append("- [").append(e.peakSeverity().name()).append("] ").append(MessageText.kind(e.kind()))
                    .append(" at ").append(MessageText.entity(e.rootEntityType(), e.rootEntityName())).append(": ")
                    .append(MessageText.money(e.moneyAtStake())).append(" at stake, ").append(e.alertCount())
                    .append(e.alertCount() == 1 ? " alert" : " alerts").append("\n  ").append(e.summary()).append('\n');
            if (linkBase != null) {
                b.append("  ").append(MessageText.alertLink(linkBase, e.topAlertId())).append('\n');
            }
        }
        if (d.incidentsOmitted() > 0) {
            b.append("…and ").append(d.incidentsOmitted()).append(" more.\n");
        }
    }

    static String html(Notification n, Delivery d, String linkBase, int maxAlerts) {
        StringBuilder b = new StringBuilder(4096);
        b.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(h(n.title()))
                .append("</title></head><body style=\"margin:0;padding:16px;font-family:Helvetica,Arial,sans-serif;"
                        + "color:#1d1d1f;background:#f5f5f7\"><table role=\"presentation\" width=\"100%\" "
                        + "style=\"max-width:720px;background:#fff;border-radius:8px;padding:16px\"><tr><td>");
        b.append("<p style=\"margin:0 0 4px;font-size:12px;color:").append(color(n.severity())).append(";font-weight:"
                + "bold\">").append(n.kind() == Notification.Kind.DIGEST ? "DIGEST" : h(severity(n))).append("</p>");
        b.append("<h1 style=\"margin:0 0 12px;font-size:18px\">").append(h(n.title())).append("</h1>");
        switch (n.kind()) {
            case TEST -> {
                b.append("<p>Test message from PPC Anomaly: route <code>").append(h(n.route()))
                        .append("</code> reaches this mailbox. Below, a made-up incident as a real one would look.</p>");
                if (n.incident() != null) {
                    incidentHtml(b, n, linkBase, maxAlerts);
                }
            }
            case DIGEST -> digestHtml(b, n.digest(), linkBase);
            default -> incidentHtml(b, n, linkBase, maxAlerts);
        }
        b.append("<p style=\"margin:16px 0 0;font-size:11px;color:#86868b\">PPC Anomaly, route ").append(h(n.route()))
                .append(", profile ").append(h(n.profileId())).append(", delivery ").append(h(d.deliveryId()))
                .append("</p></td></tr></table></body></html>");
        return b.toString();
    }

    private static void incidentHtml(StringBuilder b, Notification n, String linkBase, int maxAlerts) {
        NotifiedIncident i = n.incident();
        b.append("<p style=\"margin:0 0 8px\"><b>").append(h(MessageText.kind(i.kind()))).append("</b> at ")
                .append(h(MessageText.entity(i.rootEntityType(), i.rootEntityName()))).append(" since ")
                .append(h(i.granularity().format(i.start()))).append(i.ongoing() ? " (ongoing)" : "").append("<br>")
                .append(h(i.summary())).append("</p>");
        b.append("<table role=\"presentation\" style=\"font-size:14px;margin:0 0 12px\">");
        row(b, "Severity", h(severity(n)));
        row(b, "Money at stake", h(MessageText.money(n.moneyAtStake())));
        row(b, "Incident", "<code>" + h(i.id()) + "</code>, " + i.alertCount() + " alerts in all");
        NotifiedAlert lead = MessageText.lead(n);
        List<String> kpis = lead == null ? List.of() : MessageText.topKpiChanges(lead, 3);
        if (!kpis.isEmpty()) {
            row(b, "KPI changes", h(String.join(", ", kpis)) + " <span style=\"color:#86868b\">(" + h(MessageText
                    .entity(lead.entityType(), lead.entityName())) + ")</span>");
        }
        b.append("</table>");
        int shown = Math.min(maxAlerts, n.alerts().size());
        b.append("<p style=\"margin:0 0 4px\"><b>").append(n.alertCount()).append(n.alertCount() == 1 ? " alert"
                : " alerts").append("</b>").append(n.alertCount() > shown ? ", top " + shown + " by money at stake"
                : "").append("</p><table style=\"border-collapse:collapse;font-size:13px;width:100%\"><tr style=\""
                + "text-align:left;border-bottom:1px solid #d2d2d7\"><th>Entity</th><th>Severity</th><th>At stake</th>"
                + "<th>What moved</th></tr>");
        for (int k = 0; k < shown; k++) {
            NotifiedAlert a = n.alerts().get(k);
            String name = h(MessageText.entity(a.entityType(), a.entityName()));
            b.append("<tr style=\"border-bottom:1px solid #f0f0f0\"><td>").append(linkBase == null ? name
                    : "<a href=\"" + h(MessageText.alertLink(linkBase, a.alertId())) + "\">" + name + "</a>")
                    .append("</td><td style=\"color:").append(color(a.severity())).append("\">")
                    .append(a.severity().name()).append(a.previousSeverity() != null ? " (was "
                    + a.previousSeverity().name() + ")" : "").append("</td><td>")
                    .append(h(MessageText.money(a.moneyAtStake()))).append("</td><td>")
                    .append(h(String.join(", ", MessageText.topKpiChanges(a, 3)))).append("</td></tr>");
        }
        b.append("</table>");
    }

    private static void digestHtml(StringBuilder b, DigestSummary d, String linkBase) {
        b.append("<p>").append(h(MessageText.kind(d.cadence()))).append(" digest, ").append(h(d.from().toString()))
                .append(" to ").append(h(d.to().toString())).append(": <b>").append(d.incidentCount())
                .append(" incidents</b>, ").append(d.alertCount()).append(" alerts, <b>")
                .append(h(MessageText.money(d.moneyAtStake()))).append("</b> at stake. Highest stake first:</p><ol>");
        for (DigestSummary.Entry e : d.incidents()) {
            String where = h(MessageText.entity(e.rootEntityType(), e.rootEntityName()));
            b.append("<li style=\"margin:0 0 8px\"><b style=\"color:").append(color(e.peakSeverity())).append("\">")
                    .append(e.peakSeverity().name()).append("</b> ").append(h(MessageText.kind(e.kind())))
                    .append(" at ").append(linkBase == null ? where : "<a href=\"" + h(MessageText.alertLink(linkBase,
                            e.topAlertId())) + "\">" + where + "</a>").append(": ")
                    .append(h(MessageText.money(e.moneyAtStake()))).append(" at stake, ").append(e.alertCount())
                    .append(e.alertCount() == 1 ? " alert" : " alerts").append("<br><span style=\"color:#515154\">")
                    .append(h(e.summary())).append("</span></li>");
        }
        b.append("</ol>");
        if (d.incidentsOmitted() > 0) {
            b.append("<p>…and ").append(d.incidentsOmitted()).append(" more.</p>");
        }
    }

    private static String severity(Notification n) {
        Severity prev = n.isEscalation() ? n.alerts().get(0).previousSeverity() : null;
        return n.severity().name() + (prev != null ? " (escalated from " + prev.name() + ")" : "");
    }

    private static void row(StringBuilder b, String label, String html) {
        b.append("<tr><td style=\"color:#515154;padding-right:12px\">").append(label).append("</td><td>").append(html)
                .append("</td></tr>");
    }

    private static String color(Severity s) {
        return switch (s) {
            case CRITICAL -> "#c4161c";
            case HIGH -> "#d9480f";
            case MEDIUM -> "#b08800";
            default -> "#1c64b4";
        };
    }

    private static String h(String s) {
        return MessageText.html(s);
    }
}
