package io.ppcanomaly.flink;

import io.ppcanomaly.service.incident.Incident;
import java.util.List;

/**
 * An incident as it stands after a period: emitted whenever one of its alerts comes in and once more when it ends
 * (no longer ongoing). The latest record per {@link #id} is the incident; a store keeps it by id
 * ({@code IncidentGrouper.incidentId}: deterministic, so a replay rewrites the same row). A Flink POJO.
 */
public class IncidentRecord {

    /** The profile. */
    public String profileId;
    /** The incident's id. */
    public String id;
    /** The level judged when it was updated (wire name). */
    public String level;
    /** The period after which it stands so, epoch milliseconds. */
    public long asOf;
    /** The encoded incident. */
    public byte[] incident;

    /** For Flink. */
    public IncidentRecord() {
    }

    static IncidentRecord of(String profileId, String level, long asOf, Incident i) {
        IncidentRecord r = new IncidentRecord();
        r.profileId = profileId;
        r.id = i.id();
        r.level = level;
        r.asOf = asOf;
        r.incident = IncidentCodec.encode(List.of(i));
        return r;
    }

    /** @return the incident, decoded anew */
    public Incident incident() {
        return IncidentCodec.decode(incident).get(0);
    }

    @Override
    public String toString() {
        return "IncidentRecord{" + id + " as of " + Periods.fromMillis(asOf) + "}";
    }
}
