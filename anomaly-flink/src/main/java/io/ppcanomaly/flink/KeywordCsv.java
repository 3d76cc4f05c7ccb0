package io.ppcanomaly.flink;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.source.AccountAssembler;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses lines of the canonical keyword report CSV, the one {@code ReportCsvWriter} writes: {@code date,
 * profile_id, portfolio, campaign_id, campaign, ad_group_id, ad_group, keyword_id, keyword, impressions, clicks,
 * spend, sales, orders}, comma separated, fields with commas or quotes in double quotes. Ids as
 * {@code CsvMetricSource} gives them for the same file: a portfolio's id is its escaped name, prefixed by the
 * escaped profile id when {@code multiProfile} (a stream of several profiles); a leaf is a product target when
 * its text is a targeting expression. Stateless and thread-safe.
 */
public final class KeywordCsv {

    /** The header, as written. */
    public static final List<String> HEADER = List.of("date", "profile_id", "portfolio", "campaign_id", "campaign",
            "ad_group_id", "ad_group", "keyword_id", "keyword", "impressions", "clicks", "spend", "sales", "orders");

    private KeywordCsv() {
    }

    /** @return whether the line is the header (skipped by the source) */
    public static boolean isHeader(String line) {
        return line.regionMatches(true, 0, "date,", 0, 5);
    }

    /**
     * @return the event on the line
     * @throws IllegalArgumentException naming the column and the value when a field is missing or unreadable
     */
    public static KeywordEvent parse(String line, Granularity g, boolean multiProfile) {
        List<String> f = split(line);
        if (f.size() != HEADER.size()) {
            throw new IllegalArgumentException("line must have " + HEADER.size() + " fields (" + String.join(",", HEADER)
                    + "), got " + f.size() + ": '" + line + "'");
        }
        KeywordEvent e = new KeywordEvent();
        e.period = Periods.toMillis(date(f.get(0), g));
        e.profileId = required(f, 1);
        String portfolio = f.get(2).isBlank() ? null : f.get(2).strip();
        e.portfolioName = portfolio;
        e.portfolioId = portfolio == null ? null
                : (multiProfile ? AccountAssembler.escape(e.profileId) + "/" : "") + AccountAssembler.escape(portfolio);
        e.campaignId = required(f, 3);
        e.campaignName = required(f, 4);
        e.adGroupId = required(f, 5);
        e.adGroupName = required(f, 6);
        e.keywordId = required(f, 7);
        e.keywordName = required(f, 8);
        e.leafType = AccountAssembler.leafType(e.keywordName, null).wireName();
        e.impressions = count(f, 9);
        e.clicks = count(f, 10);
        e.spend = money(f, 11);
        e.sales = money(f, 12);
        e.orders = count(f, 13);
        e.validate(g);
        return e;
    }

    private static LocalDateTime date(String v, Granularity g) {
        try {
            return g == Granularity.DAY ? LocalDate.parse(v.strip()).atStartOfDay() : LocalDateTime.parse(v.strip());
        } catch (DateTimeParseException ex) {
            throw new IllegalArgumentException("column 'date' must be a " + (g == Granularity.DAY ? "yyyy-MM-dd date"
                    : "yyyy-MM-ddTHH:mm hour") + ", got '" + v + "'");
        }
    }

    private static String required(List<String> f, int i) {
        String v = f.get(i).strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("column '" + HEADER.get(i) + "' must not be blank, got ''");
        }
        return v;
    }

    private static long count(List<String> f, int i) {
        String v = f.get(i).strip();
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("column '" + HEADER.get(i) + "' must be a whole number, got '" + v + "'");
        }
    }

    private static double money(List<String> f, int i) {
        String v = f.get(i).strip();
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("column '" + HEADER.get(i) + "' must be a decimal number, got '" + v
                    + "'");
        }
    }

    /**
     * Splits one CSV line: commas outside double quotes; a field is quoted when it starts with a quote, and
     * {@code ""} inside it is one quote; a quote inside an unquoted field is literal.
     */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>(HEADER.size());
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && cur.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** @return the level name of a leaf event */
    static EntityType leafType(KeywordEvent e) {
        return EntityType.parse(e.leafType == null ? "keyword" : e.leafType.toLowerCase(Locale.ROOT));
    }
}
