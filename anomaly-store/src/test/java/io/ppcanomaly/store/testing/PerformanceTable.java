package io.ppcanomaly.store.testing;

import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.api.sample.SampleAccount;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A host's performance table as a PPC service keeps it — one row per keyword and day, the report CSV's columns —
 * filled from a generated account: for the JDBC metric source's tests and benchmark.
 */
public final class PerformanceTable {

    /** The columns, in the report CSV's canonical names. */
    public static final String COLUMNS = "date, profile_id, portfolio, campaign_id, campaign, ad_group_id, ad_group, "
            + "keyword_id, keyword, impressions, clicks, spend, sales, orders";

    private PerformanceTable() {
    }

    /**
     * One row of the table.
     *
     * @param date        the day
     * @param profileId   the profile
     * @param portfolio   portfolio name, or {@code null}
     * @param campaignId  campaign id
     * @param campaign    campaign name
     * @param adGroupId   ad group id
     * @param adGroup     ad group name
     * @param keywordId   keyword id
     * @param keyword     keyword text
     * @param impressions impressions
     * @param clicks      clicks
     * @param spend       spend
     * @param sales       sales
     * @param orders      orders
     */
    public record Row(LocalDate date, String profileId, String portfolio, String campaignId, String campaign,
                      String adGroupId, String adGroup, String keywordId, String keyword, long impressions,
                      long clicks, double spend, double sales, long orders) {
    }

    /**
     * @param account  a generated account
     * @param profile  the profile the rows name (the account's own when {@code null})
     * @param lastDays how many of its last days
     * @return one row per keyword and day, days in order
     */
    public static List<Row> rows(SampleAccount account, String profile, int lastDays) {
        EntityGraph g = account.graph();
        List<Row> out = new ArrayList<>();
        for (String kw : account.keywordIds()) {
            MetricSeries s = account.series(kw);
            Entity adGroup = g.parent(kw);
            Entity campaign = g.parent(adGroup.id());
            Entity portfolio = g.ancestorOfType(kw, EntityType.PORTFOLIO);
            Entity prof = g.ancestorOfType(kw, EntityType.PROFILE);
            String p = profile != null ? profile : prof == null ? null : prof.id();
            for (int i = Math.max(0, s.size() - lastDays); i < s.size(); i++) {
                out.add(new Row(s.periodAt(i).toLocalDate(), p, portfolio == null ? null : portfolio.name(),
                        campaign.id(), campaign.name(), adGroup.id(), adGroup.name(), kw, g.get(kw).name(),
                        s.impressions(i), s.clicks(i), s.spend(i), s.sales(i), s.orders(i)));
            }
        }
        return out;
    }

    /** Creates the table with an index on (profile_id, date), as a host would serve per-advertiser reads. */
    public static void create(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (date date NOT NULL, profile_id varchar(64), portfolio varchar(256), "
                    + "campaign_id varchar(64), campaign varchar(256) NOT NULL, ad_group_id varchar(64), "
                    + "ad_group varchar(256) NOT NULL, keyword_id varchar(64), keyword varchar(512) NOT NULL, "
                    + "impressions bigint NOT NULL, clicks bigint NOT NULL, spend double precision NOT NULL, "
                    + "sales double precision NOT NULL, orders bigint NOT NULL)");
            s.execute("CREATE INDEX " + table + "_profile_date_ix ON " + table + " (profile_id, date)");
        }
    }

    /** Inserts rows in batches (auto-commit as the connection has it). */
    public static void insert(Connection c, String table, List<Row> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (Row r : rows) {
                ps.setObject(1, r.date());
                ps.setString(2, r.profileId());
                ps.setString(3, r.portfolio());
                ps.setString(4, r.campaignId());
                ps.setString(5, r.campaign());
                ps.setString(6, r.adGroupId());
                ps.setString(7, r.adGroup());
                ps.setString(8, r.keywordId());
                ps.setString(9, r.keyword());
                ps.setLong(10, r.impressions());
                ps.setLong(11, r.clicks());
                ps.setDouble(12, r.spend());
                ps.setDouble(13, r.sales());
                ps.setLong(14, r.orders());
                ps.addBatch();
                if (++n % 5_000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /** @return the rows as a report CSV with the canonical header (money at full precision) */
    public static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder(COLUMNS.replace(" ", "")).append('\n');
        for (Row r : rows) {
            sb.append(r.date()).append(',').append(nz(r.profileId())).append(',').append(q(nz(r.portfolio())))
                    .append(',').append(q(r.campaignId())).append(',').append(q(r.campaign())).append(',')
                    .append(q(r.adGroupId())).append(',').append(q(r.adGroup())).append(',').append(q(r.keywordId()))
                    .append(',').append(q(r.keyword())).append(',').append(r.impressions()).append(',')
                    .append(r.clicks()).append(',').append(num(r.spend())).append(',').append(num(r.sales()))
                    .append(',').append(r.orders()).append('\n');
        }
        return sb.toString();
    }

    private static String num(double v) {
        return new BigDecimal(Double.toString(v)).toPlainString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String q(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
