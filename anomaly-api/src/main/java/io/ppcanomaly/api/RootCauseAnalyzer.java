package io.ppcanomaly.api;

import java.util.List;

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
}
