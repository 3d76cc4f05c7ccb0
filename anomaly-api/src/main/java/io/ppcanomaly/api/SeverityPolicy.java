package io.ppcanomaly.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * How urgent an alert is, from how rare it is (the calibrated [0, 1] score) <em>and</em> how much money rides
 * on the entity per period, so that a CPC spike on a keyword spending $2 a day is LOW while the same spike on
 * one spending $2,000 a day is CRITICAL. Immutable, thread-safe, depends on nothing but {@link Severity}.
 *
 * <h2>The default table</h2>
 * Rows are score bands, columns money-at-stake bands (account currency per period; the defaults assume daily
 * periods):
 * <pre>
 *                      money at stake per period
 * score                &lt; 10      10–100    100–1,000   &ge; 1,000
 * &lt; 0.999              LOW       LOW       LOW         LOW
 * [0.999, 0.9999)      LOW       LOW       MEDIUM      MEDIUM
 * [0.9999, 0.99999)    LOW       MEDIUM    HIGH        HIGH
 * &ge; 0.99999            LOW       MEDIUM    HIGH        CRITICAL
 * </pre>
 * With calibrated scores a band reads as a false-alarm rate: 0.9999 is "rarer than 9,999 in 10,000 normal
 * entity-days". The lowest alerting band starts at the ensemble's threshold (0.999, one false alert per 1,000
 * entity-periods), so the alerts a threshold's budget lets through are at most MEDIUM, and HIGH needs ten times
 * the rarity: on the sample account's 30-day backtest 21 of 30 false alerts scored in [0.999, 0.9999) and 892
 * of 1,182 true ones at 0.99999 or more. Money at stake is {@link #moneyAtStake the larger of the entity's baseline spend and sales per
 * period}: a runaway CPC burns spend, a broken listing loses sales, and either flow bounds what one period of
 * the incident costs. Use the entity's own baseline (its normal period), not the anomalous period, so a spend
 * spike does not inflate its own severity.
 *
 * <h2>Configuring</h2>
 * Any number of bands; the table has one row more than there are score bands and one column more than there are
 * money bands, and it must never decrease along a row or down a column (more rarity or more money never lowers
 * the severity). Properties keys ({@link #of(Properties)}): {@code severity.scoreBands=0.999,0.9999,0.99999},
 * {@code severity.moneyBands=10,100,1000}, {@code severity.table=LOW,LOW,LOW,LOW;LOW,LOW,MEDIUM,MEDIUM;…}
 * (rows separated by {@code ;}, lowest score first). Changing the number of bands requires a table.
 *
 * @param scoreBands lower edges of the score bands above the first, strictly increasing in (0, 1]
 * @param moneyBands lower edges of the money bands above the first, strictly increasing, finite, &gt; 0
 * @param table      severity per (score band, money band), {@code scoreBands.size() + 1} rows of
 *                   {@code moneyBands.size() + 1}, non-decreasing along rows and columns
 */
public record SeverityPolicy(List<Double> scoreBands, List<Double> moneyBands, List<List<Severity>> table) {

    /** Default score band edges. */
    public static final List<Double> DEFAULT_SCORE_BANDS = List.of(0.999, 0.9999, 0.99999);
    /** Default money band edges, per period in the account's currency. */
    public static final List<Double> DEFAULT_MONEY_BANDS = List.of(10.0, 100.0, 1000.0);
    /** Default table; see the class comment. */
    public static final List<List<Severity>> DEFAULT_TABLE = List.of(
            List.of(Severity.LOW, Severity.LOW, Severity.LOW, Severity.LOW),
            List.of(Severity.LOW, Severity.LOW, Severity.MEDIUM, Severity.MEDIUM),
            List.of(Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.HIGH),
            List.of(Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL));
    /** The default policy. */
    public static final SeverityPolicy DEFAULT = new SeverityPolicy(DEFAULT_SCORE_BANDS, DEFAULT_MONEY_BANDS,
            DEFAULT_TABLE);

    /** Properties key of the score band edges. */
    public static final String KEY_SCORE_BANDS = "severity.scoreBands";
    /** Properties key of the money band edges. */
    public static final String KEY_MONEY_BANDS = "severity.moneyBands";
    /** Properties key of the table. */
    public static final String KEY_TABLE = "severity.table";
    /** Every key {@link #of(Properties)} reads. */
    public static final Set<String> KEYS = Set.of(KEY_SCORE_BANDS, KEY_MONEY_BANDS, KEY_TABLE);

    /** Validates and freezes. */
    public SeverityPolicy {
        scoreBands = List.copyOf(Objects.requireNonNull(scoreBands, "scoreBands"));
        moneyBands = List.copyOf(Objects.requireNonNull(moneyBands, "moneyBands"));
        Objects.requireNonNull(table, "table");
        for (int i = 0; i < scoreBands.size(); i++) {
            double b = scoreBands.get(i);
            if (!(b > 0 && b <= 1) || (i > 0 && !(b > scoreBands.get(i - 1)))) {
                throw new IllegalArgumentException("scoreBands must be strictly increasing in (0, 1], got "
                        + scoreBands);
            }
        }
        for (int i = 0; i < moneyBands.size(); i++) {
            double b = moneyBands.get(i);
            if (!(b > 0) || !Double.isFinite(b) || (i > 0 && !(b > moneyBands.get(i - 1)))) {
                throw new IllegalArgumentException("moneyBands must be finite, > 0 and strictly increasing, got "
                        + moneyBands);
            }
        }
        int rows = scoreBands.size() + 1;
        int cols = moneyBands.size() + 1;
        if (table.size() != rows) {
            throw new IllegalArgumentException("table must have " + rows + " rows (score bands + 1), got "
                    + table.size());
        }
        List<List<Severity>> frozen = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            List<Severity> row = List.copyOf(Objects.requireNonNull(table.get(r), "table row " + r));
            if (row.size() != cols) {
                throw new IllegalArgumentException("table row " + r + " must have " + cols
                        + " cells (money bands + 1), got " + row.size());
            }
            for (int c = 0; c < cols; c++) {
                if (c > 0 && row.get(c).compareTo(row.get(c - 1)) < 0) {
                    throw new IllegalArgumentException("table row " + r + " must not decrease with money, got "
                            + row);
                }
                if (r > 0 && row.get(c).compareTo(frozen.get(r - 1).get(c)) < 0) {
                    throw new IllegalArgumentException("table column " + c + " must not decrease with score, got "
                            + frozen.get(r - 1).get(c) + " above " + row.get(c));
                }
            }
            frozen.add(row);
        }
        table = List.copyOf(frozen);
    }

    /**
     * The money one period of an incident puts at stake: the larger of the entity's baseline spend and sales per
     * period (a runaway cost burns spend, a broken listing loses sales).
     *
     * @param spendPerPeriod the entity's normal spend per period, finite, &ge; 0
     * @param salesPerPeriod the entity's normal sales per period, finite, &ge; 0
     * @return the money at stake per period
     * @throws IllegalArgumentException for a negative or non-finite amount
     */
    public static double moneyAtStake(double spendPerPeriod, double salesPerPeriod) {
        requireMoney("spendPerPeriod", spendPerPeriod);
        requireMoney("salesPerPeriod", salesPerPeriod);
        return Math.max(spendPerPeriod, salesPerPeriod);
    }

    /**
     * @param score        the calibrated anomaly score, in [0, 1]
     * @param moneyAtStake money at stake per period, finite, &ge; 0 (see {@link #moneyAtStake})
     * @return the severity from the table
     * @throws IllegalArgumentException for a score outside [0, 1] or a negative or non-finite amount
     */
    public Severity classify(double score, double moneyAtStake) {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + score);
        }
        requireMoney("moneyAtStake", moneyAtStake);
        return table.get(band(scoreBands, score)).get(band(moneyBands, moneyAtStake));
    }

    /**
     * Shorthand for {@code classify(score, moneyAtStake(spendPerPeriod, salesPerPeriod))}.
     *
     * @throws IllegalArgumentException as {@link #classify(double, double)} and {@link #moneyAtStake}
     */
    public Severity classify(double score, double spendPerPeriod, double salesPerPeriod) {
        return classify(score, moneyAtStake(spendPerPeriod, salesPerPeriod));
    }

    private static int band(List<Double> edges, double v) {
        int i = 0;
        while (i < edges.size() && v >= edges.get(i)) {
            i++;
        }
        return i;
    }

    private static void requireMoney(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + v);
        }
    }

    /**
     * Reads the policy from {@link #KEYS}; missing keys keep the defaults. Other keys are ignored, so the
     * policy can share a Properties object with other settings.
     *
     * @throws IllegalArgumentException for an unparsable or inconsistent value, naming the key
     */
    public static SeverityPolicy of(Properties p) {
        if (p == null) {
            return DEFAULT;
        }
        List<Double> scores = p.getProperty(KEY_SCORE_BANDS) == null ? DEFAULT_SCORE_BANDS
                : numbers(KEY_SCORE_BANDS, p.getProperty(KEY_SCORE_BANDS));
        List<Double> money = p.getProperty(KEY_MONEY_BANDS) == null ? DEFAULT_MONEY_BANDS
                : numbers(KEY_MONEY_BANDS, p.getProperty(KEY_MONEY_BANDS));
        List<List<Severity>> table = p.getProperty(KEY_TABLE) == null ? DEFAULT_TABLE
                : table(p.getProperty(KEY_TABLE));
        try {
            return new SeverityPolicy(scores, money, table);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("severity options " + KEYS + " are inconsistent: " + e.getMessage(),
                    e);
        }
    }

    /** @return the keys of {@link #of(Properties)} with this policy's values */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty(KEY_SCORE_BANDS, join(scoreBands));
        p.setProperty(KEY_MONEY_BANDS, join(moneyBands));
        StringBuilder t = new StringBuilder();
        for (List<Severity> row : table) {
            if (t.length() > 0) {
                t.append(';');
            }
            for (int c = 0; c < row.size(); c++) {
                t.append(c == 0 ? "" : ",").append(row.get(c).name());
            }
        }
        p.setProperty(KEY_TABLE, t.toString());
        return p;
    }

    private static String join(List<Double> v) {
        StringBuilder sb = new StringBuilder();
        for (double d : v) {
            sb.append(sb.length() == 0 ? "" : ",").append(d);
        }
        return sb.toString();
    }

    private static List<Double> numbers(String key, String v) {
        List<Double> out = new ArrayList<>();
        for (String part : v.split(",")) {
            String s = part.trim();
            if (s.isEmpty()) {
                continue;
            }
            try {
                out.add(Double.parseDouble(s));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a comma-separated list of numbers, got '" + v
                        + "'");
            }
        }
        return out;
    }

    private static List<List<Severity>> table(String v) {
        List<List<Severity>> rows = new ArrayList<>();
        for (String rowText : v.split(";")) {
            List<Severity> row = new ArrayList<>();
            for (String cell : rowText.split(",")) {
                String s = cell.trim().toUpperCase(Locale.ROOT);
                try {
                    row.add(Severity.valueOf(s));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(KEY_TABLE + " cells must be one of LOW, MEDIUM, HIGH, "
                            + "CRITICAL, got '" + cell.trim() + "'");
                }
            }
            rows.add(row);
        }
        return rows;
    }
}
