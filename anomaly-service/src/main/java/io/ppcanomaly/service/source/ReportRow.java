package io.ppcanomaly.service.source;

import io.ppcanomaly.api.model.Metrics;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One parsed row of a keyword report: where the leaf sits in the hierarchy, the period and its metrics.
 * Row-based sources (CSV here, JDBC later) produce these and hand them to an {@link AccountAssembler}.
 *
 * @param line       1-based line (or record) number, for messages
 * @param profileId  profile, or {@code null}
 * @param portfolio  portfolio name, or {@code null}/blank for none
 * @param campaign   campaign name, non-blank
 * @param campaignId campaign id, or {@code null} to identify the campaign by its path
 * @param adGroup    ad group name, non-blank
 * @param adGroupId  ad group id, or {@code null}
 * @param keyword    keyword text or targeting expression, non-blank
 * @param keywordId  keyword / target id, or {@code null}
 * @param matchType  match type, or {@code null}/blank/{@code -}
 * @param period     the period, aligned to the report's granularity
 * @param metrics    the validated metrics
 */
public record ReportRow(long line, String profileId, String portfolio, String campaign, String campaignId,
                        String adGroup, String adGroupId, String keyword, String keywordId, String matchType,
                        LocalDateTime period, Metrics metrics) {

    /** Validates the required fields and turns blank optional ones into {@code null}. */
    public ReportRow {
        campaign = requireText("campaign", campaign);
        adGroup = requireText("ad group", adGroup);
        keyword = requireText("keyword", keyword);
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(metrics, "metrics");
        profileId = blankToNull(profileId);
        portfolio = blankToNull(portfolio);
        campaignId = blankToNull(campaignId);
        adGroupId = blankToNull(adGroupId);
        keywordId = blankToNull(keywordId);
        matchType = blankToNull(matchType);
        if ("-".equals(matchType)) {
            matchType = null;
        }
    }

    private static String requireText(String name, String v) {
        String s = blankToNull(v);
        if (s == null) {
            throw new IllegalArgumentException(name + " must not be blank, got '" + v + "'");
        }
        return s;
    }

    /**
     * The text stripped, or {@code null} when blank. A report's cells nearly always start and end with a visible
     * ASCII character, which needs no scan: so the check is two characters, and the scanning path, never taken
     * while a file is clean, costs a cold JVM nothing to compile into every row's reader.
     */
    static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        if (n > 0 && visibleAscii(s.charAt(0)) && visibleAscii(s.charAt(n - 1))) {
            return s;
        }
        return stripOrNull(s);
    }

    /** @return whether {@code c} is a visible ASCII character (so neither whitespace nor anything to strip) */
    static boolean visibleAscii(char c) {
        return c > ' ' && c < 0x7f;
    }

    private static String stripOrNull(String s) {
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
