package io.ppcanomaly.store;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import java.time.LocalDateTime;

/**
 * Which active alerts {@link AlertStore#active} lists; every criterion is optional ({@code null} = any).
 * Immutable; {@link #ALL} or {@link #builder()}.
 *
 * @param entityType  only this level
 * @param minSeverity only this severity or higher
 * @param detector    only alerts from this detector (provider name)
 * @param since       only alerts whose latest period is at or after this one
 * @param status      only open or only acknowledged alerts ({@code null}: both); never resolved
 */
public record AlertFilter(EntityType entityType, Severity minSeverity, String detector, LocalDateTime since,
                          AlertStatus status) {

    /** Every active alert. */
    public static final AlertFilter ALL = new AlertFilter(null, null, null, null, null);

    /** Validates. */
    public AlertFilter {
        if (detector != null && detector.isBlank()) {
            throw new IllegalArgumentException("detector must be null or non-blank, got '" + detector + "'");
        }
        if (status == AlertStatus.RESOLVED) {
            throw new IllegalArgumentException("status must be open or acknowledged (active alerts), got resolved");
        }
    }

    /** @return a builder with no criteria */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link AlertFilter}; string setters parse the API's and the CLI's wire names. */
    public static final class Builder {
        private EntityType entityType;
        private Severity minSeverity;
        private String detector;
        private LocalDateTime since;
        private AlertStatus status;

        private Builder() {
        }

        /** @param t only this level; @return this */
        public Builder entityType(EntityType t) {
            this.entityType = t;
            return this;
        }

        /**
         * @param t a level's wire name ({@code keyword}, {@code ad_group}…); @return this
         * @throws IllegalArgumentException for an unknown level, listing the names
         */
        public Builder entityType(String t) {
            return entityType(t == null ? null : EntityType.parse(t));
        }

        /** @param s only this severity or higher; @return this */
        public Builder minSeverity(Severity s) {
            this.minSeverity = s;
            return this;
        }

        /**
         * @param s a severity's wire name; @return this
         * @throws IllegalArgumentException for an unknown severity, listing the names
         */
        public Builder minSeverity(String s) {
            return minSeverity(s == null ? null : Severity.parse(s));
        }

        /** @param d only this detector; @return this */
        public Builder detector(String d) {
            this.detector = d;
            return this;
        }

        /** @param p only alerts whose latest period is at or after this one; @return this */
        public Builder since(LocalDateTime p) {
            this.since = p;
            return this;
        }

        /** @param s only open or only acknowledged; @return this */
        public Builder status(AlertStatus s) {
            this.status = s;
            return this;
        }

        /** @return the filter */
        public AlertFilter build() {
            return new AlertFilter(entityType, minSeverity, detector, since, status);
        }
    }
}
