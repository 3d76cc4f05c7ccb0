package io.ppcanomaly.service.source;

import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes an account as a canonical keyword report CSV that {@link CsvMetricSource} reads back to the same
 * entities and metrics: {@code date, profile_id, portfolio, campaign_id, campaign, ad_group_id, ad_group,
 * keyword_id, keyword, impressions, clicks, spend, sales, orders}, one row per leaf and period (zero rows
 * included, so each series keeps its start), periods in order. Ids are written, so entity ids survive the
 * round trip; portfolios, which reports identify by name, come back as their path
 * ({@link #reportIdOf}).
 */
public final class ReportCsvWriter {

    private static final List<String> HEADER = List.of("date", "profile_id", "portfolio", "campaign_id",
            "campaign", "ad_group_id", "ad_group", "keyword_id", "keyword", "impressions", "clicks", "spend",
            "sales", "orders");

    private ReportCsvWriter() {
    }

    /**
     * Writes the account.
     *
     * @return the number of data rows written
     * @throws IllegalArgumentException when a leaf does not sit under an ad group and a campaign
     */
    public static long write(AccountData data, Writer out) throws IOException {
        Objects.requireNonNull(data, "data");
        EntityGraph g = data.graph();
        Granularity gran = data.granularity();
        List<String[]> paths = new ArrayList<>();
        List<MetricSeries> series = new ArrayList<>();
        java.time.LocalDateTime first = null;
        java.time.LocalDateTime last = null;
        for (Map.Entry<String, MetricSeries> e : data.leafMetrics().entrySet()) {
            MetricSeries s = e.getValue();
            if (s.isEmpty()) {
                continue;
            }
            paths.add(path(g, g.get(e.getKey())));
            series.add(s);
            first = first == null || s.start().isBefore(first) ? s.start() : first;
            last = last == null || s.end().isAfter(last) ? s.end() : last;
        }
        CsvWriter csv = new CsvWriter(out, ',');
        csv.write(HEADER);
        long rows = 0;
        if (first == null) {
            return 0;
        }
        List<String> row = new ArrayList<>(HEADER.size());
        for (java.time.LocalDateTime p = first; !p.isAfter(last); p = gran.plus(p, 1)) {
            String date = gran.format(p);
            for (int k = 0; k < series.size(); k++) {
                MetricSeries s = series.get(k);
                int i = s.indexOf(p);
                if (i < 0) {
                    continue;
                }
                row.clear();
                row.add(date);
                for (String part : paths.get(k)) {
                    row.add(part);
                }
                row.add(Long.toString(s.impressions(i)));
                row.add(Long.toString(s.clicks(i)));
                row.add(money(s.spend(i)));
                row.add(money(s.sales(i)));
                row.add(Long.toString(s.orders(i)));
                csv.write(row);
                rows++;
            }
        }
        out.flush();
        return rows;
    }

    /** profile_id, portfolio, campaign_id, campaign, ad_group_id, ad_group, keyword_id, keyword. */
    private static String[] path(EntityGraph g, Entity leaf) {
        Entity adGroup = g.parent(leaf.id());
        if (adGroup == null || adGroup.type() != EntityType.AD_GROUP) {
            throw new IllegalArgumentException("parent of leaf '" + leaf.id() + "' must be an ad group, got "
                    + (adGroup == null ? "none" : adGroup.type().wireName() + " '" + adGroup.id() + "'"));
        }
        Entity campaign = g.parent(adGroup.id());
        if (campaign == null || campaign.type() != EntityType.CAMPAIGN) {
            throw new IllegalArgumentException("parent of ad group '" + adGroup.id() + "' must be a campaign, got "
                    + (campaign == null ? "none" : campaign.type().wireName() + " '" + campaign.id() + "'"));
        }
        Entity portfolio = g.ancestorOfType(leaf.id(), EntityType.PORTFOLIO);
        Entity profile = g.ancestorOfType(leaf.id(), EntityType.PROFILE);
        return new String[] {profile == null ? "" : profile.id(), portfolio == null ? "" : portfolio.name(),
                campaign.id(), campaign.name(), adGroup.id(), adGroup.name(), leaf.id(), leaf.name()};
    }

    /**
     * @return the id {@link CsvMetricSource} gives this entity when reading back what {@link #write} wrote:
     *         the same id, except for a portfolio, which becomes its escaped name (its path)
     */
    public static String reportIdOf(EntityGraph graph, String entityId, boolean multiProfile) {
        Entity e = graph.get(entityId);
        if (e.type() != EntityType.PORTFOLIO) {
            return e.id();
        }
        Entity profile = graph.ancestorOfType(entityId, EntityType.PROFILE);
        String prefix = multiProfile && profile != null ? AccountAssembler.escape(profile.id()) + "/" : "";
        return prefix + AccountAssembler.escape(e.name());
    }

    private static String money(double v) {
        // Shortest decimal that reads back to the same double, without an exponent.
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
    }
}
