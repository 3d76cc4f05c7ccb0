package io.ppcanomaly.store;

import java.util.List;
import java.util.Objects;

/**
 * An incident with the stored alerts it holds ({@link AlertStore#incident}). Immutable.
 *
 * @param incident the incident
 * @param alerts   the stored alerts, live or archived, that cover at least one of the incident's alerted periods
 *                 (a stored alert spans consecutive periods of one entity), most severe first, then most money at
 *                 stake, then id
 */
public record IncidentDetail(StoredIncident incident, List<StoredAlert> alerts) {

    /** Validates and freezes. */
    public IncidentDetail {
        Objects.requireNonNull(incident, "incident");
        alerts = List.copyOf(alerts);
    }
}
