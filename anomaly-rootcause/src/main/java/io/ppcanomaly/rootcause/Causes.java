package io.ppcanomaly.rootcause;

import io.ppcanomaly.api.EntityAnomaly;
import io.ppcanomaly.api.RootCause;
import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.MetricField;
import io.ppcanomaly.rootcause.decompose.Adtributor;
import io.ppcanomaly.rootcause.decompose.Signal;
import io.ppcanomaly.rootcause.decompose.Snapshot;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the walk's root events into {@link RootCause}s: picks the entity (along a chain of equivalent parents,
 * or by drilling a childless parent anomaly down), infers the kind, and computes confidence, lead, contributions
 * and the summary. Confined to one call.
 *
 * <h2>Confidence</h2>
 * The product of five factors, each in [0, 1]:
 * <ul>
 *   <li>evidence: {@code 1 − Π(1 − ½·score)} over the explained anomalies — one alert alone is at most half
 *       the story, many agreeing alerts approach certainty;</li>
 *   <li>structure: for a cause that takes its children's problems, {@code ½ + ½·strength} (the same-direction
 *       share of its children, or how fully its unflagged children share the move); for a cause that explains
 *       only itself, {@code 1 − ½·min(1, siblingRatio / threshold)} — an isolated anomaly is well localised,
 *       one whose siblings are half-way to widespread is not;</li>
 *   <li>timing: 1 when the cause leads its effects by at least one period, 0.9 when simultaneous;</li>
 *   <li>clarity: 0.8 for {@link RootCauseKind#OTHER}, else 1;</li>
 *   <li>agreement: {@code ½ + ½·share} of the explained anomalies whose signature shares one of the cause's
 *       directions.</li>
 * </ul>
 * It ranks causes and filters them; it is not a calibrated probability.
 */
final class Causes {

    private final HierarchyConfig cfg;
    private final EntityGraph graph;
    private final Walk walk;

    Causes(HierarchyConfig cfg, EntityGraph graph, Walk walk) {
        this.cfg = cfg;
        this.graph = graph;
        this.walk = walk;
    }

    /** @return the described causes, most confident first, filtered and capped by the config */
    List<RootCause> describe(List<Event> roots) {
        List<Scored> scored = new ArrayList<>(roots.size());
        for (Event r : roots) {
            Scored sc = score(r);
            if (sc.confidence >= cfg.minConfidence()) {
                scored.add(sc);
            }
        }
        scored.sort(Comparator.comparingDouble((Scored c) -> -c.confidence)
                .thenComparingInt(c -> -c.explained.size())
                .thenComparing(c -> c.start)
                .thenComparing(c -> c.entity.id()));
        // Only the causes returned are rendered: summaries and contributions of ten thousand scattered keyword
        // alerts would cost more than the walk that found them.
        int n = Math.min(cfg.maxCauses(), scored.size());
        List<RootCause> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(render(scored.get(i)));
        }
        return List.copyOf(out);
    }

    /** A root event with its entity, kind and confidence decided, not yet rendered. */
    private record Scored(Event root, Event chosen, Entity entity, RootCauseKind kind, Map<String, Double> moves,
                          double confidence, List<EntityAnomaly> explained, long lead, LocalDateTime start,
                          Drill drill, Signal sig) {
    }

    private Scored score(Event r) {
        List<EntityAnomaly> explained = new ArrayList<>();
        r.collectExplained(explained);
        boolean multi = !r.members.isEmpty();
        List<Event> chain = chain(r);
        boolean budgetable = false;
        for (Event e : chain) {
            budgetable |= e.entity.type() == EntityType.CAMPAIGN || e.entity.type() == EntityType.PORTFOLIO;
        }
        Signal sig = r.dir.isUnknown() ? null : Signal.forFeature(r.dir.feature());
        Drill drill = multi ? null : drill(r, sig);
        Entity entity = drill != null ? drill.entity : r.entity;
        boolean leafLike = graph.children(entity.id()).isEmpty();

        Map<String, Double> moves = null;
        boolean zero = false;
        if (walk.snapshots != null) {
            Snapshot s = snapshot(entity, r);
            if (s != null && (s.forecast(MetricField.IMPRESSIONS) > 0
                    || s.forecast(MetricField.SPEND) > 0)) {
                moves = moves(s);
                Snapshot first = walk.snapshots.snapshot(entity, r.start, r.start);
                zero = first != null && first.actualIsZero();
            }
        }
        if (moves == null && r.anomaly != null && drill == null && !r.anomaly.features().isEmpty()) {
            moves = r.anomaly.features();
            zero = Kinds.zeroSignature(r.anomaly);
        }
        if (moves == null) {
            moves = meanFeatures(explained);
            int zeros = 0;
            for (EntityAnomaly a : explained) {
                zeros += Kinds.zeroSignature(a) ? 1 : 0;
            }
            zero = !explained.isEmpty() && zeros * 2 >= explained.size();
        }
        RootCauseKind kind = Kinds.infer(moves, zero, multi && !leafLike, budgetable);
        Event chosen = drill != null ? r : Kinds.pick(kind, chain);
        if (drill == null) {
            entity = chosen.entity;
        }

        long firstEffect = Long.MAX_VALUE;
        int agreeing = 0;
        for (EntityAnomaly a : explained) {
            if (a != chosen.anomaly) {
                firstEffect = Math.min(firstEffect, Periods.index(walk.granularity, a.start()));
            }
            agreeing += agrees(a, chosen) || agrees(a, r) ? 1 : 0;
        }
        long lead = firstEffect == Long.MAX_VALUE ? 0 : Math.max(0, firstEffect - chosen.start);

        double evidence = 1;
        for (EntityAnomaly a : explained) {
            evidence *= 1 - 0.5 * a.score();
        }
        evidence = 1 - evidence;
        double structure;
        if (drill != null) {
            structure = 0.5 + 0.5 * clamp01(drill.power);
        } else if (chosen.broad) {
            structure = 0.5 + 0.5 * clamp01(chosen.strength);
        } else {
            double theta = cfg.siblingRatio();
            double rel = theta > 0 ? chosen.siblingRatio / theta : (chosen.siblingRatio > 0 ? 1 : 0);
            structure = 1 - 0.5 * clamp01(rel);
        }
        double timing = lead >= 1 ? 1.0 : 0.9;
        double clarity = kind == RootCauseKind.OTHER ? 0.8 : 1.0;
        double agreement = explained.isEmpty() ? 1.0 : agreeing / (double) explained.size();
        double confidence = clamp01(evidence * structure * timing * clarity * (0.5 + 0.5 * agreement));
        return new Scored(r, chosen, entity, kind, moves, confidence, explained, lead, chosen.startTime, drill, sig);
    }

    private RootCause render(Scored c) {
        List<EntityAnomaly> explained = new ArrayList<>(c.explained);
        explained.sort(Comparator.comparing(EntityAnomaly::start).thenComparing(EntityAnomaly::entityId)
                .thenComparing(EntityAnomaly::end));
        Event chosen = c.chosen;
        double siblingRatio = c.drill != null ? 0.0 : (chosen.broad ? chosen.groupRatio : chosen.siblingRatio);
        Map<String, Double> contributions = c.drill != null ? c.drill.contributions
                : contributions(chosen, c.sig, explained);
        String summary = Kinds.summary(c.entity, c.kind, c.moves, c.start, walk.granularity, explained, graph, c.lead,
                c.drill != null ? c.root.entity : null);
        return new RootCause(c.entity, c.kind, c.confidence, c.start, summary, explained, c.lead,
                clamp01(siblingRatio), contributions);
    }

    /** @return whether an anomaly moved one of the ways the cause took (any way, when either is unknown) */
    private static boolean agrees(EntityAnomaly a, Event cause) {
        Direction d = Direction.of(a.features());
        if (d.isUnknown()) {
            return true;
        }
        for (Direction s : Direction.signature(a.features(), d)) {
            for (Direction c : cause.dirs) {
                if (c.compatible(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return the root and the equivalent parents below it: each passes up the single problem of its only child */
    private static List<Event> chain(Event r) {
        List<Event> chain = new ArrayList<>();
        chain.add(r);
        Event x = r;
        while (x.passThrough) {
            Event next = null;
            for (Event m : x.members) {
                if (m.broad && (next == null || m.members.size() > next.members.size())) {
                    next = m;
                }
            }
            if (next == null) {
                break;
            }
            chain.add(next);
            x = next;
        }
        return chain;
    }

    private Snapshot snapshot(Entity e, Event r) {
        return walk.snapshots.snapshot(e, r.start, r.end);
    }

    /**
     * @return the log-change of each featured signal over the cause's span, with moves inside three standard
     *         errors of counting noise set to 0 — a keyword's CPC tripling over 45 clicks outweighs its
     *         conversion rate halving over an expected 4 orders
     */
    private static Map<String, Double> moves(Snapshot s) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Signal sig : new Signal[] {Signal.CTR, Signal.CPC, Signal.ACOS, Signal.CVR, Signal.IMPRESSIONS,
                Signal.SPEND}) {
            double v = sig.logChange(s);
            m.put(sig.feature(), Math.abs(v) >= Evidence.NOISE_Z * sig.noise(s) ? v : 0.0);
        }
        return m;
    }

    /** @return the score-weighted mean of each feature over the anomalies that carry it */
    private static Map<String, Double> meanFeatures(List<EntityAnomaly> anomalies) {
        Map<String, double[]> acc = new TreeMap<>();
        for (EntityAnomaly a : anomalies) {
            double w = Math.max(a.score(), 1e-3);
            for (Map.Entry<String, Double> f : a.features().entrySet()) {
                double[] s = acc.computeIfAbsent(f.getKey(), k -> new double[2]);
                s[0] += w * f.getValue();
                s[1] += w;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        acc.forEach((k, v) -> out.put(k, v[0] / v[1]));
        return out;
    }

    /**
     * Evidence of a cause: for a parent, each explained child's Adtributor explanatory power of the parent's move
     * (or, without metrics, its share of the explained anomalies); for a single anomaly, each feature's share of
     * its score (from an explainer) or of its movement; and, with metrics, a ratio KPI's move split into its
     * numerator's and denominator's.
     */
    private Map<String, Double> contributions(Event r, Signal sig, List<EntityAnomaly> explained) {
        Map<String, Double> raw = new HashMap<>();
        Snapshot total = walk.snapshots == null ? null : snapshot(r.entity, r);
        if (!r.members.isEmpty()) {
            Map<String, Event> byEntity = new LinkedHashMap<>();
            for (Event m : r.members) {
                byEntity.putIfAbsent(m.entity.id(), m);
            }
            if (total != null && sig != null) {
                for (Event m : byEntity.values()) {
                    Snapshot ms = snapshot(m.entity, r);
                    if (ms != null) {
                        raw.put(m.entity.id(), sig.explanatoryPower(ms, total));
                    }
                }
            } else {
                Map<String, Integer> counts = new HashMap<>();
                for (Event m : r.members) {
                    List<EntityAnomaly> under = new ArrayList<>();
                    m.collectExplained(under);
                    counts.merge(m.entity.id(), under.size(), Integer::sum);
                }
                counts.forEach((k, v) -> raw.put(k, v / (double) explained.size()));
            }
        } else if (r.anomaly != null) {
            Map<String, Double> src = r.anomaly.contributions().isEmpty() ? r.anomaly.features()
                    : r.anomaly.contributions();
            double sum = 0;
            for (double v : src.values()) {
                sum += Math.abs(v);
            }
            if (sum > 0) {
                for (Map.Entry<String, Double> e : src.entrySet()) {
                    raw.put("feature:" + e.getKey(), Math.abs(e.getValue()) / sum);
                }
            }
        }
        Map<String, Double> out = top(raw, cfg.maxContributions());
        if (total != null && sig != null && sig.isRatio()) {
            double move = sig.logChange(total);
            Signal num = additive(sig.numerator());
            Signal den = additive(sig.denominator());
            if (move != 0 && num != null && den != null) {
                out.put("metric:" + sig.numerator().wireName(), finite(num.logChange(total) / move));
                out.put("metric:" + sig.denominator().wireName(), finite(-den.logChange(total) / move));
            }
        }
        return out;
    }

    private static Signal additive(MetricField f) {
        for (Signal s : Signal.values()) {
            if (!s.isRatio() && s.numerator() == f) {
                return s;
            }
        }
        return null;
    }

    private static Map<String, Double> top(Map<String, Double> raw, int n) {
        List<Map.Entry<String, Double>> entries = new ArrayList<>(raw.entrySet());
        entries.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -Math.abs(e.getValue()))
                .thenComparing(Map.Entry::getKey));
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(n, entries.size()); i++) {
            out.put(entries.get(i).getKey(), finite(entries.get(i).getValue()));
        }
        return out;
    }

    private record Drill(Entity entity, double power, Map<String, Double> contributions) {
    }

    /**
     * Traces a parent anomaly with no anomalous children down to the one child that explains its move: at each
     * level Adtributor's explaining set over the children, followed while it is a single child moving the same
     * way, for at most {@code hops} levels.
     *
     * @return where it leads, or {@code null} when it does not leave the parent
     */
    private Drill drill(Event r, Signal sig) {
        if (!cfg.drillDown() || walk.snapshots == null || sig == null || r.anomaly == null
                || graph.children(r.entity.id()).isEmpty()) {
            return null;
        }
        Entity cur = r.entity;
        double power = 0;
        Map<String, Double> contributions = null;
        for (int hop = 0; hop < cfg.hops(); hop++) {
            List<Entity> kids = graph.children(cur.id());
            Snapshot total = kids.isEmpty() ? null : snapshot(cur, r);
            if (total == null) {
                break;
            }
            double[] ep = new double[kids.size()];
            double[] surprise = new double[kids.size()];
            Snapshot[] snaps = new Snapshot[kids.size()];
            Map<String, Double> raw = new HashMap<>();
            for (int i = 0; i < kids.size(); i++) {
                snaps[i] = snapshot(kids.get(i), r);
                ep[i] = sig.explanatoryPower(snaps[i], total);
                surprise[i] = sig.surprise(snaps[i], total);
                raw.put(kids.get(i).id(), ep[i]);
            }
            int[] set = Adtributor.explainingSet(ep, surprise, Adtributor.DEFAULT_MIN_ELEMENT_POWER,
                    Adtributor.DEFAULT_MIN_SET_POWER);
            if (contributions == null) {
                contributions = top(raw, cfg.maxContributions());
            }
            if (set.length != 1 || Math.signum(sig.logChange(snaps[set[0]])) != r.dir.sign()) {
                break;
            }
            cur = kids.get(set[0]);
            power = ep[set[0]];
        }
        return cur == r.entity ? null : new Drill(cur, power, contributions);
    }

    private static double clamp01(double v) {
        return v != v ? 0 : Math.max(0, Math.min(1, v));
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0.0;
    }
}
