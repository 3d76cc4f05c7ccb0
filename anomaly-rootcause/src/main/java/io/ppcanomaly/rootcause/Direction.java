package io.ppcanomaly.rootcause;

import io.ppcanomaly.api.features.FeatureSchema;
import java.util.List;
import java.util.Map;

/**
 * Which way an anomaly moved: its dominant feature and that feature's sign ({@code cpc+}, {@code impressions-}).
 * Siblings are "anomalous in the same direction" when their directions are equal.
 *
 * <p>The dominant feature is taken among the <em>primary</em> features first — impressions, CTR, CPC and
 * conversion rate, the independent factors of PPC spend (spend = impressions · CTR · CPC) and sales (clicks ·
 * CVR · order value) — because spend and ACOS move whenever any of those does: a CPC spike raises spend and
 * ACOS as much as CPC, and a budget cut lowers spend as much as impressions. Only when no primary feature moved
 * by at least {@value #MIN_PRIMARY} is the largest other feature used. An anomaly without features has the
 * {@link #UNKNOWN} direction, compatible with every other.
 *
 * @param feature the dominant feature's name, or {@code null} when unknown
 * @param sign    +1 or −1, or 0 when unknown
 */
record Direction(String feature, int sign) {

    /** No features to tell: compatible with any direction. */
    static final Direction UNKNOWN = new Direction(null, 0);

    /** Smallest primary move that decides the direction (log-ratio ≈ 5%). */
    static final double MIN_PRIMARY = 0.05;

    /** Smallest secondary move that joins an anomaly's signature (log-ratio ≈ 10%). */
    static final double MIN_SIGNATURE = 0.1;

    private static final List<String> PRIMARY = List.of(FeatureSchema.IMPRESSIONS, FeatureSchema.CTR,
            FeatureSchema.CPC, FeatureSchema.CVR);

    /** @return the direction of a feature vector (name → signed log-ratio) */
    static Direction of(Map<String, Double> features) {
        String best = null;
        double bestAbs = 0;
        for (String f : PRIMARY) {
            Double v = features.get(f);
            if (v != null && Math.abs(v) > bestAbs) {
                best = f;
                bestAbs = Math.abs(v);
            }
        }
        if (best == null || bestAbs < MIN_PRIMARY) {
            best = null;
            bestAbs = 0;
            // Deterministic over any map order: the largest magnitude, ties to the smaller name.
            for (Map.Entry<String, Double> e : features.entrySet()) {
                double a = Math.abs(e.getValue());
                if (a > bestAbs || (a == bestAbs && a > 0 && best != null && e.getKey().compareTo(best) < 0)) {
                    best = e.getKey();
                    bestAbs = a;
                }
            }
        }
        if (best == null || !(bestAbs > 0)) {
            return UNKNOWN;
        }
        return new Direction(best, features.get(best) > 0 ? 1 : -1);
    }

    /**
     * @return the directions an anomaly moved substantially: its own, plus every other primary feature moving at
     *         least half as much (and at least {@value #MIN_SIGNATURE}) — a budget cut that also shows a noisy
     *         conversion-rate dip moves both ways
     */
    static List<Direction> signature(Map<String, Double> features, Direction dominant) {
        if (dominant.isUnknown() || !PRIMARY.contains(dominant.feature)) {
            return List.of(dominant);
        }
        double floor = Math.max(MIN_SIGNATURE, 0.5 * Math.abs(features.get(dominant.feature)));
        List<Direction> out = new java.util.ArrayList<>(2);
        out.add(dominant);
        for (String f : PRIMARY) {
            Double v = features.get(f);
            if (!f.equals(dominant.feature) && v != null && Math.abs(v) >= floor) {
                out.add(new Direction(f, v > 0 ? 1 : -1));
            }
        }
        return out;
    }

    boolean isUnknown() {
        return feature == null;
    }

    /** @return whether two anomalies moved the same way (unknown matches anything) */
    boolean compatible(Direction o) {
        return isUnknown() || o.isUnknown() || equals(o);
    }

    /** @return a sortable key, e.g. {@code cpc+} */
    String key() {
        return isUnknown() ? "?" : feature + (sign > 0 ? "+" : "-");
    }

    @Override
    public String toString() {
        return key();
    }
}
