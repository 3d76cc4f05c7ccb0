package io.ppcanomaly.service.source.amazon;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Amazon Marketing Stream datasets of Sponsored Products performance this library reads, each with the
 * fields its documentation lists
 * (<a href="https://advertising.amazon.com/API/docs/en-us/guides/amazon-marketing-stream/datasets/sp-performance">
 * Sponsored Products performance datasets</a>). A record holding another field fails the load naming it.
 */
public enum StreamDataset {
    /** {@code sp-traffic}: hourly impressions, clicks and cost per ad, keyword or target, and placement. */
    SP_TRAFFIC("sp-traffic", List.of("keyword_text", "match_type", "clicks", "impressions", "cost")),
    /**
     * {@code sp-conversion}: hourly attributed conversions, sales and units per ad, keyword or target, and
     * placement, attributed to the hour of the click and revised for up to 60 days.
     */
    SP_CONVERSION("sp-conversion", conversionMetrics());

    /** The page documenting both datasets' fields. */
    public static final String DOCS =
            "https://advertising.amazon.com/API/docs/en-us/guides/amazon-marketing-stream/datasets/sp-performance";

    private final String id;
    private final Set<String> fields;

    StreamDataset(String id, List<String> own) {
        this.id = id;
        List<String> all = new ArrayList<>(List.of("idempotency_id", "dataset_id", "marketplace_id", "currency",
                "advertiser_id", "campaign_id", "ad_group_id", "ad_id", "keyword_id", "placement",
                "time_window_start"));
        all.addAll(own);
        this.fields = Set.copyOf(all);
    }

    private static List<String> conversionMetrics() {
        List<String> out = new ArrayList<>();
        for (String metric : List.of("attributed_conversions_", "attributed_sales_", "attributed_units_ordered_")) {
            for (String days : List.of("1d", "7d", "14d", "30d")) {
                out.add(metric + days);
                out.add(metric + days + "_same_sku");
            }
        }
        return out;
    }

    /** @return the dataset id, e.g. {@code sp-traffic} */
    public String id() {
        return id;
    }

    /** @return every field the documentation lists for the dataset */
    public Set<String> fields() {
        return fields;
    }

    /** @return the dataset with this id, or {@code null} for any other (sb-traffic, budget-usage…) */
    static StreamDataset of(String id) {
        for (StreamDataset d : values()) {
            if (d.id.equals(id)) {
                return d;
            }
        }
        return null;
    }

    /** @return the dataset a record without {@code dataset_id} belongs to by its fields, or {@code null} */
    static StreamDataset infer(Set<String> recordFields) {
        if (recordFields.contains("impressions") || recordFields.contains("clicks") || recordFields.contains("cost")) {
            return SP_TRAFFIC;
        }
        for (String f : recordFields) {
            if (f.startsWith("attributed_")) {
                return SP_CONVERSION;
            }
        }
        return null;
    }
}
