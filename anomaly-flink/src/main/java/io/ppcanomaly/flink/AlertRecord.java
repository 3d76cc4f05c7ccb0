package io.ppcanomaly.flink;

import io.ppcanomaly.service.Alert;

/**
 * An alert on its way to the sinks: the key it is stored under and the whole {@link Alert} encoded. A Flink POJO
 * (the library's {@code Alert} holds immutable collections Flink's generic serializer cannot rebuild).
 */
public class AlertRecord {

    /** The profile the alert belongs to. */
    public String profileId;
    /** The alerted entity's level (wire name). */
    public String entityType;
    /** The alerted entity. */
    public String entityId;
    /** The period alerted, epoch milliseconds read as UTC. */
    public long period;
    /** The model version that judged it. */
    public String modelVersion;
    /** The encoded alert. */
    public byte[] alert;
    /** The id of the incident it belongs to ({@code IncidentGrouper}), or {@code null}. */
    public String incidentId;
    /**
     * That incident as it stands after this period (encoded), on the first of its alerts of the period only
     * ({@code null} on the others: a 10,000-keyword outage does not travel 10,000 times); a period's alerts all
     * leave in one timer callback, so a sink sees them in one flush.
     */
    public byte[] incident;

    /** For Flink. */
    public AlertRecord() {
    }

    /** @return a record of {@code a}, judged in {@code profileId} by {@code modelVersion} */
    public static AlertRecord of(String profileId, String modelVersion, Alert a) {
        return of(profileId, modelVersion, a, null);
    }

    /** @return a record of {@code a}, judged in {@code profileId} by {@code modelVersion}, in an incident */
    public static AlertRecord of(String profileId, String modelVersion, Alert a, String incidentId) {
        AlertRecord r = new AlertRecord();
        r.profileId = profileId;
        r.entityType = a.entityType().wireName();
        r.entityId = a.entityId();
        r.period = Periods.toMillis(a.period());
        r.modelVersion = modelVersion;
        r.alert = AlertCodec.encode(a);
        r.incidentId = incidentId;
        return r;
    }

    /** @return the key the alert is idempotent on: profile, level, entity and period */
    public String key() {
        return profileId + "|" + entityType + "|" + entityId + "|" + Periods.fromMillis(period);
    }

    /** @return the incident this record carries, or {@code null} */
    public io.ppcanomaly.service.incident.Incident carriedIncident() {
        return incident == null ? null : IncidentCodec.decode(incident).get(0);
    }

    /** @return the alert, decoded anew */
    public Alert alert() {
        return AlertCodec.decode(alert);
    }

    @Override
    public String toString() {
        return "AlertRecord{" + key() + "}";
    }
}
