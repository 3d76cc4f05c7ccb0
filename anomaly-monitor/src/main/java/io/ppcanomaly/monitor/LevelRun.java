package io.ppcanomaly.monitor;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.DetectionReport;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run did on one level of a profile. Immutable.
 *
 * @param level          the level
 * @param status         judged, up to date (nothing new to judge) or failed
 * @param modelVersionId the registry version that judged (0 when none)
 * @param trained        whether this run trained the level's first model
 * @param periods        the periods judged, oldest first (empty unless judged)
 * @param report         the detection report of those periods, if judged
 * @param opened         alerts opened in the store
 * @param continued      alerts continued (an entity alerting again in the next period)
 * @param escalated      alerts whose severity rose
 * @param alreadyStored  alerts the store held already (not stored again)
 * @param suppressed     alerts the model version's feedback filter kept back (like alerts labelled false)
 * @param millis         wall time of this level, detection and save
 * @param detail         why it failed or stood still, or empty
 */
public record LevelRun(EntityType level, Status status, long modelVersionId, boolean trained,
                       List<LocalDateTime> periods, Optional<DetectionReport> report, int opened, int continued,
                       int escalated, int alreadyStored, int suppressed, long millis, String detail) {

    /** How a level's run ended. */
    public enum Status {
        /** Periods were judged and their alerts, watermark and model state stored in one transaction. */
        JUDGED,
        /** Every period the data holds up to the as-of had been judged already. */
        UP_TO_DATE,
        /** Nothing was written for this level; {@code detail} says why. */
        FAILED
    }

    /** Checks the fields and freezes. */
    public LevelRun {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(status, "status");
        periods = List.copyOf(periods);
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(detail, "detail");
    }

    /** @return alerts raised in the periods judged */
    public int alerts() {
        return report.map(DetectionReport::anomaliesDetected).orElse(0);
    }

    /** @return e.g. {@code keyword 2026-03-14: 7 alerts (3 new, 4 continued, 1 escalated), v3, 412 ms} */
    public String describe(Granularity g) {
        String when = periods.isEmpty() ? "" : " " + g.format(periods.get(0))
                + (periods.size() > 1 ? ".." + g.format(periods.get(periods.size() - 1)) + " (" + periods.size()
                + " periods)" : "");
        return switch (status) {
            case JUDGED -> String.format(Locale.ROOT, "%s%s: %d alerts (%d new, %d continued, %d escalated%s%s), "
                            + "%d entities, model v%d%s, %d ms", level.wireName(), when, alerts(), opened, continued,
                    escalated, alreadyStored > 0 ? ", " + alreadyStored + " already stored" : "",
                    suppressed > 0 ? ", " + suppressed + " kept back as like alerts labelled false" : "",
                    report.map(DetectionReport::totalEntitiesChecked).orElse(0), modelVersionId,
                    trained ? " (trained now)" : "", millis);
            case UP_TO_DATE -> level.wireName() + ": up to date" + (detail.isEmpty() ? "" : " (" + detail + ")");
            case FAILED -> level.wireName() + ": FAILED, nothing written: " + detail;
        };
    }
}
