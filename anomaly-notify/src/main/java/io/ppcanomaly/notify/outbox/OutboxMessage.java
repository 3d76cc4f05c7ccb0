package io.ppcanomaly.notify.outbox;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.notify.message.Notification;
import io.ppcanomaly.store.ProfileId;
import java.time.Instant;
import java.util.Objects;

/**
 * One outbox row: a message, where it goes and how its delivery went. Immutable; read it again to see progress.
 *
 * @param id            the row's id
 * @param profile       the tenant
 * @param route         the route it goes through
 * @param notifier      the route's notifier when it was written
 * @param kind          incident, digest or test
 * @param deliveryId    the id every attempt carries
 * @param incidentId    the incident it reports, or {@code null}
 * @param severity      the highest severity it reports
 * @param moneyAtStake  the money at stake it reports
 * @param alertCount    alerts it reports
 * @param title         its title
 * @param status        pending, sent or dead
 * @param attempts      attempts started so far
 * @param nextAttemptAt when it is due (while a dispatcher holds it: when that dispatcher's lease ends)
 * @param leaseOwner    the dispatcher holding it, or {@code null}
 * @param lastError     the last failure, or {@code null}
 * @param createdAt     when it was written (in its alerts' transaction)
 * @param sentAt        when it was delivered, or {@code null}
 * @param deadAt        when it was given up, or {@code null}
 */
public record OutboxMessage(long id, ProfileId profile, String route, String notifier, Notification.Kind kind,
                            String deliveryId, String incidentId, Severity severity, double moneyAtStake,
                            int alertCount, String title, MessageStatus status, int attempts, Instant nextAttemptAt,
                            String leaseOwner, String lastError, Instant createdAt, Instant sentAt, Instant deadAt) {

    /** Checks the required fields. */
    public OutboxMessage {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
