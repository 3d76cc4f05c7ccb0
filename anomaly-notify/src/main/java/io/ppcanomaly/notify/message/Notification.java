package io.ppcanomaly.notify.message;

import io.ppcanomaly.api.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One message: what a notifier renders for its destination (Slack blocks, a JSON body, an email). Written to the
 * outbox as JSON ({@link NotificationJson}) in the transaction that stored its alerts, so every attempt sends the
 * same content. Immutable.
 *
 * @param kind          an incident's announcement, a digest, or a test message
 * @param route         the route it goes through
 * @param profileId     the advertiser profile (tenant)
 * @param title         one line: severity, what and where, money at stake
 * @param severity      the highest severity it reports
 * @param moneyAtStake  the money at stake it reports, &ge; 0
 * @param alertCount    alerts it reports, &ge; 0 (more than {@code alerts} when some are omitted)
 * @param createdAt     when it was written
 * @param incident      the incident an incident message reports, {@code null} for a digest
 * @param alerts        the alerts, highest stake first, at most the configured number
 * @param alertsOmitted alerts reported but not listed ({@code alertCount - alerts.size()})
 * @param digest        what a digest sums up, {@code null} otherwise
 */
public record Notification(Kind kind, String route, String profileId, String title, Severity severity,
                           double moneyAtStake, int alertCount, Instant createdAt, NotifiedIncident incident,
                           List<NotifiedAlert> alerts, int alertsOmitted, DigestSummary digest) {

    /** What a message is. */
    public enum Kind {
        /** New or escalated alerts of one incident. */
        INCIDENT,
        /** A daily or weekly summary. */
        DIGEST,
        /** A sample sent by {@code anomaly notify-test}. */
        TEST;

        /** @return {@code incident}, {@code digest} or {@code test} */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** @throws IllegalArgumentException for another value */
        public static Kind parse(String v) {
            for (Kind k : values()) {
                if (k.wireName().equals(v)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("kind must be incident, digest or test, got '" + v + "'");
        }
    }

    /** Validates and freezes. */
    public Notification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(createdAt, "createdAt");
        alerts = List.copyOf(alerts);
        if (!(moneyAtStake >= 0) || Double.isInfinite(moneyAtStake)) {
            throw new IllegalArgumentException("moneyAtStake must be finite and >= 0, got " + moneyAtStake);
        }
        if (alertsOmitted < 0 || alertCount != alerts.size() + alertsOmitted) {
            throw new IllegalArgumentException("alertCount must be the listed alerts (" + alerts.size()
                    + ") plus the omitted ones (" + alertsOmitted + "), got " + alertCount);
        }
        if (kind == Kind.DIGEST && digest == null) {
            throw new IllegalArgumentException("digest must be set for a digest message");
        }
        if (kind == Kind.INCIDENT && incident == null) {
            throw new IllegalArgumentException("incident must be set for an incident message");
        }
    }

    /** @return whether every listed alert is an escalation (an incident's update rather than its first message) */
    public boolean isEscalation() {
        return !alerts.isEmpty() && alerts.stream().allMatch(a -> a.event() == NotifiedAlert.Event.ESCALATED);
    }
}
