package io.ppcanomaly.service.incident;

import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One alert as an incident sees it: the entity and period, how bad, the money at stake, and the root cause the
 * alert names first (the one that decides its incident). Immutable. {@code io.ppcanomaly.service.IncidentAlerts}
 * makes one from a service alert; a store rebuilds one from its alert rows.
 *
 * @param entityType   the alerted entity's level
 * @param entityId     the alerted entity
 * @param entityName   its display name
 * @param period       the period alerted
 * @param severity     the alert's severity
 * @param anomalyScore the alert's score in [0, 1]
 * @param moneyAtStake the alert's money at stake per period, finite and &ge; 0
 * @param cause        the alert's first root cause, or {@code null} when it has none (root-cause analysis off,
 *                     or the analyzer traced nothing to this alert)
 */
public record IncidentAlert(EntityType entityType, String entityId, String entityName, LocalDateTime period,
                            Severity severity, double anomalyScore, double moneyAtStake, Cause cause) {

    /**
     * The root cause an alert names first, as far as grouping needs it.
     *
     * @param entityType the root entity's level
     * @param entityId   the root entity
     * @param entityName its display name
     * @param kind       what kind of problem
     * @param confidence in [0, 1]
     * @param summary    one line for a person
     */
    public record Cause(EntityType entityType, String entityId, String entityName, RootCauseKind kind,
                        double confidence, String summary) {

        /** Validates. */
        public Cause {
            Objects.requireNonNull(entityType, "cause entityType");
            Objects.requireNonNull(entityId, "cause entityId");
            Objects.requireNonNull(entityName, "cause entityName");
            Objects.requireNonNull(kind, "cause kind");
            Objects.requireNonNull(summary, "cause summary");
            if (!(confidence >= 0 && confidence <= 1)) {
                throw new IllegalArgumentException("cause confidence must be in [0, 1], got " + confidence);
            }
        }
    }

    /**
     * Validates (ids as an {@code Alert} takes them: a store names its own rules for ids).
     *
     * @throws IllegalArgumentException for a score outside [0, 1], or a negative or non-finite money at stake
     */
    public IncidentAlert {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(entityName, "entityName");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(severity, "severity");
        if (!(anomalyScore >= 0 && anomalyScore <= 1)) {
            throw new IllegalArgumentException("anomalyScore must be in [0, 1], got " + anomalyScore);
        }
        if (!(moneyAtStake >= 0) || Double.isInfinite(moneyAtStake)) {
            throw new IllegalArgumentException("moneyAtStake must be finite and >= 0, got " + moneyAtStake);
        }
    }

    /** @return which alert this is */
    public AlertRef ref() {
        return new AlertRef(entityType, entityId, period);
    }

    /** @return whether the alert names a root cause */
    public boolean traced() {
        return cause != null;
    }

    /** @return the entity its incident is rooted at: the first root cause's entity, else the alerted entity */
    public String rootEntityId() {
        return cause == null ? entityId : cause.entityId();
    }
}
