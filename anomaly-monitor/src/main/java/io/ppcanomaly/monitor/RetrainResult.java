package io.ppcanomaly.monitor;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.monitor.registry.ModelVersion;
import io.ppcanomaly.monitor.registry.ShadowEvaluation;
import io.ppcanomaly.store.ProfileId;
import java.util.Objects;
import java.util.Optional;

/**
 * What retraining did on one level of a profile ({@link AnomalyMonitor#retrain}). Immutable.
 *
 * @param profile    the profile
 * @param level      the level
 * @param outcome    promoted, kept (the challenger lost and was kept as rejected), skipped or failed
 * @param challenger the challenger's registry version, when one was trained and registered
 * @param evaluation its shadow evaluation beside the champion, when it got that far
 * @param millis     wall time
 * @param detail     why it was skipped or failed, or the decision's reason
 */
public record RetrainResult(ProfileId profile, EntityType level, Outcome outcome, Optional<ModelVersion> challenger,
                            Optional<ShadowEvaluation> evaluation, long millis, String detail) {

    /** How a retraining ended. */
    public enum Outcome {
        /** The challenger became champion; the monitor judges with it from the next period. */
        PROMOTED,
        /** The champion stays; the challenger is kept as rejected with its figures. */
        KEPT,
        /** Not attempted: another instance held the lease, nothing judged yet, or too little history. */
        SKIPPED,
        /** Nothing was written; {@code detail} says why. */
        FAILED
    }

    /** Checks the fields. */
    public RetrainResult {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(challenger, "challenger");
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(detail, "detail");
    }

    /** @return the result in one line, as logged */
    public String summary() {
        StringBuilder b = new StringBuilder("Retraining of profile ").append(profile).append(' ')
                .append(level.wireName()).append(": ").append(outcome.name().toLowerCase(java.util.Locale.ROOT));
        challenger.ifPresent(v -> b.append(" (challenger v").append(v.id()).append(')'));
        evaluation.ifPresent(e -> b.append("; champion v").append(e.championVersionId()).append(' ')
                .append(e.champion().describe()).append("; challenger ").append(e.challenger().describe())
                .append(" over ").append(e.periodsCompared()).append(" periods"));
        if (!detail.isEmpty()) {
            b.append("; ").append(detail);
        }
        return b.append(" [").append(millis).append(" ms]").toString();
    }
}
