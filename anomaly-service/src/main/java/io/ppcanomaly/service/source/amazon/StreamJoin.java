package io.ppcanomaly.service.source.amazon;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.Metrics;
import io.ppcanomaly.service.source.AccountAssembler;
import io.ppcanomaly.service.source.ReportRow;
import io.ppcanomaly.service.source.RowError;
import io.ppcanomaly.service.source.RowLedger;
import io.ppcanomaly.service.source.RowProblem;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sums Marketing Stream deltas per ad, keyword or target, placement and hour, joins each dataset's sums, and turns
 * them into one row per keyword or target and hour — the order Amazon's own guide gives ("Aggregating and joining
 * traffic and conversion data": de-duplicate by {@code idempotency_id}, aggregate each dataset, then join).
 * Not thread-safe; one per load.
 */
final class StreamJoin {

    /** What a traffic and a conversion record are joined on. */
    record Key(String profile, String campaignId, String adGroupId, String adId, String keywordId, String placement,
               LocalDateTime hour) {
    }

    /** The deltas of one key, summed, with the place of its first record for messages. */
    static final class Sum {
        final String file;
        final long line;
        long records;
        long impressions;
        long clicks;
        double cost;
        long orders;
        double sales;
        String keywordText;
        String matchType;
        Sum conversion;

        Sum(String file, long line) {
            this.file = file;
            this.line = line;
        }
    }

    /** Money sums are rounded to a millionth, so corrections that cancel leave exactly zero. */
    private static final double MONEY_GRAIN = 1e6;

    private final RowLedger ledger;
    private final Map<Key, Sum> traffic = new LinkedHashMap<>();
    private final Map<Key, Sum> conversions = new LinkedHashMap<>();

    StreamJoin(RowLedger ledger) {
        this.ledger = ledger;
    }

    /** @return the sum a traffic record of this key adds to */
    Sum traffic(Key key, String file, long line) {
        return add(traffic, key, file, line);
    }

    /** @return the sum a conversion record of this key adds to */
    Sum conversion(Key key, String file, long line) {
        return add(conversions, key, file, line);
    }

    private static Sum add(Map<Key, Sum> sums, Key key, String file, long line) {
        Sum s = sums.computeIfAbsent(key, k -> new Sum(file, line));
        s.records++;
        return s;
    }

    /**
     * Joins the sums and adds one row per keyword or target and hour to the assembler. Conversions without traffic
     * and keys whose deltas do not add up to valid metrics are skipped and counted, whatever the policy.
     *
     * @return whether any conversion record was read
     */
    boolean emit(AccountAssembler assembler) {
        for (Map.Entry<Key, Sum> e : conversions.entrySet()) {
            Sum t = traffic.get(e.getKey());
            Sum c = e.getValue();
            if (t == null) {
                Key k = e.getKey();
                ledger.skip(error(c, RowProblem.UNMATCHED_CONVERSION, "no sp-traffic record for ad " + k.adId()
                        + ", keyword or target " + k.keywordId() + ", placement '" + k.placement() + "' at "
                        + Granularity.HOUR.format(k.hour()) + " in the input (" + c.records + " record"
                        + (c.records == 1 ? "" : "s") + ")"), c.records);
            } else {
                t.conversion = c;
            }
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        for (Map.Entry<Key, Sum> e : traffic.entrySet()) {
            Key k = e.getKey();
            Sum t = e.getValue();
            Sum c = t.conversion;
            double cost = round(t.cost);
            double sales = c == null ? 0 : round(c.sales);
            long orders = c == null ? 0 : c.orders;
            String bad = t.impressions < 0 ? "impressions " + t.impressions : t.clicks < 0 ? "clicks " + t.clicks
                    : cost < 0 ? "cost " + cost : sales < 0 ? "sales " + sales : orders < 0 ? "orders " + orders
                    : t.clicks > t.impressions ? "clicks " + t.clicks + " > impressions " + t.impressions : null;
            long records = t.records + (c == null ? 0 : c.records);
            if (bad != null) {
                ledger.skip(error(t, RowProblem.INCOMPLETE_CORRECTIONS, "the deltas of ad " + k.adId()
                        + ", keyword or target " + k.keywordId() + ", placement '" + k.placement() + "' at "
                        + Granularity.HOUR.format(k.hour()) + " add up to " + bad + " (" + records + " records): "
                        + "corrections whose original records are not in the input"), records);
                continue;
            }
            if (c != null) {
                ledger.joined(c.records);
            }
            if (t.keywordText != null) {
                names.put(k.profile() + "\u0000" + k.keywordId(), t.keywordText + "\u0000"
                        + (t.matchType == null ? "" : t.matchType));
            }
            rows.computeIfAbsent(k.profile() + "\u0000" + k.keywordId() + "\u0000" + k.hour(), x -> new Row(k, t))
                    .add(t.impressions, t.clicks, cost, sales, orders);
        }
        for (Row r : rows.values()) {
            String name = names.get(r.key.profile() + "\u0000" + r.key.keywordId());
            String text = name == null ? r.key.keywordId() : name.substring(0, name.indexOf('\u0000'));
            String match = name == null ? "" : name.substring(name.indexOf('\u0000') + 1);
            assembler.add(new ReportRow(r.first.line, r.key.profile(), null, r.key.campaignId(), r.key.campaignId(),
                    r.key.adGroupId(), r.key.adGroupId(), text, r.key.keywordId(), match.isEmpty() ? null : match,
                    r.key.hour(), new Metrics(r.impressions, r.clicks, round(r.cost), round(r.sales), r.orders)));
        }
        return !conversions.isEmpty();
    }

    private static double round(double money) {
        double r = Math.round(money * MONEY_GRAIN) / MONEY_GRAIN;
        return r == 0 ? 0 : r;   // no -0.0
    }

    private static RowError error(Sum s, RowProblem problem, String detail) {
        return new RowError(s.line, null, null, problem, detail, s.file, RowError.Position.LINE_FIELD);
    }

    /** One keyword or target in one hour: the sum over its ads and placements. */
    private static final class Row {
        final Key key;
        final Sum first;
        long impressions;
        long clicks;
        double cost;
        double sales;
        long orders;

        Row(Key key, Sum first) {
            this.key = key;
            this.first = first;
        }

        void add(long impressions, long clicks, double cost, double sales, long orders) {
            this.impressions += impressions;
            this.clicks += clicks;
            this.cost += cost;
            this.sales += sales;
            this.orders += orders;
        }
    }
}
