package io.ppcanomaly.service;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.spi.ProviderOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * How urgent an alert is, from its calibrated [0, 1] score and the money at stake, so that a CPC spike on a
 * keyword spending $2 a day is LOW while the same spike on one spending $2,000 a day is CRITICAL. Immutable.
 *
 * <p>This mirrors, key for key and cell for cell, the severity policy the ensemble module documents
 * ({@code io.ppcanomaly.ensemble.severity.SeverityPolicy}): the service reaches the ensemble by name only,
 * never by compile dependency, so it keeps its own copy of the table (the API has no severity SPI).
 *
 * <h2>Money at stake</h2>
 * {@link #moneyAtStake The larger of the entity's baseline spend and sales per period} (the same baseline its
 * features are measured against: the periods before its window): a runaway CPC burns spend, a broken listing
 * loses sales, and either flow bounds what one period of the incident costs. The baseline, not the anomalous
 * period, so a spend spike does not inflate its own severity. In the account's currency, per period.
 *
 * <h2>Default table</h2>
 * <pre>
 *                      money at stake per period
 * score                &lt; 10      10–100    100–1,000   &ge; 1,000
 * &lt; 0.99               LOW       LOW       LOW         LOW
 * [0.99, 0.999)        LOW       LOW       MEDIUM      MEDIUM
 * [0.999, 0.9999)      LOW       MEDIUM    HIGH        HIGH
 * &ge; 0.9999             LOW       MEDIUM    HIGH        CRITICAL
 * </pre>
 * With calibrated scores a band reads as a false-alarm rate: 0.999 is "rarer than 999 in 1,000 normal
 * entity-days". Band edges are lower-inclusive.
 *
 * <p>Properties keys: {@code severity.scoreBands} (strictly increasing edges in (0, 1], comma-separated),
 * {@code severity.moneyBands} (strictly increasing edges &gt; 0), {@code severity.table} (rows separated by
 * {@code ;}, one row per score band from the lowest, one severity per money band from the lowest,
 * comma-separated).
 *
 * @param scoreBands ascending score edges; {@code n} edges make {@code n + 1} rows
 * @param moneyBands ascending money edges; {@code m} edges make {@code m + 1} columns
 * @param table      severities, {@code (n + 1) × (m + 1)}, never decreasing along a row or down a column
 */
public record SeverityPolicy(List<Double> scoreBands, List<Double> moneyBands, List<List<Severity>> table) {

    /** Default score edges. */
    public static final List<Double> DEFAULT_SCORE_BANDS = List.of(0.99, 0.999, 0.9999);
    /** Default money edges, in the account's currency. */
    public static final List<Double> DEFAULT_MONEY_BANDS = List.of(10.0, 100.0, 1000.0);

    /** The documented default table. */
    public static final SeverityPolicy DEFAULT = new SeverityPolicy(DEFAULT_SCORE_BANDS, DEFAULT_MONEY_BANDS,
            List.of(List.of(Severity.LOW, Severity.LOW, Severity.LOW, Severity.LOW),
                    List.of(Severity.LOW, Severity.LOW, Severity.MEDIUM, Severity.MEDIUM),
                    List.of(Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.HIGH),
                    List.of(Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL)));

    private static final Set<String> KEYS = Set.of("severity.scoreBands", "severity.moneyBands", "severity.table");

    /** Validates the bands and the table's shape and monotonicity. */
    public SeverityPolicy {
        scoreBands = List.copyOf(Objects.requireNonNull(scoreBands, "scoreBands"));
        moneyBands = List.copyOf(Objects.requireNonNull(moneyBands, "moneyBands"));
        ascending("scoreBands", scoreBands, 0.0, 1.0);
        ascending("moneyBands", moneyBands, 0.0, Double.POSITIVE_INFINITY);
        Objects.requireNonNull(table, "table");
        if (table.size() != scoreBands.size() + 1) {
            throw new IllegalArgumentException("table must have " + (scoreBands.size() + 1) + " rows (one per score "
                    + "band), got " + table.size());
        }
        List<List<Severity>> rows = new ArrayList<>();
        for (int r = 0; r < table.size(); r++) {
            List<Severity> row = List.copyOf(table.get(r));
            if (row.size() != moneyBands.size() + 1) {
                throw new IllegalArgumentException("table row " + r + " must have " + (moneyBands.size() + 1)
                        + " severities (one per money band), got " + row.size());
            }
            for (int c = 0; c < row.size(); c++) {
                if (c > 0 && row.get(c).compareTo(row.get(c - 1)) < 0) {
                    throw new IllegalArgumentException("table row " + r + " must not decrease as money grows, got "
                            + row);
                }
                if (r > 0 && row.get(c).compareTo(rows.get(r - 1).get(c)) < 0) {
                    throw new IllegalArgumentException("table column " + c + " must not decrease as the score grows,"
                            + " got " + row.get(c) + " below " + rows.get(r - 1).get(c));
                }
            }
            rows.add(row);
        }
        table = List.copyOf(rows);
    }

