package io.ppcanomaly.store;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What happened in a profile between two days ({@link AlertStore#statistics}): alerts whose first period falls in
 * [{@code from}, {@code to}], live and archived alike. Immutable.
 *
 * @param profile               the tenant
 * @param from                  the first day, inclusive
 * @param to                    the last day, inclusive
 * @param total                 alerts
 * @param bySeverity            alerts per severity, every severity present
 * @param byEntityType          alerts per level (levels with alerts only)
 * @param byDetector            alerts per detector
 * @param byStatus              open vs acknowledged vs resolved (archived alerts are resolved), every status present
 * @param byDay                 every day from {@code from} to {@code to}, with its alerts per severity
 * @param meanTimeToAcknowledge mean time from first seen to acknowledgement over the acknowledged alerts, or
 *                              {@code null} when none was acknowledged
 * @param meanTimeToResolve     mean time from first seen to resolution over the resolved alerts, or {@code null}
 * @param topByAlerts           the entities with the most alerts (up to {@value #TOP}), most first
 * @param topByMoneyAtStake     the entities with the most money at stake (up to {@value #TOP}), most first
 * @param labelled              alerts of the period people labelled (feedback)
 * @param labelledTrue          of those, labelled true anomalies
 */
public record AlertStatistics(ProfileId profile, LocalDate from, LocalDate to, long total,
                              Map<Severity, Long> bySeverity, Map<EntityType, Long> byEntityType,
                              Map<String, Long> byDetector, Map<AlertStatus, Long> byStatus, List<DayCount> byDay,
                              Duration meanTimeToAcknowledge, Duration meanTimeToResolve,
                              List<EntityTotal> topByAlerts, List<EntityTotal> topByMoneyAtStake, long labelled,
                              long labelledTrue) {

    /** How many entities the top lists hold at most. */
    public static final int TOP = 10;

    /** Validates and freezes. */
    public AlertStatistics {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        bySeverity = Collections.unmodifiableMap(complete(bySeverity, Severity.class));
        EnumMap<EntityType, Long> types = new EnumMap<>(EntityType.class);
        types.putAll(byEntityType);
        byEntityType = Collections.unmodifiableMap(types);
        byDetector = Collections.unmodifiableMap(new LinkedHashMap<>(byDetector));
        byStatus = Collections.unmodifiableMap(complete(byStatus, AlertStatus.class));
        byDay = List.copyOf(byDay);
        topByAlerts = List.copyOf(topByAlerts);
        topByMoneyAtStake = List.copyOf(topByMoneyAtStake);
        if (labelledTrue < 0 || labelledTrue > labelled) {
            throw new IllegalArgumentException("labelledTrue must be in [0, labelled=" + labelled + "], got "
                    + labelledTrue);
        }
    }

    private static <E extends Enum<E>> EnumMap<E, Long> complete(Map<E, Long> m, Class<E> type) {
        EnumMap<E, Long> out = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            out.put(e, m.getOrDefault(e, 0L));
        }
        return out;
    }

    /** @return mean time to acknowledge, empty when no alert of the period was acknowledged */
    public Optional<Duration> timeToAcknowledge() {
        return Optional.ofNullable(meanTimeToAcknowledge);
    }

    /** @return mean time to resolve, empty when no alert of the period was resolved */
    public Optional<Duration> timeToResolve() {
        return Optional.ofNullable(meanTimeToResolve);
    }

    /**
     * @return the share of labelled alerts that people confirmed as true anomalies (alert precision by feedback), in
     *         [0, 1]; empty when none was labelled
     */
    public OptionalDouble precision() {
        return labelled == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) labelledTrue / labelled);
    }

    /**
     * One day's alerts.
     *
     * @param day        the day (of the alert's first period)
     * @param bySeverity alerts per severity, every severity present
     */
    public record DayCount(LocalDate day, Map<Severity, Long> bySeverity) {

        /** Validates and freezes. */
        public DayCount {
            Objects.requireNonNull(day, "day");
            bySeverity = Collections.unmodifiableMap(complete(bySeverity, Severity.class));
        }

        /** @return the day's alerts */
        public long total() {
            return bySeverity.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * An entity's alerts in the period.
     *
     * @param entityType   its level
     * @param entityId     its id
     * @param entityName   its latest display name
     * @param alerts       its alerts
     * @param moneyAtStake money at stake summed over its alerted periods (per alert: money at stake per period ×
     *                     occurrences)
     */
    public record EntityTotal(EntityType entityType, String entityId, String entityName, long alerts,
                              double moneyAtStake) {

        /** Validates. */
        public EntityTotal {
            Objects.requireNonNull(entityType, "entityType");
            Objects.requireNonNull(entityId, "entityId");
        }
    }
}
