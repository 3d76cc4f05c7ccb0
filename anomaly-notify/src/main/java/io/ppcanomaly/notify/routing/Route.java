package io.ppcanomaly.notify.routing;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.store.ProfileId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Where a kind of alert goes, and when: a named destination (a notifier and its options), which profiles and levels
 * it hears, the least severity and/or money at stake worth its attention, and its cadence. Immutable.
 *
 * <p>An incident qualifies for a route when its alerts at the route's levels (muted ones left out) reach
 * {@code minSeverity} (their highest) and/or {@code minMoneyAtStake} (their money at stake added up): both must hold
 * with {@link Match#ALL}, one with {@link Match#ANY}; an unset threshold holds. Each alert of a qualifying incident is
 * announced on the route once, and again only when its severity rises.
 *
 * @param name            {@code [A-Za-z0-9_-]}, 1 to 64 characters
 * @param type            the notifier's provider name ({@code slack}, {@code webhook}, {@code email}, …)
 * @param options         the notifier's options (may hold secrets: never printed)
 * @param profiles        the profiles it hears; empty for every profile
 * @param levels          the alerted levels it hears; empty for every level
 * @param minSeverity     the least severity, or {@code null} for any
 * @param minMoneyAtStake the least money at stake, &ge; 0 (0: any)
 * @param match           how the two thresholds combine when both are set
 * @param cadence         immediate or a digest
 * @param digest          the digest's schedule, {@code null} for an immediate route
 */
public record Route(String name, String type, Properties options, Set<String> profiles, Set<EntityType> levels,
                    Severity minSeverity, double minMoneyAtStake, Match match, Cadence cadence,
                    DigestSchedule digest) {

    /** How severity and money thresholds combine. */
    public enum Match {
        /** Both must hold (the default). */
        ALL,
        /** Either is enough. */
        ANY
    }

    /** What a route name may be. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Validates and freezes. */
    public Route {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(cadence, "cadence");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("route name must be 1 to 64 letters, digits, '_' or '-', got '" + name
                    + "'");
        }
        if (!(minMoneyAtStake >= 0) || Double.isInfinite(minMoneyAtStake)) {
            throw new IllegalArgumentException("minMoneyAtStake must be finite and >= 0, got " + minMoneyAtStake);
        }
        if ((cadence == Cadence.IMMEDIATE) != (digest == null)) {
            throw new IllegalArgumentException("digest must be set exactly for a daily or weekly route, got " + digest
                    + " for " + cadence.wireName());
        }
        if (digest != null && digest.cadence() != cadence) {
            throw new IllegalArgumentException("digest cadence must be " + cadence.wireName() + ", got "
                    + digest.cadence().wireName());
        }
        options = copy(options);
        profiles = Collections.unmodifiableSet(new TreeSet<>(profiles == null ? Set.of() : profiles));
        levels = levels == null || levels.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(levels));
    }

    /** @return a copy of the notifier's options */
    @Override
    public Properties options() {
        return copy(options);
    }

    private static Properties copy(Properties from) {
        Properties o = new Properties();
        if (from != null) {
            for (String k : from.stringPropertyNames()) {
                o.setProperty(k, from.getProperty(k));
            }
        }
        return o;
    }

    /** @return whether it hears this profile */
    public boolean hears(ProfileId profile) {
        return profiles.isEmpty() || profiles.contains(profile.value());
    }

    /** @return whether it hears alerts of this level */
    public boolean hears(EntityType level) {
        return levels.isEmpty() || levels.contains(level);
    }

    /**
     * @param peak  the highest severity of the incident's alerts at the route's levels
     * @param money their money at stake added up
     * @return whether an incident with these figures is worth the route's attention
     */
    public boolean qualifies(Severity peak, double money) {
        boolean sev = minSeverity == null || peak.compareTo(minSeverity) >= 0;
        boolean cash = money >= minMoneyAtStake;
        if (minSeverity != null && minMoneyAtStake > 0 && match == Match.ANY) {
            return sev || cash;
        }
        return sev && cash;
    }

    /** @return whether it sends digests rather than one message per incident */
    public boolean isDigest() {
        return cadence != Cadence.IMMEDIATE;
    }

    @Override
    public String toString() {
        return "Route[" + name + ", " + type + ", profiles " + (profiles.isEmpty() ? "all" : profiles) + ", levels "
                + (levels.isEmpty() ? "all" : levels) + ", min severity " + minSeverity + ", min money "
                + minMoneyAtStake + " (" + match + "), " + cadence.wireName() + (digest != null ? " " + digest : "")
                + "]";
    }
}
