package io.ppcanomaly.api.features;

import java.util.Arrays;
import java.util.Locale;

/**
 * Whether an entity's baseline follows the calendar. The formulas are in {@link FeatureExtractor}'s Javadoc.
 */
public enum Seasonality {
    /**
     * One flat baseline: every period of a window is compared with the mean and the pooled rates of all the
     * baseline periods, whatever their hour or weekday.
     */
    NONE,
    /**
     * The calendar cycle of the series' period length: for daily series each day is compared with the same day
     * of the week in the baseline; for hourly series each hour with the same hour of the day, weekdays
     * (Monday–Friday) and weekends (Saturday, Sunday) apart. Each slot's level and rates are shrunk toward a
     * prior (the reference series' profile, or the entity's own profile one level up), so sparse entities stay
     * stable.
     */
    CALENDAR;

    /** @return the lower-case name used in properties, e.g. {@code calendar} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name a wire name, case-insensitive
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Seasonality of(String name) {
        for (Seasonality s : values()) {
            if (s.wireName().equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("seasonality must be one of "
                + Arrays.stream(values()).map(Seasonality::wireName).toList() + ", got '" + name + "'");
    }
}
