package io.ppcanomaly.rootcause;

import io.ppcanomaly.api.EntityAnomaly;
import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What kind of problem a cause is, from how its metrics moved, and the one line that tells a person.
 *
 * <p>The moves are log-ratios keyed by feature name ({@code impressions}, {@code ctr}, {@code cpc},
 * {@code cvr}, {@code spend}, {@code acos}): the cause's own metrics against their baseline when the input has
 * them, else its anomalies' features. The rules, in order:
 * <ol>
 *   <li>every volume exactly zero at the start, across several entities below a parent:
 *       {@link RootCauseKind#REPORTING_OUTAGE};</li>
 *   <li>otherwise by the dominant primary move (see {@link Direction}): impressions down with CTR, CPC and CVR
 *       each moving less than half as much — {@link RootCauseKind#BUDGET_EXHAUSTION} at a campaign or a
 *       portfolio (where budgets live), {@link RootCauseKind#IMPRESSION_LOSS} elsewhere or when a ratio moved
 *       too; impressions up with spend up — {@link RootCauseKind#SPEND_SURGE}; CPC up —
 *       {@link RootCauseKind#CPC_SPIKE}; CTR down — {@link RootCauseKind#CTR_COLLAPSE}; conversion rate down —
 *       {@link RootCauseKind#CONVERSION_DROP}; only spend up — {@link RootCauseKind#SPEND_SURGE};</li>
 *   <li>anything else: {@link RootCauseKind#OTHER}.</li>
 * </ol>
 */
final class Kinds {

    private static final List<String> RATIOS = List.of(FeatureSchema.CTR, FeatureSchema.CPC, FeatureSchema.CVR,
            FeatureSchema.ACOS);

    private Kinds() {
    }

    /**
     * @param moves      log-changes by feature name
     * @param zero       whether every volume went to exactly zero
     * @param multi      whether the cause is a parent explaining several entities
     * @param budgetable whether the cause's chain holds a campaign or a portfolio
     */
    static RootCauseKind infer(Map<String, Double> moves, boolean zero, boolean multi, boolean budgetable) {
        if (zero && multi) {
            return RootCauseKind.REPORTING_OUTAGE;
        }
        String dom = dominant(moves);
        if (dom == null) {
            return RootCauseKind.OTHER;
        }
        double v = moves.get(dom);
        switch (dom) {
            case FeatureSchema.IMPRESSIONS:
                if (v < 0) {
                    double ratios = Math.max(abs(moves, FeatureSchema.CTR),
                            Math.max(abs(moves, FeatureSchema.CPC), abs(moves, FeatureSchema.CVR)));
                    return budgetable && ratios < 0.5 * Math.abs(v) && !zero
                            ? RootCauseKind.BUDGET_EXHAUSTION : RootCauseKind.IMPRESSION_LOSS;
                }
                return get(moves, FeatureSchema.SPEND) > 0 ? RootCauseKind.SPEND_SURGE : RootCauseKind.OTHER;
            case FeatureSchema.CPC:
                return v > 0 ? RootCauseKind.CPC_SPIKE : RootCauseKind.OTHER;
            case FeatureSchema.CTR:
                return v < 0 ? RootCauseKind.CTR_COLLAPSE : RootCauseKind.OTHER;
            case FeatureSchema.CVR:
                return v < 0 ? RootCauseKind.CONVERSION_DROP : RootCauseKind.OTHER;
            case FeatureSchema.SPEND:
                return v > 0 ? RootCauseKind.SPEND_SURGE : RootCauseKind.OTHER;
            default:
                return RootCauseKind.OTHER;
        }
    }

    /** @return the feature whose move leads (primary first, as {@link Direction}), or null when none moved */
    static String dominant(Map<String, Double> moves) {
        Direction d = Direction.of(moves);
        return d.isUnknown() ? null : d.feature();
    }

    /**
     * @return whether an anomaly's features say every volume went to exactly zero: with no impressions, clicks,
     *         spend, orders or sales, every shrunk ratio equals its baseline (a log-ratio of 0), while the volume
     *         features fall
     */
    static boolean zeroSignature(EntityAnomaly a) {
        Double imp = a.features().get(FeatureSchema.IMPRESSIONS);
        if (imp == null || !(imp < -Direction.MIN_PRIMARY)) {
            return false;
        }
        boolean anyRatio = false;
        for (String r : RATIOS) {
            Double v = a.features().get(r);
            if (v != null) {
                anyRatio = true;
                if (Math.abs(v) > 1e-9) {
                    return false;
                }
            }
        }
        Double spend = a.features().get(FeatureSchema.SPEND);
        return anyRatio && (spend == null || spend <= 0);
    }

    /** @return the level a kind of problem lives at, to pick among a chain of equivalent entities */
    static Event pick(RootCauseKind kind, List<Event> chain) {
        switch (kind) {
            case REPORTING_OUTAGE:
                return chain.get(0);
            case BUDGET_EXHAUSTION: {
                Event portfolio = null;
                for (Event e : chain) {
                    if (e.entity.type() == EntityType.CAMPAIGN) {
                        return e;
                    }
                    if (portfolio == null && e.entity.type() == EntityType.PORTFOLIO) {
                        portfolio = e;
                    }
                }
                return portfolio != null ? portfolio : chain.get(0);
            }
            case CONVERSION_DROP:
                for (Event e : chain) {
                    if (e.entity.type() == EntityType.AD_GROUP) {
                        return e;
                    }
                }
                return chain.get(chain.size() - 1);
            default:
                return chain.get(chain.size() - 1);
        }
    }

    /**
     * One line for a person, e.g. {@code campaign 'Shoes' lost 68% of impressions from 2026-03-14 (budget
     * exhaustion?), explaining 23 keyword alerts}.
     */
    static String summary(Entity entity, RootCauseKind kind, Map<String, Double> moves, LocalDateTime start,
                          Granularity g, List<EntityAnomaly> explained, EntityGraph graph, long lead,
                          Entity tracedFrom) {
        StringBuilder sb = new StringBuilder();
        sb.append(typeName(entity.type())).append(" '").append(entity.name()).append("' ");
        String from = " from " + g.format(start);
        switch (kind) {
            case BUDGET_EXHAUSTION -> sb.append("lost ").append(pct(moves, FeatureSchema.IMPRESSIONS))
                    .append(" of impressions").append(from).append(" (budget exhaustion?)");
            case IMPRESSION_LOSS -> sb.append("lost ").append(pct(moves, FeatureSchema.IMPRESSIONS))
                    .append(" of impressions").append(from);
            case REPORTING_OUTAGE -> sb.append("reported no activity at all").append(from)
                    .append(" (reporting outage?)");
            case CPC_SPIKE -> sb.append("CPC rose ").append(pct(moves, FeatureSchema.CPC)).append(from);
            case CTR_COLLAPSE -> sb.append("CTR fell ").append(pct(moves, FeatureSchema.CTR)).append(from);
            case CONVERSION_DROP -> sb.append("conversion rate fell ").append(pct(moves, FeatureSchema.CVR))
                    .append(from);
            case SPEND_SURGE -> sb.append("spend rose ").append(pct(moves, FeatureSchema.SPEND)).append(from);
            default -> {
                sb.append("was anomalous").append(from);
                String dom = dominant(moves);
                if (dom != null) {
                    double v = moves.get(dom);
                    sb.append(" (").append(dom).append(v > 0 ? " up " : " down ").append(pct(moves, dom)).append(')');
                }
            }
        }
        if (tracedFrom != null) {
            sb.append(", traced down from ").append(typeName(tracedFrom.type())).append(" '")
                    .append(tracedFrom.name()).append('\'');
        }
        boolean onlySelf = explained.size() == 1 && explained.get(0).entityId().equals(entity.id());
        if (!explained.isEmpty() && !onlySelf) {
            sb.append(", explaining ").append(explained.size()).append(' ');
            EntityType common = null;
            boolean mixed = false;
            for (EntityAnomaly a : explained) {
                EntityType t = graph.get(a.entityId()).type();
                mixed |= common != null && common != t;
                common = t;
            }
            if (!mixed && common != null) {
                sb.append(typeName(common)).append(' ');
            }
            sb.append(explained.size() == 1 ? "alert" : "alerts");
        }
        if (lead >= 1) {
            sb.append(", ").append(lead).append(' ').append(Periods.unit(g, lead)).append(" ahead");
        }
        return sb.toString();
    }

    static String typeName(EntityType t) {
        return t.wireName().replace('_', ' ');
    }

    private static String pct(Map<String, Double> moves, String feature) {
        double v = get(moves, feature);
        double p = Math.abs(Math.expm1(v)) * 100;
        return String.format(Locale.ROOT, "%.0f%%", p);
    }

    private static double get(Map<String, Double> moves, String f) {
        Double v = moves.get(f);
        return v == null ? 0.0 : v;
    }

    private static double abs(Map<String, Double> moves, String f) {
        return Math.abs(get(moves, f));
    }
}
