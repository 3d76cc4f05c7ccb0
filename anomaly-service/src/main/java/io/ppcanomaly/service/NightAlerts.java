package io.ppcanomaly.service;

import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.sample.Incident;
import io.ppcanomaly.api.sample.SampleAccount;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * False alerts at night on an hourly generated account: the hours an advertiser least wants to be woken, and
 * where a flat baseline fails, since every night looks like a collapse against the day's mean. Immutable.
 *
 * <p>Night hours are 00:00–05:59 of the judged days. An entity-hour counts when no labelled incident touches the
 * entity (an affected keyword, or an entity above one) on that calendar day: a normal day. Every alert at such an
 * entity-hour is false.
 *
 * @param entityHours night entity-hours of normal days judged
 * @param falseAlerts alerts on them
 */
public record NightAlerts(long entityHours, int falseAlerts) {

    /** First hour after the night. */
    public static final int NIGHT_END_HOUR = 6;

    /** @return false alerts per 1,000 night entity-hours of normal days; 0 when none was judged */
    public double perThousand() {
        return entityHours == 0 ? 0.0 : 1000.0 * falseAlerts / entityHours;
    }

    /**
     * Counts a report's night false alerts on the account it was run on.
     *
     * @throws IllegalArgumentException when the report is not hourly
     */
    public static NightAlerts evaluate(DetectionReport report, SampleAccount account) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(account, "account");
        if (report.granularity() != Granularity.HOUR) {
            throw new IllegalArgumentException("report granularity must be hour, got "
                    + report.granularity().name().toLowerCase(Locale.ROOT));
        }
        EntityGraph graph = account.graph();
        List<String> entities = report.entityType() == EntityType.KEYWORD ? account.keywordIds()
                : account.ids(report.entityType());
        Map<String, Set<String>> leaves = new HashMap<>();
        for (String id : entities) {
            Set<String> s = new HashSet<>();
            for (Entity e : graph.leaves(id)) {
                s.add(e.id());
            }
            leaves.put(id, s);
        }
        // entity id -> the days an incident touches it
        Map<String, Set<LocalDate>> busy = new HashMap<>();
        for (Incident i : account.incidents()) {
            for (String id : entities) {
                if (touches(leaves.get(id), i)) {
                    Set<LocalDate> days = busy.computeIfAbsent(id, x -> new HashSet<>());
                    for (LocalDate d = i.start().toLocalDate(); !d.isAfter(i.end().toLocalDate()); d = d.plusDays(1)) {
                        days.add(d);
                    }
                }
            }
        }
        long hours = 0;
        for (LocalDateTime p : report.periods()) {
            if (p.getHour() >= NIGHT_END_HOUR) {
                continue;
            }
            for (String id : entities) {
                if (!busy.getOrDefault(id, Set.of()).contains(p.toLocalDate())) {
                    hours++;
                }
            }
        }
        Set<String> judged = new HashSet<>(entities);
        int falseAlerts = 0;
        for (Alert a : report.alerts()) {
            LocalDateTime p = a.period();
            if (p.getHour() < NIGHT_END_HOUR && judged.contains(a.entityId())
                    && !busy.getOrDefault(a.entityId(), Set.of()).contains(p.toLocalDate())) {
                falseAlerts++;
            }
        }
        return new NightAlerts(hours, falseAlerts);
    }

    private static boolean touches(Set<String> leaves, Incident i) {
        for (String k : i.affectedKeywordIds()) {
            if (leaves.contains(k)) {
                return true;
            }
        }
        return false;
    }

    /** @return one line for a person */
    public String describe() {
        return String.format(Locale.ROOT, "  night false alerts %d in %,d entity-hours = %.2f per 1,000 (00:00-05:59 "
                + "of days without an incident on the entity)%n", falseAlerts, entityHours, perThousand());
    }
}
