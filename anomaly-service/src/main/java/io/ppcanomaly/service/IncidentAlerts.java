package io.ppcanomaly.service;

import io.ppcanomaly.service.incident.IncidentAlert;
import java.util.Objects;

/** Turns service {@link Alert}s into what incidents hold ({@link IncidentAlert}). Stateless. */
public final class IncidentAlerts {

    private IncidentAlerts() {
    }

    /** @return the alert as an incident sees it: its entity, period, severity, score, money and first root cause */
    public static IncidentAlert of(Alert a) {
        Objects.requireNonNull(a, "alert");
        AlertCause c = a.rootCauses().isEmpty() ? null : a.rootCauses().get(0);
        IncidentAlert.Cause cause = c == null ? null : new IncidentAlert.Cause(c.entityType(), c.entityId(),
                c.entityName(), c.kind(), c.confidence(), c.summary());
        return new IncidentAlert(a.entityType(), a.entityId(), a.entityName(), a.period(), a.severity(),
                a.anomalyScore(), a.moneyAtStake(), cause);
    }
}
