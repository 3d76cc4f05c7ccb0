package io.ppcanomaly.service.source.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The input formats {@link ReportFiles} reads. */
public enum ReportFormat {
    /** A keyword report CSV, canonical or Amazon's download ({@code CsvMetricSource}). */
    CSV("csv"),
    /** An Ads API Reporting v3 {@code spTargeting} report, a (gzipped) JSON array ({@code AdsReportSource}). */
    SP_TARGETING("sp-targeting"),
    /** An Ads API Reporting v3 {@code spSearchTerm} report, a (gzipped) JSON array ({@code AdsReportSource}). */
    SP_SEARCH_TERM("sp-search-term"),
    /** Amazon Marketing Stream sp-traffic and sp-conversion records, JSON lines ({@code MarketingStreamSource}). */
    MARKETING_STREAM("marketing-stream");

    private final String wireName;

    ReportFormat(String wireName) {
        this.wireName = wireName;
    }

    /** @return the name used on the command line, e.g. {@code sp-targeting} */
    public String wireName() {
        return wireName;
    }

    /**
     * @param name a {@link #wireName()}, case-insensitive ({@code _} and {@code -} alike)
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static ReportFormat of(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        List<String> names = new ArrayList<>();
        for (ReportFormat f : values()) {
            if (f.wireName.equals(n)) {
                return f;
            }
            names.add(f.wireName);
        }
        throw new IllegalArgumentException("format must be one of " + names + ", got '" + name + "'");
    }
}
