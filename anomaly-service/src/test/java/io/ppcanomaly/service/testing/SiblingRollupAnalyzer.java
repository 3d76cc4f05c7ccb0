package io.ppcanomaly.service.testing;

import io.ppcanomaly.api.EntityAnomaly;
import io.ppcanomaly.api.RootCause;
import io.ppcanomaly.api.RootCauseAnalyzer;
import io.ppcanomaly.api.RootCauseInput;
import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.spi.RootCauseAnalyzerProvider;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Test-only analyzer: anomalies whose parent has at least half of its children anomalous fold into one cause
 * at the parent (confidence = that share); any other anomaly is its own cause (confidence = its score). The
 * kind comes from the feature that moved most.
 */
public final class SiblingRollupAnalyzer implements RootCauseAnalyzer {

    static final String NAME = "test-sibling-rollup";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RootCause> analyze(RootCauseInput input) {
        EntityGraph g = input.graph();
        Map<String, List<EntityAnomaly>> byParent = new LinkedHashMap<>();
        for (EntityAnomaly a : input.anomalies()) {
            if (!g.contains(a.entityId())) {
                throw new IllegalArgumentException("anomaly entity must be in the graph, got '" + a.entityId() + "'");
            }
            Entity p = g.parent(a.entityId());
            byParent.computeIfAbsent(p == null ? a.entityId() : p.id(), k -> new ArrayList<>()).add(a);
        }
        List<RootCause> out = new ArrayList<>();
        for (Map.Entry<String, List<EntityAnomaly>> e : byParent.entrySet()) {
            List<EntityAnomaly> group = e.getValue();
            int siblings = g.contains(e.getKey()) ? g.children(e.getKey()).size() : 1;
            double share = siblings == 0 ? 0 : (double) group.size() / siblings;
            if (group.size() > 1 && share >= 0.5) {
                Entity parent = g.get(e.getKey());
                LocalDateTime start = group.stream().map(EntityAnomaly::start).min(Comparator.naturalOrder())
                        .orElseThrow();
                RootCauseKind kind = kind(group);
                out.add(new RootCause(parent, kind, Math.min(1, share), start, parent.type().wireName() + " '"
                        + parent.name() + "': " + kind.wireName() + " on " + group.size() + " of " + siblings
                        + " children", group, 0, Math.min(1, share), Map.of()));
            } else {
                for (EntityAnomaly a : group) {
                    Entity ent = g.get(a.entityId());
                    RootCauseKind kind = kind(List.of(a));
                    out.add(new RootCause(ent, kind, a.score(), a.start(), ent.type().wireName() + " '" + ent.name()
                            + "': " + kind.wireName(), List.of(a), 0, share, Map.of()));
                }
            }
        }
        out.sort(Comparator.comparingDouble(RootCause::confidence).reversed());
        return out;
    }

    private static RootCauseKind kind(List<EntityAnomaly> group) {
        String[] names = {FeatureSchema.CPC, FeatureSchema.CTR, FeatureSchema.CVR, FeatureSchema.IMPRESSIONS,
                FeatureSchema.SPEND};
        double[] sum = new double[names.length];
        for (EntityAnomaly a : group) {
            for (int i = 0; i < names.length; i++) {
                sum[i] += a.feature(names[i]);
            }
        }
        int best = 0;
        for (int i = 1; i < names.length; i++) {
            if (Math.abs(sum[i]) > Math.abs(sum[best])) {
                best = i;
            }
        }
        double v = sum[best];
        return switch (names[best]) {
            case FeatureSchema.CPC -> v > 0 ? RootCauseKind.CPC_SPIKE : RootCauseKind.OTHER;
            case FeatureSchema.CTR -> v < 0 ? RootCauseKind.CTR_COLLAPSE : RootCauseKind.OTHER;
            case FeatureSchema.CVR -> v < 0 ? RootCauseKind.CONVERSION_DROP : RootCauseKind.OTHER;
            case FeatureSchema.IMPRESSIONS -> v < 0 ? RootCauseKind.IMPRESSION_LOSS : RootCauseKind.OTHER;
            default -> v > 0 ? RootCauseKind.SPEND_SURGE : RootCauseKind.OTHER;
        };
    }

    /** Its provider. */
    public static final class Provider implements RootCauseAnalyzerProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "test only: folds anomalies into their parent when half the siblings are anomalous";
        }

        @Override
        public RootCauseAnalyzer create(Properties options) {
            return new SiblingRollupAnalyzer();
        }
    }
}
