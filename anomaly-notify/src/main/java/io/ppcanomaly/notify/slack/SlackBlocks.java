package io.ppcanomaly.notify.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.notify.Delivery;
import io.ppcanomaly.notify.message.DigestSummary;
import io.ppcanomaly.notify.message.MessageText;
import io.ppcanomaly.notify.message.Notification;
import io.ppcanomaly.notify.message.NotifiedAlert;
import io.ppcanomaly.notify.message.NotifiedIncident;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A {@link Notification} as a Slack incoming-webhook payload in Block Kit: a header with severity, what and the
 * money at stake; the root cause's summary; severity, money, incident and profile as fields; the lead alert's top KPI
 * changes; the top alerts (linked to the dashboard when a base URL is set); a button to the lead alert; a context
 * line with the route and delivery id. {@code text} carries the title for notifications and clients without blocks.
 * Texts are cut to Slack's limits (header 150 characters, section 3,000). Stateless.
 */
final class SlackBlocks {

    static final int HEADER_MAX = 150;
    static final int SECTION_MAX = 3000;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SlackBlocks() {
    }

    static byte[] payload(Notification n, Delivery d, String linkBase, int maxAlerts) {
        ObjectNode root = F.objectNode();
        root.put("text", MessageText.cut(n.title(), SECTION_MAX));
        ArrayNode blocks = root.putArray("blocks");
        switch (n.kind()) {
            case DIGEST -> digest(blocks, n, linkBase);
            case TEST -> test(blocks, n, linkBase, maxAlerts);
            default -> incident(blocks, n, linkBase, maxAlerts);
        }
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").add(mrkdwn("PPC Anomaly · route `" + MessageText.slack(n.route()) + "` · profile "
                + MessageText.slack(n.profileId()) + " · delivery " + d.deliveryId()));
        try {
            return MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Slack payload", e);
        }
    }

    private static void incident(ArrayNode blocks, Notification n, String linkBase, int maxAlerts) {
        NotifiedIncident i = n.incident();
        Severity previous = n.isEscalation() ? n.alerts().get(0).previousSeverity() : null;
        header(blocks, icon(n.severity()) + " " + n.severity().name() + (previous != null ? " (was " + previous.name()
                + ")" : "") + " · " + MessageText.kind(i.kind()) + " · " + MessageText.money(n.moneyAtStake())
                + " at stake");
        section(blocks, "*" + MessageText.slack(MessageText.entity(i.rootEntityType(), i.rootEntityName())) + "*: "
                + n.alertCount() + (n.alertCount() == 1 ? " alert" : " alerts") + (n.isEscalation() ? " escalated"
                : "") + " since " + i.granularity().format(i.start()) + "\n" + MessageText.slack(i.summary()));
        ObjectNode fields = blocks.addObject().put("type", "section");
        ArrayNode f = fields.putArray("fields");
        f.add(mrkdwn("*Severity*\n" + n.severity().name() + (previous != null ? " (was " + previous.name() + ")" : "")));
        f.add(mrkdwn("*Money at stake*\n" + MessageText.money(n.moneyAtStake())));
        f.add(mrkdwn("*Incident*\n`" + i.id() + "`" + (i.ongoing() ? " (ongoing)" : "")));
        f.add(mrkdwn("*Affected*\n" + affected(i)));
        NotifiedAlert lead = MessageText.lead(n);
        if (lead != null) {
            List<String> kpis = MessageText.topKpiChanges(lead, 3);
            if (!kpis.isEmpty()) {
                section(blocks, "*Top KPI changes* (" + MessageText.slack(MessageText.entity(lead.entityType(),
                        lead.entityName())) + "): " + String.join(" · ", kpis));
            }
        }
        StringBuilder list = new StringBuilder("*Alerts*");
        int shown = Math.min(maxAlerts, n.alerts().size());
        list.append(n.alertCount() > shown ? " (top " + shown + " of " + n.alertCount() + " by money at stake)" : "");
        for (int k = 0; k < shown; k++) {
            NotifiedAlert a = n.alerts().get(k);
            String line = MessageText.slack(MessageText.alertLine(a));
            list.append("\n• ").append(linkBase == null ? line : "<" + MessageText.alertLink(linkBase, a.alertId())
                    + "|" + line.replace("|", "¦") + ">");
        }
        section(blocks, list.toString());
        if (linkBase != null && lead != null) {
            ObjectNode actions = blocks.addObject().put("type", "actions");
            ObjectNode button = actions.putArray("elements").addObject().put("type", "button")
                    .put("url", MessageText.alertLink(linkBase, lead.alertId()));
            button.set("text", F.objectNode().put("type", "plain_text").put("text", "Open alert"));
        }
    }

    private static void digest(ArrayNode blocks, Notification n, String linkBase) {
        DigestSummary d = n.digest();
        header(blocks, "🗓 " + MessageText.kind(d.cadence()) + " digest · " + d.incidentCount()
                + (d.incidentCount() == 1 ? " incident · " : " incidents · ") + d.alertCount() + " alerts · "
                + MessageText.money(d.moneyAtStake()) + " at stake");
        section(blocks, "Profile " + MessageText.slack(n.profileId()) + ", " + d.from() + " to " + d.to() + ": "
                + severityCounts(d) + ". Highest stake first:");
        int k = 0;
        for (DigestSummary.Entry e : d.incidents()) {
            if (++k > 10) {
                break;
            }
            String where = MessageText.slack(MessageText.entity(e.rootEntityType(), e.rootEntityName()));
            if (linkBase != null) {
                where = "<" + MessageText.alertLink(linkBase, e.topAlertId()) + "|" + where.replace("|", "¦") + ">";
            }
            section(blocks, icon(e.peakSeverity()) + " *" + e.peakSeverity().name() + "* " + MessageText.kind(e.kind())
                    + " at " + where + ": " + MessageText.money(e.moneyAtStake()) + " at stake, " + e.alertCount()
                    + (e.alertCount() == 1 ? " alert" : " alerts") + (e.escalations() > 0 ? " (" + e.escalations()
                    + " escalated)" : "") + "\n" + MessageText.slack(e.summary()));
        }
        int more = d.incidents().size() - Math.min(10, d.incidents().size()) + d.incidentsOmitted();
        if (more > 0) {
            section(blocks, "…and " + more + " more " + (more == 1 ? "incident" : "incidents") + ".");
        }
    }

    private static void test(ArrayNode blocks, Notification n, String linkBase, int maxAlerts) {
        header(blocks, "✅ Test message from PPC Anomaly");
        section(blocks, "Route `" + MessageText.slack(n.route()) + "` reaches this channel. Below, a made-up incident "
                + "as a real one would look:");
        if (n.incident() != null) {
            incident(blocks, n, linkBase, maxAlerts);
        }
    }

    private static String severityCounts(DigestSummary d) {
        StringBuilder b = new StringBuilder();
        for (Severity s : new Severity[] {Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW}) {
            int c = d.severityCounts().get(s);
            if (c > 0) {
                b.append(b.length() == 0 ? "" : ", ").append(c).append(' ').append(s.wireName());
            }
        }
        return b.length() == 0 ? "no alerts" : b.toString();
    }

    private static String affected(NotifiedIncident i) {
        StringBuilder b = new StringBuilder();
        i.affected().forEach((t, c) -> b.append(b.length() == 0 ? "" : ", ").append(c).append(' ')
                .append(t.wireName().replace('_', ' ')).append(c == 1 ? "" : "s"));
        return b.length() == 0 ? "-" : b.toString();
    }

    static String icon(Severity s) {
        return switch (s) {
            case CRITICAL -> "🔴";
            case HIGH -> "🟠";
            case MEDIUM -> "🟡";
            default -> "🔵";
        };
    }

    private static void header(ArrayNode blocks, String text) {
        ObjectNode h = blocks.addObject().put("type", "header");
        h.set("text", F.objectNode().put("type", "plain_text").put("text", MessageText.cut(text, HEADER_MAX))
                .put("emoji", true));
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        blocks.addObject().put("type", "section").set("text", mrkdwn(MessageText.cut(mrkdwn, SECTION_MAX)));
    }

    private static ObjectNode mrkdwn(String text) {
        return F.objectNode().put("type", "mrkdwn").put("text", text);
    }
}
