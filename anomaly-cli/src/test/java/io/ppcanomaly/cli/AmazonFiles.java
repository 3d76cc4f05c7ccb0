package io.ppcanomaly.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.api.sample.SampleAccount;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.zip.GZIPOutputStream;

/**
 * A generated account written in Amazon's delivery formats, for the command tests: a Reporting API v3
 * spTargeting report ({@code GZIP_JSON}) and Marketing Stream sp-traffic / sp-conversion JSON lines (each day
 * spread over its hours). Field names as in the service's doc-derived fixtures.
 */
final class AmazonFiles {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private AmazonFiles() {
    }

    /** Writes one daily spTargeting row per keyword and day with impressions, gzipped. */
    static void targetingReport(SampleAccount a, Path file) throws IOException {
        EntityGraph g = a.graph();
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
             JsonGenerator j = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            j.writeStartArray();
            for (String kw : a.keywordIds()) {
                MetricSeries s = a.series(kw);
                Entity adGroup = g.parent(kw);
                Entity campaign = g.parent(adGroup.id());
                Entity portfolio = g.parent(campaign.id());
                for (int i = 0; i < s.size(); i++) {
                    if (s.impressions(i) == 0) {
                        continue;
                    }
                    j.writeStartObject();
                    j.writeStringField("date", s.periodAt(i).toLocalDate().toString());
                    j.writeStringField("portfolioId", portfolio.id());
                    j.writeStringField("campaignId", campaign.id());
                    j.writeStringField("campaignName", campaign.name());
                    j.writeStringField("adGroupId", adGroup.id());
                    j.writeStringField("adGroupName", adGroup.name());
                    j.writeStringField("keywordId", kw);
                    j.writeStringField("keyword", g.get(kw).name());
                    j.writeStringField("matchType", "EXACT");
                    j.writeNumberField("impressions", s.impressions(i));
                    j.writeNumberField("clicks", s.clicks(i));
                    j.writeNumberField("cost", s.spend(i));
                    j.writeNumberField("purchases7d", s.orders(i));
                    j.writeNumberField("sales7d", s.sales(i));
                    j.writeEndObject();
                }
            }
            j.writeEndArray();
        }
    }

    /**
     * Writes the account's last {@code days} days as hourly Marketing Stream records: each day's volumes spread over
     * 24 hours, traffic to one file, conversions to another (gzipped).
     */
    static void stream(SampleAccount a, int days, Path traffic, Path conversions) throws IOException {
        EntityGraph g = a.graph();
        long id = 0;
        try (JsonGenerator t = JSON.createGenerator(Files.newOutputStream(traffic), JsonEncoding.UTF8);
             JsonGenerator c = JSON.createGenerator(new GZIPOutputStream(Files.newOutputStream(conversions)),
                     JsonEncoding.UTF8)) {
            t.setRootValueSeparator(null);
            c.setRootValueSeparator(null);
            for (String kw : a.keywordIds()) {
                MetricSeries s = a.series(kw);
                Entity adGroup = g.parent(kw);
                Entity campaign = g.parent(adGroup.id());
                for (int i = Math.max(0, s.size() - days); i < s.size(); i++) {
                    for (int h = 0; h < 24; h++) {
                        long imp = share(s.impressions(i), h);
                        long clk = Math.min(imp, share(s.clicks(i), h));
                        if (imp == 0) {
                            continue;
                        }
                        LocalDateTime hour = s.periodAt(i).plusHours(h);
                        start(t, "t-" + (++id), "sp-traffic", campaign, adGroup, kw, hour);
                        t.writeStringField("keyword_text", g.get(kw).name());
                        t.writeStringField("match_type", "EXACT");
                        t.writeNumberField("clicks", clk);
                        t.writeNumberField("impressions", imp);
                        t.writeNumberField("cost", Math.round(s.spend(i) / 24 * 100) / 100.0);
                        t.writeEndObject();
                        t.writeRaw('\n');
                        long orders = share(s.orders(i), h);
                        if (orders > 0) {
                            start(c, "c-" + id, "sp-conversion", campaign, adGroup, kw, hour);
                            c.writeNumberField("attributed_conversions_7d", orders);
                            c.writeNumberField("attributed_sales_7d", Math.round(s.sales(i) / s.orders(i) * orders
                                    * 100) / 100.0);
                            c.writeEndObject();
                            c.writeRaw('\n');
                        }
                    }
                }
            }
        }
    }

    /** Hour {@code h}'s share of a day's count: the count spread evenly, the remainder on the first hours. */
    private static long share(long total, int h) {
        return total / 24 + (h < total % 24 ? 1 : 0);
    }

    private static void start(JsonGenerator j, String id, String dataset, Entity campaign, Entity adGroup, String kw,
                              LocalDateTime hour) throws IOException {
        j.writeStartObject();
        j.writeStringField("idempotency_id", id);
        j.writeStringField("dataset_id", dataset);
        j.writeStringField("marketplace_id", "ATVPDKIKX0DER");
        j.writeStringField("currency", "USD");
        j.writeStringField("advertiser_id", "ENTITY2SAMPLE");
        j.writeStringField("campaign_id", campaign.id());
        j.writeStringField("ad_group_id", adGroup.id());
        j.writeStringField("ad_id", "ad-" + kw);
        j.writeStringField("keyword_id", kw);
        j.writeStringField("placement", "Top of Search on-Amazon");
        j.writeStringField("time_window_start", hour + ":00Z");
    }
}
