package io.ppcanomaly.service.source.amazon;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Sponsored Products report types of the Amazon Ads Reporting API v3 this library reads, each with the
 * columns its documentation lists. A row holding a field outside its report type's columns fails the load naming
 * the field: it is another report type, or not a report at all.
 *
 * <p>Columns as documented at
 * <a href="https://advertising.amazon.com/API/docs/en-us/guides/reporting/v3/report-types/targeting">report
 * types: targeting</a> and
 * <a href="https://advertising.amazon.com/API/docs/en-us/guides/reporting/v3/report-types/search-term">report
 * types: search term</a>.
 */
public enum AdsReportType {
    /**
     * {@code spTargeting}: one row per keyword or product target (and per day with {@code timeUnit DAILY}).
     */
    SP_TARGETING("spTargeting", "sp-targeting",
            "https://advertising.amazon.com/API/docs/en-us/guides/reporting/v3/report-types/targeting",
            List.of("topOfSearchImpressionShare", "adKeywordStatus")),
    /**
     * {@code spSearchTerm}: one row per customer search term of a keyword or target. Its rows are summed per
     * keyword or target and day; Amazon's search term report only holds impressions that led to a click, so its
     * impressions (and CTR) are lower than the targeting report's.
     */
    SP_SEARCH_TERM("spSearchTerm", "sp-search-term",
            "https://advertising.amazon.com/API/docs/en-us/guides/reporting/v3/report-types/search-term",
            List.of("searchTerm", "adKeywordStatus"));

    /** Base metrics and dimensions both report types document (a holder: enum constructors cannot see statics). */
    private static final class Common {
        static final List<String> COLUMNS = List.of("impressions", "addToList", "qualifiedBorrows",
                "royaltyQualifiedBorrows", "clicks", "costPerClick", "clickThroughRate", "cost", "purchases1d",
                "purchases7d", "purchases14d", "purchases30d", "purchasesSameSku1d", "purchasesSameSku7d",
                "purchasesSameSku14d", "purchasesSameSku30d", "unitsSoldClicks1d", "unitsSoldClicks7d",
                "unitsSoldClicks14d", "unitsSoldClicks30d", "sales1d", "sales7d", "sales14d", "sales30d",
                "attributedSalesSameSku1d", "attributedSalesSameSku7d", "attributedSalesSameSku14d",
                "attributedSalesSameSku30d", "unitsSoldSameSku1d", "unitsSoldSameSku7d", "unitsSoldSameSku14d",
                "unitsSoldSameSku30d", "kindleEditionNormalizedPagesRead14d",
                "kindleEditionNormalizedPagesRoyalties14d",
                "salesOtherSku7d", "unitsSoldOtherSku7d", "acosClicks7d", "acosClicks14d", "roasClicks7d",
                "roasClicks14d", "keywordId", "keyword", "campaignBudgetCurrencyCode", "date", "startDate", "endDate",
                "portfolioId", "campaignName", "campaignId", "campaignBudgetType", "campaignBudgetAmount",
                "campaignStatus", "keywordBid", "adGroupName", "adGroupId", "keywordType", "matchType", "targeting");
    }

    private final String id;
    private final String wireName;
    private final String docs;
    private final Set<String> columns;

    AdsReportType(String id, String wireName, String docs, List<String> own) {
        this.id = id;
        this.wireName = wireName;
        this.docs = docs;
        Set<String> all = new HashSet<>(Common.COLUMNS);
        all.addAll(own);
        this.columns = Set.copyOf(all);
    }

    /** @return Amazon's {@code reportTypeId}, e.g. {@code spTargeting} */
    public String id() {
        return id;
    }

    /** @return the name used on the command line, e.g. {@code sp-targeting} */
    public String wireName() {
        return wireName;
    }

    /** @return the documentation page listing the columns */
    public String docs() {
        return docs;
    }

    /** @return every column the documentation lists for this report type */
    public Set<String> columns() {
        return columns;
    }

    /** @return the type a row's fields show: a search term report has {@code searchTerm}, a targeting one not */
    static AdsReportType of(Set<String> fields) {
        return fields.contains("searchTerm") ? SP_SEARCH_TERM : SP_TARGETING;
    }

    /** @return every column of every type, to read a first row before its type is known */
    static Set<String> allColumns() {
        Set<String> all = new HashSet<>();
        for (AdsReportType t : values()) {
            all.addAll(t.columns);
        }
        return all;
    }
}