    private static void ascending(String name, List<Double> edges, double lo, double hi) {
        double prev = lo;
        for (Double e : edges) {
            if (e == null || !(e > prev) || !(e <= hi) || !Double.isFinite(e)) {
                throw new IllegalArgumentException(name + " must be strictly increasing in (" + lo + ", " + hi
                        + "], got " + edges);
            }
            prev = e;
        }
    }

    /**
     * The money one period of an incident puts at stake.
     *
     * @param spendPerPeriod the entity's baseline spend per period, finite and &ge; 0
     * @param salesPerPeriod the entity's baseline sales per period, finite and &ge; 0
     * @return the larger of the two
     */
    public static double moneyAtStake(double spendPerPeriod, double salesPerPeriod) {
        if (!(spendPerPeriod >= 0) || !Double.isFinite(spendPerPeriod)) {
            throw new IllegalArgumentException("spendPerPeriod must be finite and >= 0, got " + spendPerPeriod);
        }
        if (!(salesPerPeriod >= 0) || !Double.isFinite(salesPerPeriod)) {
            throw new IllegalArgumentException("salesPerPeriod must be finite and >= 0, got " + salesPerPeriod);
        }
        return Math.max(spendPerPeriod, salesPerPeriod);
    }

    /**
     * @param score        the alert's score in [0, 1]
     * @param moneyAtStake money at stake, &ge; 0
     * @return the severity from the table
     */
    public Severity severity(double score, double moneyAtStake) {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + score);
        }
        if (!(moneyAtStake >= 0) || Double.isInfinite(moneyAtStake)) {
            throw new IllegalArgumentException("moneyAtStake must be finite and >= 0, got " + moneyAtStake);
        }
        return table.get(band(scoreBands, score)).get(band(moneyBands, moneyAtStake));
    }

    private static int band(List<Double> edges, double v) {
        int b = 0;
        while (b < edges.size() && v >= edges.get(b)) {
            b++;
        }
        return b;
    }

    /**
     * Reads the documented keys, falling back to {@link #DEFAULT} for missing ones; other keys are ignored
     * (the request's options carry other settings too).
     *
     * @throws IllegalArgumentException naming the key and the value
     */
    public static SeverityPolicy of(Properties p) {
        ProviderOptions o = new ProviderOptions(p);
        List<Double> score = doubles("severity.scoreBands", o.get("severity.scoreBands"), DEFAULT.scoreBands);
        List<Double> money = doubles("severity.moneyBands", o.get("severity.moneyBands"), DEFAULT.moneyBands);
        String t = o.get("severity.table");
        List<List<Severity>> table = DEFAULT.table;
        if (t != null && !t.isEmpty()) {
            table = new ArrayList<>();
            for (String row : t.split(";")) {
                List<Severity> r = new ArrayList<>();
                for (String cell : row.split(",")) {
                    try {
                        r.add(Severity.valueOf(cell.trim().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("severity.table must hold low, medium, high or critical, "
                                + "got '" + cell.trim() + "'");
                    }
                }
                table.add(r);
            }
        }
        return new SeverityPolicy(score, money, table);
    }

    /** @return the keys {@link #of} reads */
    public static Set<String> keys() {
        return KEYS;
    }

    private static List<Double> doubles(String key, String v, List<Double> def) {
        if (v == null || v.isEmpty()) {
            return def;
        }
        List<Double> out = new ArrayList<>();
        for (String s : v.split(",")) {
            try {
                out.add(Double.parseDouble(s.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be comma-separated numbers, got '" + v + "'");
            }
        }
        return out;
    }

    /** @return the keys of {@link #of} with this policy's values */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("severity.scoreBands", join(scoreBands));
        p.setProperty("severity.moneyBands", join(moneyBands));
        List<String> rows = new ArrayList<>();
        for (List<Severity> row : table) {
            List<String> cells = new ArrayList<>();
            for (Severity s : row) {
                cells.add(s.wireName());
            }
            rows.add(String.join(",", cells));
        }
        p.setProperty("severity.table", String.join(";", rows));
        return p;
    }

    private static String join(List<Double> v) {
        List<String> out = new ArrayList<>();
        for (double d : v) {
            out.add(Double.toString(d));
        }
        return String.join(",", out);
    }
}
