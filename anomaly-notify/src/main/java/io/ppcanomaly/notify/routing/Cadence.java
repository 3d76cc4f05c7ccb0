package io.ppcanomaly.notify.routing;

import java.util.Locale;

/** When a route speaks: at once, or in one digest per day or week. */
public enum Cadence {
    /** One message per incident as soon as the alerts are stored. */
    IMMEDIATE,
    /** One message a day summarising the day's announcements, highest stake first. */
    DAILY,
    /** One message a week. */
    WEEKLY;

    /** @return {@code immediate}, {@code daily} or {@code weekly} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the value and the accepted ones */
    public static Cadence parse(String v) {
        for (Cadence c : values()) {
            if (c.wireName().equalsIgnoreCase(v.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("cadence must be immediate, daily or weekly, got '" + v + "'");
    }
}
