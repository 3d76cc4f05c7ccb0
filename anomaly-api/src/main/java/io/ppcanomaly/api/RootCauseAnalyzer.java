package io.ppcanomaly.api;

import io.ppcanomaly.api.model.Granularity;
import java.util.List;
import java.util.OptionalInt;

/**
 * Turns per-entity anomalies into ranked root causes over the account hierarchy, so forty keyword alerts can
 * fold into "campaign X ran out of budget". Implementations are thread-safe.
 */
public interface RootCauseAnalyzer {

    /** @return the provider name, e.g. {@code hierarchy} */
    String name();

    /**
     * @param input the graph, the anomalies over time and (optionally) the metrics
     * @return root causes, most likely first; empty when there are no anomalies
     * @throws IllegalArgumentException when an anomaly names an entity absent from the graph or a period
     *                                  outside its metrics
     */
    List<RootCause> analyze(RootCauseInput input);

    /**
     * How far back of the anomalies {@link #analyze} reads the metrics: a caller that loads only the latest
     * periods (a one-period run need not read years of history) keeps this many periods before the earliest
     * anomaly's start, and the analysis is then the same as with every period loaded.
     *
     * @param granularity the period length of the data
     * @return periods before the earliest anomaly start that {@link #analyze} may read, &ge; 0; empty when not known,
     *         which makes a caller load every period (the default, right for any analyzer)
     */
    default OptionalInt historyBefore(Granularity granularity) {
        return OptionalInt.empty();
    }
}
