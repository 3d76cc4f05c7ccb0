package io.ppcanomaly.service.source.amazon;

import java.util.List;
import java.util.Locale;

/**
 * Which attribution window gives a row's sales and orders: Amazon reports sales and purchases within 1, 7, 14
 * and 30 days of the click. Sponsored Products sellers usually read 7 days, vendors 14.
 */
public enum Attribution {
    /** Within 24 hours of the click. */
    DAY_1(1),
    /** Within 7 days of the click (sellers' Sponsored Products default). */
    DAY_7(7),
    /** Within 14 days of the click (vendors'). */
    DAY_14(14),
    /** Within 30 days of the click. */
    DAY_30(30);

    /** The order in which a report's columns are looked for when no window is chosen. */
    static final List<Attribution> PREFERENCE = List.of(DAY_7, DAY_14, DAY_1, DAY_30);

    private final int days;

    Attribution(int days) {
        this.days = days;
    }

    /** @return the window in days */
    public int days() {
        return days;
    }

    /** @return the Reporting API v3 sales column, e.g. {@code sales7d} */
    public String reportSales() {
        return "sales" + days + "d";
    }

    /** @return the Reporting API v3 orders column, e.g. {@code purchases7d} */
    public String reportPurchases() {
        return "purchases" + days + "d";
    }

    /** @return the Marketing Stream sp-conversion sales field, e.g. {@code attributed_sales_7d} */
    public String streamSales() {
        return "attributed_sales_" + days + "d";
    }

    /** @return the Marketing Stream sp-conversion orders field, e.g. {@code attributed_conversions_7d} */
    public String streamConversions() {
        return "attributed_conversions_" + days + "d";
    }

    /**
     * @param text {@code 7}, {@code 7d} or {@code 7 days} (1, 7, 14 or 30)
     * @throws IllegalArgumentException for any other window
     */
    public static Attribution of(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace("days", "").replace("day", "").replace("d", "")
                .strip();
        for (Attribution a : values()) {
            if (Integer.toString(a.days).equals(t)) {
                return a;
            }
        }
        throw new IllegalArgumentException("attribution must be one of 1d, 7d, 14d, 30d, got '" + text + "'");
    }
}
