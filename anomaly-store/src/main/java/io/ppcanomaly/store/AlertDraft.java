package io.ppcanomaly.store;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.Metrics;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AlertCause;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * An alert being written by one save: opened by it, or a stored active alert it continues. Mutable, confined to
 * the saving thread.
 */
final class AlertDraft {

    /** The stored alert this continues, or {@code null} when the save opens it. */
    final StoredAlert base;
    final ProfileId profile;
    final EntityType entityType;
    final String entityId;
    final Granularity granularity;
    final LocalDateTime firstPeriod;
    final LocalDateTime anomalyStart;
    final Instant firstSeen;
    long id = -1;
    String entityName;
    LocalDateTime period;
    int occurrences;
    double score;
    double peakScore;
    double threshold;
    Severity severity;
    String detector;
    Map<String, Double> memberScores;
    Map<String, Double> explanation;
    Map<String, Double> kpiChanges;
    List<AlertCause> causes;
    FeatureWindow window;
    Metrics metrics;
    double money;
    Instant lastSeen;
    Instant detectionTimestamp;
    boolean continued;
    boolean escalated;
    /** The incident of the latest period, or {@code null}. */
    String incidentId;
    /** The report alert whose details this holds (the latest taken), or {@code null} for a stored one untouched. */
    Alert source;

    private AlertDraft(StoredAlert base, ProfileId profile, EntityType type, String entityId, Granularity g,
                       LocalDateTime firstPeriod, LocalDateTime anomalyStart, Instant firstSeen) {
        this.base = base;
        this.profile = profile;
        this.entityType = type;
        this.entityId = entityId;
        this.granularity = g;
        this.firstPeriod = firstPeriod;
        this.anomalyStart = anomalyStart;
        this.firstSeen = firstSeen;
    }

    /** A new alert for {@code a}. */
    static AlertDraft open(ProfileId profile, Granularity g, Alert a, Instant now) {
        AlertDraft d = new AlertDraft(null, profile, a.entityType(), a.entityId(), g, a.period(), a.anomalyStart(), now);
        d.occurrences = 1;
        d.peakScore = a.anomalyScore();
        d.severity = a.severity();
        d.take(a, now);
        return d;
    }

    /** A stored active alert, about to be continued. */
    static AlertDraft of(StoredAlert s) {
        AlertDraft d = new AlertDraft(s, s.profile(), s.entityType(), s.entityId(), s.granularity(), s.firstPeriod(),
                s.anomalyStart(), s.firstSeen());
        d.id = s.id();
        d.entityName = s.entityName();
        d.period = s.period();
        d.occurrences = s.occurrences();
        d.score = s.anomalyScore();
        d.peakScore = s.peakScore();
        d.threshold = s.threshold();
        d.severity = s.severity();
        d.detector = s.detectorType();
        d.memberScores = s.memberScores();
        d.explanation = s.explanation();
        d.kpiChanges = s.kpiChanges();
        d.causes = s.rootCauses();
        d.money = s.moneyAtStake();
        d.lastSeen = s.lastSeen();
        d.detectionTimestamp = s.detectionTimestamp();
        d.incidentId = s.incidentId();
        return d;
    }

    /** Adds the next consecutive period's alert {@code a}. */
    void continueWith(Alert a, Instant now) {
        occurrences++;
        peakScore = Math.max(peakScore, a.anomalyScore());
        if (a.severity().compareTo(severity) > 0) {
            severity = a.severity();
            escalated |= base != null;
        }
        continued |= base != null;
        take(a, now);
    }

    private void take(Alert a, Instant now) {
        source = a;
        entityName = a.entityName();
        period = a.period();
        score = a.anomalyScore();
        threshold = a.threshold();
        detector = a.detectorType();
        memberScores = a.memberScores();
        explanation = a.explanation();
        kpiChanges = a.kpiChanges();
        causes = a.rootCauses();
        window = a.window();
        metrics = a.metrics();
        money = a.moneyAtStake();
        lastSeen = now;
        detectionTimestamp = a.detectionTimestamp();
    }

    /** @return the alert as stored after the save, at {@code version} */
    StoredAlert toStored(long version, Instant updatedAt) {
        StoredAlert b = base;
        return new StoredAlert(id, profile, entityType, entityId, entityName, granularity, period, firstPeriod,
                anomalyStart, occurrences, score, peakScore, threshold, severity, detector, memberScores, explanation,
                kpiChanges, causes, money, b == null ? AlertStatus.OPEN : b.status(),
                b == null ? null : b.acknowledgedBy(), b == null ? null : b.acknowledgedAt(),
                null, null, null, null, null, null, firstSeen, lastSeen, detectionTimestamp, updatedAt, version, null,
                incidentId);
    }
}
