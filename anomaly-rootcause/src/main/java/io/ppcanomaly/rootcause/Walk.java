package io.ppcanomaly.rootcause;

import io.ppcanomaly.api.EntityAnomaly;
import io.ppcanomaly.api.RootCauseInput;
import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One analysis: checks the input, then walks the hierarchy bottom-up, level by level, from the anomalous
 * entities to their ancestors, deciding at each parent whether its children's problems are its own.
 *
 * <p>Each entity is visited once, after all its descendants. At a parent, the events arriving from below
 * (its children's, and deeper ones forwarded across non-anomalous levels, up to {@code hops} levels) are
 * clustered by direction and time. A cluster becomes the parent's problem when more than {@code siblingRatio}
 * of the siblings are in it, when the metrics show the parent's other children moved the same way, or when the
 * cluster is the whole parent's activity; an observed parent anomaly of the same direction takes the cluster
 * if it is widespread or starts earlier, and is otherwise only an effect of its children. What no parent
 * takes is forwarded one level up, until the hop budget runs out. Work is linear in the anomalies times
 * {@code hops}, plus the metrics read for the decompositions. Not thread-safe; one instance per call.
 */
final class Walk {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Walk.class);

    private final HierarchyConfig cfg;
    private final EntityGraph graph;
    private final List<EntityAnomaly> anomalies;
    final Granularity granularity;
    /** Metric sums over the spans the analysis asks about; {@code null} when the input has no metrics. */
    final SnapshotCache snapshots;
    private final Evidence evidence;
    private final Map<String, Node> nodes = new HashMap<>();
    private final List<List<Node>> levels = new ArrayList<>();
    private final List<Event> own = new ArrayList<>();
    /** The entity of each anomaly, resolved once. */
    private final Entity[] entities;

    private static final class Node {
        final Entity entity;
        final List<Event> observed = new ArrayList<>();
        final List<Arrival> arrivals = new ArrayList<>();

        Node(Entity entity) {
            this.entity = entity;
        }
    }

    /**
     * Validates the input ({@link InputCheck}) and prepares the metric caches.
     *
     * @throws IllegalArgumentException naming the entity and the period of a bad anomaly
     */
    Walk(HierarchyConfig cfg, RootCauseInput input) {
        this.cfg = cfg;
        this.graph = input.graph();
        this.anomalies = input.anomalies();
        InputCheck check = new InputCheck(input);
        this.granularity = check.granularity;
        this.entities = check.entities;
        Map<String, MetricSeries> metrics = input.metrics();
        int season = cfg.seasonFor(granularity);
        // Every snapshot starts at some anomaly's start and covers at most one season, with its forecast at most
        // `seasons` seasons before: that is the window of periods this call can read.
        this.snapshots = metrics.isEmpty() ? null : new SnapshotCache(graph, metrics, granularity, season,
                cfg.seasons(), check.dataStart, check.firstStart - (long) cfg.seasons() * season,
                check.lastStart + season - 1);
        this.evidence = new Evidence(cfg, graph, metrics, snapshots);
    }

    /** @return the root events: problems no ancestor takes, each with the events it explains below it */
    List<Event> run() {
        int maxLevel = 0;
        for (EntityType t : EntityType.values()) {
            maxLevel = Math.max(maxLevel, t.level());
        }
        for (int i = 0; i <= maxLevel; i++) {
            levels.add(new ArrayList<>());
        }
        for (int i = 0; i < anomalies.size(); i++) {
            EntityAnomaly a = anomalies.get(i);
            Entity e = entities[i];
            long s = Periods.index(granularity, a.start());
            long t = Periods.index(granularity, a.end());
            Direction d = Direction.of(a.features());
            node(e).observed.add(new Event(e, d, Direction.signature(a.features(), d), s, t, a.start(), a,
                    a.score()));
        }
        for (int level = maxLevel; level >= 0; level--) {
            List<Node> bucket = levels.get(level);
            // Visit order must not depend on the input order, so equal input in any order gives equal causes.
            bucket.sort(Comparator.comparing(n -> n.entity.id()));
            for (Node n : bucket) {
                process(n);
            }
        }
        List<Event> roots = new ArrayList<>();
        for (Event e : own) {
            if (e.claimer == null) {
                roots.add(e);
            }
        }
        return roots;
    }

    private Node node(Entity e) {
        Node n = nodes.get(e.id());
        if (n == null) {
            n = new Node(e);
            nodes.put(e.id(), n);
            levels.get(e.type().level()).add(n);
        }
        return n;
    }

    private void process(Node p) {
        List<Event> observed = p.observed;
        observed.sort(Comparator.comparingLong((Event e) -> e.start).thenComparing(e -> -e.score)
                .thenComparingLong(e -> e.end));
        Entity parent = p.entity.parentId() == null ? null : graph.get(p.entity.parentId());
        List<Event> mine = new ArrayList<>();
        Set<Event> claiming = new HashSet<>();
        if (!p.arrivals.isEmpty()) {
            judge(p, parent, observed, claiming, mine);
        }
        for (Event o : observed) {
            if (claiming.contains(o) || o.effectCandidate == null) {
                mine.add(o);
            } else {
                o.effectOf = o.effectCandidate;
                o.effectCandidate.effects.add(o);
            }
        }
        own.addAll(mine);
        if (parent != null) {
            Node up = node(parent);
            for (Event e : mine) {
                up.arrivals.add(new Arrival(e, p.entity, 1));
            }
        }
    }

    /**
     * Decides, for every cluster arriving at parent {@code p}, whether it is the parent's problem. First pass, largest
     * cluster first: a widespread cluster (with the strays from other clusters that also moved its way) becomes
     * the parent's — taken by a matching observed parent anomaly, joined to a problem already found at the same
     * time, or promoted. Second pass: what is left joins a problem of the parent at the same time when the
     * parent, without those children, also moved their way; otherwise an observed parent anomaly that leads it
     * takes it, a simultaneous one becomes its effect, and the rest is forwarded up.
     */
    private void judge(Node p, Entity parent, List<Event> observed, Set<Event> claiming, List<Event> mine) {
        int n = graph.children(p.entity.id()).size();
        List<Cluster> clusters = cluster(p.arrivals);
        // Largest first, so a widespread problem gathers the strays that also moved its way before their own
        // (smaller) clusters are judged.
        clusters.sort(Comparator.comparingInt((Cluster c) -> -c.directVias())
                .thenComparingInt(c -> -c.arrivals.size()).thenComparingLong(c -> c.start)
                .thenComparing(c -> c.dir.key()));
        Set<Arrival> taken = new HashSet<>();
        List<Event> broadHere = new ArrayList<>();
        List<Cluster> pending = new ArrayList<>();
        for (Cluster c : clusters) {
            Cluster own = new Cluster(c.dir);
            for (Arrival a : c.arrivals) {
                if (!taken.contains(a)) {
                    own.add(a);
                }
            }
            if (own.arrivals.isEmpty()) {
                continue;
            }
            Cluster full = new Cluster(c.dir);
            own.arrivals.forEach(full::add);
            for (Cluster d : clusters) {
                if (d == c) {
                    continue;
                }
                for (Arrival a : d.arrivals) {
                    if (!taken.contains(a) && !a.event().dir.equals(c.dir) && a.event().signature.contains(c.dir)
                            && a.event().overlaps(c.start, c.end, cfg.leadTolerance())) {
                        full.add(a);
                    }
                }
            }
            Verdict v = verdict(p, full, n);
            if (!v.broad) {
                pending.add(own);
                taken.addAll(own.arrivals);
                continue;
            }
            taken.addAll(full.arrivals);
            Event o = match(observed, full);
            if (o != null) {
                if (claim(o, full, o.start, p, parent) > 0) {
                    o.broad = true;
                    o.dirs.add(full.dir);
                    o.groupRatio = Math.max(o.groupRatio, v.ratio);
                    o.strength = Math.max(o.strength, v.strength);
                    claiming.add(o);
                    broadHere.add(o);
                } else if (o.effectCandidate == null) {
                    // Every child started first: the parent moved because they did.
                    o.effectCandidate = full.top();
                }
                continue;
            }
            // One entity, one time, one problem: a second widespread move at the same parent and time joins the
            // first rather than doubling it.
            Event same = null;
            for (Event x : broadHere) {
                if (x.overlaps(full.start, full.end, cfg.leadTolerance())) {
                    same = x;
                    break;
                }
            }
            if (same != null && claim(same, full, same.start, p, parent) > 0) {
                same.dirs.add(full.dir);
                same.groupRatio = Math.max(same.groupRatio, v.ratio);
                same.strength = Math.max(same.strength, v.strength);
                continue;
            }
            long cStart = full.robustStart();
            Arrival first = full.startMember();
            Event pr = new Event(p.entity, full.dir, List.of(full.dir), cStart, full.end, first.event().startTime,
                    null, full.meanScore());
            claim(pr, full, cStart, p, parent);
            pr.broad = true;
            pr.passThrough = v.passThrough;
            pr.groupRatio = v.ratio;
            pr.strength = v.strength;
            mine.add(pr);
            broadHere.add(pr);
        }
        if (snapshots != null && n > 1 && !pending.isEmpty()) {
            parentWidePass(p, parent, n, pending, broadHere, mine);
        }
        for (Cluster own : pending) {
            if (own.arrivals.isEmpty()) {
                continue;
            }
            Event x = null;
            for (Event b : broadHere) {
                if (b.overlaps(own.start, own.end, cfg.leadTolerance()) && evidence.alsoMoved(b, own)) {
                    x = b;
                    break;
                }
            }
            if (x != null && claim(x, own, x.start, p, parent) > 0) {
                x.dirs.add(own.dir);
                continue;
            }
            Event o = match(observed, own);
            if (o != null && own.robustStart() - o.start >= 1) {
                if (claim(o, own, o.start, p, parent) > 0) {
                    o.broad = true;
                    o.dirs.add(own.dir);
                    // An earlier start alone is weaker evidence than a widespread cluster: half strength.
                    o.strength = Math.max(o.strength, 0.5);
                    claiming.add(o);
                } else if (o.effectCandidate == null) {
                    o.effectCandidate = own.top();
                }
                continue;
            }
            if (o != null && o.effectCandidate == null) {
                o.effectCandidate = own.top();
            }
            forward(own.arrivals, p.entity, parent);
        }
    }

    /**
     * Leftover clusters overlapping in time, together covering more than {@code siblingRatio} of the children,
     * become one parent problem when {@link #parentWide} says the parent's own aggregate moved across its
     * children. Their arrivals are then claimed and removed from {@code pending}.
     */
    private void parentWidePass(Node p, Entity parent, int n, List<Cluster> pending, List<Event> broadHere,
                                List<Event> mine) {
        List<Cluster> sorted = new ArrayList<>(pending);
        sorted.sort(Comparator.comparingLong((Cluster c) -> c.start).thenComparing(c -> c.dir.key()));
        int i = 0;
        while (i < sorted.size()) {
            List<Cluster> group = new ArrayList<>();
            long gs = sorted.get(i).start;
            long ge = sorted.get(i).end;
            while (i < sorted.size() && sorted.get(i).start <= ge + cfg.leadTolerance()) {
                group.add(sorted.get(i));
                ge = Math.max(ge, sorted.get(i).end);
                i++;
            }
            Cluster all = new Cluster(Direction.UNKNOWN);
            for (Cluster c : group) {
                c.arrivals.forEach(all::add);
            }
            int affected = all.directVias();
            double ratio = affected > 0 ? (affected - 1) / (double) (n - 1) : 0.0;
            if (ratio <= cfg.siblingRatio()) {
                continue;
            }
            long start = all.robustStart();
            boolean covered = false;
            for (Event b : broadHere) {
                covered |= b.overlaps(gs, ge, cfg.leadTolerance());
            }
            Direction d = covered ? null : evidence.parentWide(p.entity, start, ge);
            if (d == null) {
                continue;
            }
            Arrival first = all.startMember();
            Event pr = new Event(p.entity, d, List.of(d), start, ge, first.event().startTime, null, all.meanScore());
            claim(pr, all, start, p, parent);
            for (Cluster c : group) {
                pr.dirs.add(c.dir);
                c.arrivals.clear();
            }
            pr.broad = true;
            pr.groupRatio = ratio;
            pr.strength = ratio;
            mine.add(pr);
            broadHere.add(pr);
        }
    }

    /** How a cluster stands at a parent. */
    private record Verdict(boolean broad, boolean passThrough, double ratio, double strength) {
    }

    private Verdict verdict(Node p, Cluster full, int n) {
        int affected = full.directVias();
        // Only the parent's own children count: a deeper problem forwarded through a child does not make the
        // child anomalous.
        double ratio = n > 1 && affected > 0 ? (affected - 1) / (double) (n - 1) : 0.0;
        boolean broadMember = false;
        double memberStrength = 0;
        for (Arrival a : full.arrivals) {
            if (a.hops() == 1) {
                a.event().siblingRatio = ratio;
                if (a.event().broad) {
                    broadMember = true;
                    memberStrength = Math.max(memberStrength, a.event().strength);
                }
            }
        }
        boolean widespread = n > 1 && ratio > cfg.siblingRatio();
        double strength = widespread ? ratio : 0.0;
        boolean passThrough = false;
        Evidence.Spread sp = null;
        if (!widespread) {
            if (n == 1) {
                passThrough = broadMember;
            } else if (snapshots != null && affected > 0) {
                // Only the parent's own children's problems are decomposed here: a keyword whose ad group did
                // not share its move cannot have a campaign that did.
                sp = evidence.spread(p.entity, p.arrivals, full);
                if (sp != null && sp.spread()) {
                    widespread = true;
                    strength = Math.max(ratio, sp.score());
                } else if (sp != null && sp.negligible()) {
                    passThrough = broadMember;
                }
            }
        }
        if (passThrough) {
            strength = memberStrength;
        }
        boolean broad = widespread || passThrough;
        if (LOG.isTraceEnabled()) {
            LOG.trace("{} {} [{}, {}]: {} events, {} of {} children, ratio {}, spread {}, pass-through {} -> {}",
                    p.entity.id(), full.dir, full.start, full.end, full.arrivals.size(), affected, n, ratio, sp,
                    passThrough, broad ? "parent's" : "not parent's");
        }
        return new Verdict(broad, passThrough, ratio, strength);
    }

    /** @return how many arrivals the claimer took; the others started before it and are forwarded */
    private int claim(Event claimer, Cluster c, long from, Node p, Entity parent) {
        List<Arrival> early = new ArrayList<>();
        int taken = 0;
        for (Arrival a : c.arrivals) {
            if (a.event().start >= from - cfg.leadTolerance()) {
                claimer.members.add(a.event());
                a.event().claimer = claimer;
                taken++;
            } else {
                // Started before this cause: by temporal precedence it cannot be its effect.
                early.add(a);
            }
        }
        forward(early, p.entity, parent);
        return taken;
    }

    private void forward(List<Arrival> arrivals, Entity via, Entity parent) {
        if (parent == null) {
            return;
        }
        Node up = null;
        for (Arrival a : arrivals) {
            if (a.hops() < cfg.hops()) {
                if (up == null) {
                    up = node(parent);
                }
                up.arrivals.add(new Arrival(a.event(), via, a.hops() + 1));
            }
        }
    }

    /**
     * Groups arrivals by direction, then into runs that share periods (a problem that ends the day before
     * another starts is another problem); unknown directions join the largest run they overlap.
     */
    private List<Cluster> cluster(List<Arrival> arrivals) {
        List<Arrival> known = new ArrayList<>();
        List<Arrival> unknown = new ArrayList<>();
        for (Arrival a : arrivals) {
            (a.event().dir.isUnknown() ? unknown : known).add(a);
        }
        Comparator<Arrival> byTime = Comparator.comparingLong((Arrival a) -> a.event().start)
                .thenComparingLong(a -> a.event().end).thenComparing(a -> a.event().entity.id());
        known.sort(Comparator.comparing((Arrival a) -> a.event().dir.key()).thenComparing(byTime));
        List<Cluster> out = new ArrayList<>();
        sweep(known, out);
        unknown.sort(byTime);
        List<Arrival> rest = new ArrayList<>();
        for (Arrival a : unknown) {
            Cluster best = null;
            for (Cluster c : out) {
                if (a.event().overlaps(c.start, c.end, cfg.leadTolerance())
                        && (best == null || c.arrivals.size() > best.arrivals.size())) {
                    best = c;
                }
            }
            if (best != null) {
                best.add(a);
            } else {
                rest.add(a);
            }
        }
        sweep(rest, out);
        out.sort(Comparator.comparingLong((Cluster c) -> c.start).thenComparing(c -> c.dir.key()));
        return out;
    }

    private void sweep(List<Arrival> sorted, List<Cluster> out) {
        Cluster cur = null;
        for (Arrival a : sorted) {
            if (cur == null || !cur.dir.equals(a.event().dir)
                    || a.event().start > cur.end + cfg.leadTolerance()) {
                cur = new Cluster(a.event().dir);
                out.add(cur);
            }
            cur.add(a);
        }
    }

    private Event match(List<Event> observed, Cluster c) {
        Event best = null;
        for (Event o : observed) {
            if (o.dir.compatible(c.dir) && o.overlaps(c.start, c.end, cfg.leadTolerance() + 1)
                    && (best == null || o.score > best.score)) {
                best = o;
            }
        }
        return best;
    }

}
