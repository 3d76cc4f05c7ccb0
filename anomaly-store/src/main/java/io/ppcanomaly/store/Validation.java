package io.ppcanomaly.store;

import io.ppcanomaly.service.Alert;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Input checks at the store's boundary, before anything is written. */
final class Validation {

    static final int MAX_ID = 1024;
    static final int MAX_WHO = 256;
    static final int MAX_DETECTOR = 64;

    private Validation() {
    }

    /** @return {@code who}, checked: 1 to 256 characters, not blank */
    static String who(String who) {
        Objects.requireNonNull(who, "who");
        if (who.isBlank() || who.length() > MAX_WHO) {
            throw new IllegalArgumentException("who must be 1 to " + MAX_WHO + " characters and not blank, got '"
                    + who + "'");
        }
        return who;
    }

    /**
     * Checks every alert of a report so that a bad one is refused before anything is written.
     *
     * @throws IllegalArgumentException naming the alert (index, entity, period), the field and the value
     */
    static void alerts(List<Alert> alerts) {
        for (int i = 0; i < alerts.size(); i++) {
            Alert a = alerts.get(i);
            String where = "alert " + i + " (" + a.entityType().wireName() + " '" + a.entityId() + "' at "
                    + a.period() + "): ";
            if (a.entityId().isBlank() || a.entityId().length() > MAX_ID) {
                throw new IllegalArgumentException(where + "entity id must be 1 to " + MAX_ID
                        + " characters and not blank, got '" + a.entityId() + "'");
            }
            if (a.entityName().length() > MAX_ID) {
                throw new IllegalArgumentException(where + "entity name must be at most " + MAX_ID
                        + " characters, got " + a.entityName().length());
            }
            if (a.detectorType().isBlank() || a.detectorType().length() > MAX_DETECTOR) {
                throw new IllegalArgumentException(where + "detector type must be 1 to " + MAX_DETECTOR
                        + " characters and not blank, got '" + a.detectorType() + "'");
            }
            finite(where, "anomaly score", a.anomalyScore());
            finite(where, "threshold", a.threshold());
            finite(where, "money at stake", a.moneyAtStake());
            finite(where, "member_scores", a.memberScores());
            finite(where, "explanation", a.explanation());
            finite(where, "kpi_changes", a.kpiChanges());
            a.rootCauses().forEach(c -> finite(where, "root cause confidence", c.confidence()));
        }
    }

    private static void finite(String where, String field, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(where + field + " must be finite, got " + v);
        }
    }

    private static void finite(String where, String field, Map<String, Double> m) {
        for (Map.Entry<String, Double> e : m.entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException(where + field + " '" + e.getKey() + "' must be finite, got "
                        + e.getValue());
            }
        }
    }
}
