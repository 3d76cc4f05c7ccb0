package io.ppcanomaly.monitor.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Objects;

/**
 * How a challenger did beside the champion on the recent periods (its validation figures), and what was decided.
 * Kept with the challenger's version in the registry and logged. Immutable.
 *
 * <p>The periods compared are those the champion judged live (the monitor's ledger) within the shadow range; the
 * challenger, trained on the data before the range, judged the same periods in a shadow backtest (learning as live,
 * nothing stored). Labels are the people's feedback on the alerts of those periods: every labelled alert was
 * raised by the live monitor, so the champion caught every true one and alerted every false one.
 *
 * @param from              first period of the shadow range
 * @param to                last period of the shadow range (the watermark)
 * @param periodsCompared   periods in the range the champion judged live, over which the figures are counted
 * @param labelledTrue      alerts of those periods labelled true anomalies
 * @param labelledFalse     alerts of those periods labelled false
 * @param championVersionId the champion's version id
 * @param champion          the champion's figures
 * @param challenger        the challenger's figures
 * @param promoted          whether the challenger became champion
 * @param reason            why, in words
 */
public record ShadowEvaluation(LocalDateTime from, LocalDateTime to, int periodsCompared, int labelledTrue,
                               int labelledFalse, long championVersionId, Figures champion, Figures challenger,
                               boolean promoted, String reason) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One model's figures over the compared periods.
     *
     * @param alerts        alerts raised (entity × period)
     * @param windowsScored windows scored (entity × period)
     * @param caughtTrue    alerts on entity-periods labelled true anomalies
     * @param alertedFalse  alerts on entity-periods labelled false
     */
    public record Figures(long alerts, long windowsScored, int caughtTrue, int alertedFalse) {

        /** Validates. */
        public Figures {
            if (alerts < 0 || windowsScored < 0 || caughtTrue < 0 || alertedFalse < 0) {
                throw new IllegalArgumentException("figures must be >= 0, got alerts " + alerts + ", windows "
                        + windowsScored + ", caught true " + caughtTrue + ", alerted false " + alertedFalse);
            }
        }

        /**
         * @return alerts not confirmed by a true label per 1,000 windows scored — every unconfirmed alert counts as
         *         a false alert, so the rate never flatters a model that alerts more; 0 with no window
         */
        public double falseAlertRate() {
            return windowsScored == 0 ? 0 : 1000.0 * (alerts - caughtTrue) / windowsScored;
        }

        /** @return e.g. {@code 12 alerts / 14,000 windows, 3 true caught, 1 false alerted, 0.64 false per 1,000} */
        public String describe() {
            return String.format(Locale.ROOT, "%d alerts / %,d windows, %d labelled true caught, %d labelled false "
                    + "alerted, %.3f false alerts per 1,000 windows", alerts, windowsScored, caughtTrue, alertedFalse,
                    falseAlertRate());
        }
    }

    /** Validates. */
    public ShadowEvaluation {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(champion, "champion");
        Objects.requireNonNull(challenger, "challenger");
        Objects.requireNonNull(reason, "reason");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to must not be before from " + from + ", got " + to);
        }
    }

    /** @return the evaluation as the JSON kept in the registry */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("from", from.toString());
        o.put("to", to.toString());
        o.put("periods_compared", periodsCompared);
        o.put("labelled_true", labelledTrue);
        o.put("labelled_false", labelledFalse);
        o.put("champion_version", championVersionId);
        o.set("champion", figures(champion));
        o.set("challenger", figures(challenger));
        o.put("promoted", promoted);
        o.put("reason", reason);
        return o.toString();
    }

    private static ObjectNode figures(Figures f) {
        ObjectNode o = JSON.createObjectNode();
        o.put("alerts", f.alerts());
        o.put("windows_scored", f.windowsScored());
        o.put("caught_true", f.caughtTrue());
        o.put("alerted_false", f.alertedFalse());
        o.put("false_alerts_per_1000", f.falseAlertRate());
        return o;
    }

    /**
     * @return the evaluation read back from {@link #toJson()}
     * @throws IllegalArgumentException for text that is not such JSON
     */
    public static ShadowEvaluation fromJson(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            return new ShadowEvaluation(LocalDateTime.parse(o.get("from").asText()),
                    LocalDateTime.parse(o.get("to").asText()), o.get("periods_compared").asInt(),
                    o.get("labelled_true").asInt(), o.get("labelled_false").asInt(),
                    o.get("champion_version").asLong(), readFigures(o.get("champion")),
                    readFigures(o.get("challenger")), o.get("promoted").asBoolean(), o.get("reason").asText());
        } catch (Exception e) {
            throw new IllegalArgumentException("validation must be the JSON of a shadow evaluation, got '" + json
                    + "': " + e.getMessage(), e);
        }
    }

    private static Figures readFigures(JsonNode f) {
        return new Figures(f.get("alerts").asLong(), f.get("windows_scored").asLong(), f.get("caught_true").asInt(),
                f.get("alerted_false").asInt());
    }
}
