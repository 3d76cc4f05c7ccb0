package io.ppcanomaly.rootcause;

import io.ppcanomaly.api.EntityAnomaly;
import io.ppcanomaly.api.RootCauseInput;
import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.rootcause.decompose.Adtributor;
import io.ppcanomaly.rootcause.decompose.Signal;
import io.ppcanomaly.rootcause.decompose.Snapshot;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One analysis: validates the input, then walks the hierarchy bottom-up, level by level, from the anomalous
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

    /** A promoted problem starts at this quantile of its members' starts, so one early stray cannot lead it. */
    private static final double START_QUANTILE = 0.1;
    /** Unflagged children holding less than this share of the parent's baseline cannot show a spread. */
    static final double NEGLIGIBLE_SHARE = 0.05;
    /** Parents with more children than this are screened on a sample before an exact decomposition. */
    static final int SCREEN_CHILDREN = 32;
    /** Children in the screening sample. */
    static final int SCREEN_SAMPLE = 16;
    /** A move must exceed this many standard errors of counting noise to count. */
    static final double NOISE_Z = 3.0;

    private final HierarchyConfig cfg;
    private final EntityGraph graph;
    private final List<EntityAnomaly> anomalies;
    private final Map<String, MetricSeries> metrics;
    final Granularity granularity;
    /** Metric sums over the spans the analysis asks about; {@code null} when the input has no metrics. */
    final SnapshotCache snapshots;
    private final Map<String, Node> nodes = new HashMap<>();
    private final List<List<Node>> levels = new ArrayList<>();
    private final List<Event> own = new ArrayList<>();
    private final Map<String, long[]> ranges = new HashMap<>();
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

    /** An event reaching an ancestor: through which child of it, and how many levels above the event. */
    private record Arrival(Event event, Entity via, int hops) {
    }

    private static final class Cluster {
        final Direction dir;
        final List<Arrival> arrivals = new ArrayList<>();
        final Set<String> vias = new HashSet<>();
        final Set<String> directVias = new HashSet<>();
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;

        Cluster(Direction dir) {
            this.dir = dir;
        }

        /** @return the number of the parent's children that are themselves anomalous in this cluster */
        int directVias() {
            return directVias.size();
        }

        void add(Arrival a) {
            arrivals.add(a);
            vias.add(a.via.id());
            if (a.hops == 1) {
                directVias.add(a.via.id());
            }
            start = Math.min(start, a.event.start);
            end = Math.max(end, a.event.end);
        }
    }

    /** The metric evidence at a parent: did its unflagged children move too, or do they hardly exist. */
    private record Spread(boolean spread, boolean negligible, double score, double moveTotal, double moveRest,
                          double restShare) {
    }

    /**
     * Validates the input: every anomaly's entity is in the graph, its periods are whole periods of the
     * metrics' granularity and lie in the range of its metrics (its own series, or its descendants' when it has
     * none).
     *
     * @throws IllegalArgumentException naming the entity and the period
     */
    Walk(HierarchyConfig cfg, RootCauseInput input) {
        this.cfg = cfg;
        this.graph = input.graph();
        this.anomalies = input.anomalies();
        this.metrics = input.metrics();
        this.granularity = metrics.isEmpty() ? inferGranularity(anomalies)
                : metrics.values().iterator().next().granularity();
        long dataStart = Long.MAX_VALUE;
        this.entities = new Entity[anomalies.size()];
        for (int i = 0; i < anomalies.size(); i++) {
            EntityAnomaly a = anomalies.get(i);
            try {
                entities[i] = graph.get(a.entityId());
            } catch (IllegalArgumentException absent) {
                throw new IllegalArgumentException("entity of anomaly " + i + " must be in the graph, got '"
                        + a.entityId() + "'");
            }
            checkAligned(a, "start", a.start());
            checkAligned(a, "end", a.end());
            if (metrics.isEmpty()) {
                continue;
            }
            long[] range = range(entities[i]);
            if (range == null) {
                continue;
            }
            checkInRange(a, "start", a.start(), range);
            checkInRange(a, "end", a.end(), range);
            dataStart = Math.min(dataStart, range[0]);
        }
        long firstStart = Long.MAX_VALUE;
        long lastStart = Long.MIN_VALUE;
        for (EntityAnomaly a : anomalies) {
            long t = Periods.index(granularity, a.start());
            firstStart = Math.min(firstStart, t);
            lastStart = Math.max(lastStart, t);
        }
        int season = cfg.seasonFor(granularity);
        // Every snapshot starts at some anomaly's start and covers at most one season, with its forecast at most
        // `seasons` seasons before: that is the window of periods this call can read.
        this.snapshots = metrics.isEmpty() ? null : new SnapshotCache(graph, metrics, granularity, season,
                cfg.seasons(), dataStart == Long.MAX_VALUE ? Long.MIN_VALUE : dataStart,
                firstStart - (long) cfg.seasons() * season, lastStart + season - 1);
    }

    private static Granularity inferGranularity(List<EntityAnomaly> anomalies) {
        for (EntityAnomaly a : anomalies) {
            if (!Granularity.DAY.isAligned(a.start()) || !Granularity.DAY.isAligned(a.end())) {
                return Granularity.HOUR;
            }
        }
        return Granularity.DAY;
    }

    private void checkAligned(EntityAnomaly a, String what, LocalDateTime t) {
        if (!granularity.isAligned(t)) {
            throw new IllegalArgumentException(what + " of anomaly on '" + a.entityId() + "' must be a whole "
                    + granularity.name().toLowerCase(java.util.Locale.ROOT) + " like its metrics, got " + t);
        }
    }

    private void checkInRange(EntityAnomaly a, String what, LocalDateTime t, long[] range) {
        long p = Periods.index(granularity, t);
        if (p < range[0] || p > range[1]) {
            throw new IllegalArgumentException(what + " of anomaly on '" + a.entityId() + "' must lie in its metrics ["
                    + formatIndex(range[0]) + ", " + formatIndex(range[1]) + "], got " + granularity.format(t));
        }
    }

    private String formatIndex(long p) {
        LocalDateTime t = granularity == Granularity.DAY ? java.time.LocalDate.ofEpochDay(p).atStartOfDay()
                : LocalDateTime.ofEpochSecond(p * 3600L, 0, java.time.ZoneOffset.UTC);
        return granularity.format(t);
    }

    /** @return [first, last] period of the entity's series, or of its descendants' when it has none; or null */
    private long[] range(Entity e) {
        MetricSeries s = metrics.get(e.id());
        if (s != null) {
            if (s.isEmpty()) {
                return null;
            }
            if (s.granularity() != granularity) {
                throw new IllegalArgumentException("granularity of series '" + e.id() + "' must be " + granularity
                        + ", got " + s.granularity());
            }
            long first = Periods.index(granularity, s.start());
            return new long[] {first, first + s.size() - 1};
        }
        List<Entity> kids = graph.children(e.id());
        if (kids.isEmpty()) {
            return null;
        }
        if (ranges.containsKey(e.id())) {
            return ranges.get(e.id());
        }
        long[] r = null;
        for (Entity k : kids) {
            long[] kr = range(k);
            if (kr != null) {
                r = r == null ? kr.clone() : new long[] {Math.min(r[0], kr[0]), Math.max(r[1], kr[1])};
            }
        }
        ranges.put(e.id(), r);
        return r;
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
     * Decides, for every cluster arriving at {@code p}, whether it is the parent's problem. First pass, largest
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
                    if (!taken.contains(a) && !a.event.dir.equals(c.dir) && a.event.signature.contains(c.dir)
                            && a.event.overlaps(c.start, c.end, cfg.leadTolerance())) {
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
                    o.effectCandidate = top(full);
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
            long cStart = robustStart(full);
            Arrival first = startMember(full);
            Event pr = new Event(p.entity, full.dir, List.of(full.dir), cStart, full.end, first.event.startTime,
                    null, meanScore(full));
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
                if (b.overlaps(own.start, own.end, cfg.leadTolerance()) && alsoMoved(b, own)) {
                    x = b;
                    break;
                }
            }
            if (x != null && claim(x, own, x.start, p, parent) > 0) {
                x.dirs.add(own.dir);
                continue;
            }
            Event o = match(observed, own);
            if (o != null && robustStart(own) - o.start >= 1) {
                if (claim(o, own, o.start, p, parent) > 0) {
                    o.broad = true;
                    o.dirs.add(own.dir);
                    // An earlier start alone is weaker evidence than a widespread cluster: half strength.
                    o.strength = Math.max(o.strength, 0.5);
                    claiming.add(o);
                } else if (o.effectCandidate == null) {
                    o.effectCandidate = top(own);
                }
                continue;
            }
            if (o != null && o.effectCandidate == null) {
                o.effectCandidate = top(own);
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
            long start = robustStart(all);
            boolean covered = false;
            for (Event b : broadHere) {
                covered |= b.overlaps(gs, ge, cfg.leadTolerance());
            }
            Direction d = covered ? null : parentWide(p, start, ge);
            if (d == null) {
                continue;
            }
            Arrival first = startMember(all);
            Event pr = new Event(p.entity, d, List.of(d), start, ge, first.event.startTime, null, meanScore(all));
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
            if (a.hops == 1) {
                a.event.siblingRatio = ratio;
                if (a.event.broad) {
                    broadMember = true;
                    memberStrength = Math.max(memberStrength, a.event.strength);
                }
            }
        }
        boolean widespread = n > 1 && ratio > cfg.siblingRatio();
        double strength = widespread ? ratio : 0.0;
        boolean passThrough = false;
        Spread sp = null;
        if (!widespread) {
            if (n == 1) {
                passThrough = broadMember;
            } else if (snapshots != null && affected > 0) {
                // Only the parent's own children's problems are decomposed here: a keyword whose ad group did
                // not share its move cannot have a campaign that did.
                sp = spread(p, full);
                if (sp != null && sp.spread) {
                    widespread = true;
                    strength = Math.max(ratio, sp.score);
                } else if (sp != null && sp.negligible) {
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

    /**
     * Whether a leftover cluster at a parent that already has a problem at the same time is part of it. With
     * metrics: yes, unless the cluster's own entities moved its way significantly (three standard errors of
     * counting noise and {@code minChange}) while the parent without them did not — so one keyword's CPC spike
     * inside a budget-starved ad group stays its own, while keywords of an out-of-stock ad group whose
     * one-period features show only noise join it. Without metrics: when the parent problem's anomalies moved
     * the cluster's way on average.
     */
    private boolean alsoMoved(Event x, Cluster c) {
        if (c.dir.isUnknown()) {
            return true;
        }
        if (snapshots != null) {
            Signal sig = Signal.forFeature(c.dir.feature());
            Snapshot total = sig == null ? null : snapshots.snapshot(x.entity, x.start, x.end);
            if (total == null) {
                return sig == null;
            }
            Snapshot flagged = sum(entities(c.arrivals, x.entity), x.start, x.end);
            double own = sig.logChange(flagged);
            if (Math.signum(own) != c.dir.sign() || !moved(own, sig.noise(flagged))) {
                return true;
            }
            Snapshot rest = total.minus(flagged);
            double move = sig.logChange(rest);
            return Math.signum(move) == c.dir.sign() && moved(move, sig.noise(rest));
        }
        List<EntityAnomaly> explained = new ArrayList<>();
        x.collectExplained(explained);
        double sum = 0;
        int count = 0;
        for (EntityAnomaly a : explained) {
            Double v = a.features().get(c.dir.feature());
            if (v != null) {
                sum += v;
                count++;
            }
        }
        double mean = count == 0 ? 0 : sum / count;
        return Math.signum(mean) == c.dir.sign() && Math.abs(mean) >= Direction.MIN_SIGNATURE;
    }

    private Snapshot sum(List<Entity> entities, long start, long end) {
        Snapshot total = Snapshot.ZERO;
        for (Entity f : entities) {
            Snapshot fs = snapshots.snapshot(f, start, end);
            if (fs != null) {
                total = total.plus(fs);
            }
        }
        return total;
    }

    /** @return how many arrivals the claimer took; the others started before it and are forwarded */
    private int claim(Event claimer, Cluster c, long from, Node p, Entity parent) {
        List<Arrival> early = new ArrayList<>();
        int taken = 0;
        for (Arrival a : c.arrivals) {
            if (a.event.start >= from - cfg.leadTolerance()) {
                claimer.members.add(a.event);
                a.event.claimer = claimer;
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
            if (a.hops < cfg.hops()) {
                if (up == null) {
                    up = node(parent);
                }
                up.arrivals.add(new Arrival(a.event, via, a.hops + 1));
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
            (a.event.dir.isUnknown() ? unknown : known).add(a);
        }
        Comparator<Arrival> byTime = Comparator.comparingLong((Arrival a) -> a.event.start)
                .thenComparingLong(a -> a.event.end).thenComparing(a -> a.event.entity.id());
        known.sort(Comparator.comparing((Arrival a) -> a.event.dir.key()).thenComparing(byTime));
        List<Cluster> out = new ArrayList<>();
        sweep(known, out);
        unknown.sort(byTime);
        List<Arrival> rest = new ArrayList<>();
        for (Arrival a : unknown) {
            Cluster best = null;
            for (Cluster c : out) {
                if (a.event.overlaps(c.start, c.end, cfg.leadTolerance())
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
            if (cur == null || !cur.dir.equals(a.event.dir)
                    || a.event.start > cur.end + cfg.leadTolerance()) {
                cur = new Cluster(a.event.dir);
                out.add(cur);
            }
            cur.add(a);
        }
    }

    private static long robustStart(Cluster c) {
        return startMember(c).event.start;
    }

    /** @return the member whose start is the cluster's robust start (the 10% quantile of the starts) */
    private static Arrival startMember(Cluster c) {
        List<Arrival> sorted = new ArrayList<>(c.arrivals);
        sorted.sort(Comparator.comparingLong((Arrival a) -> a.event.start).thenComparing(a -> a.event.entity.id()));
        int idx = Math.max(0, (int) Math.ceil(START_QUANTILE * sorted.size()) - 1);
        return sorted.get(idx);
    }

    private static double meanScore(Cluster c) {
        double s = 0;
        for (Arrival a : c.arrivals) {
            s += a.event.score;
        }
        return s / c.arrivals.size();
    }

    private static Event top(Cluster c) {
        Event best = null;
        for (Arrival a : c.arrivals) {
            Event e = a.event;
            if (best == null || e.score > best.score || (e.score == best.score && (e.start < best.start
                    || (e.start == best.start && e.entity.id().compareTo(best.entity.id()) < 0)))) {
                best = e;
            }
        }
        return best;
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

    /**
     * Adtributor-style test of a cluster at parent {@code p}: split the parent's move in the cluster's signal
     * into the flagged entities and the rest of its children; the problem is the parent's when the rest moved
     * the same way, by at least {@code minChange} and {@code spreadRatio} of its proportional share.
     */
    private Spread spread(Node node, Cluster c) {
        Signal sig = c.dir.isUnknown() ? null : Signal.forFeature(c.dir.feature());
        if (sig == null) {
            return null;
        }
        long s = robustStart(c);
        long e = c.end;
        // Every child anomalous at the time is left out of the rest, whichever way it moved: an out-of-stock ad
        // group shifts its campaign's CTR mix, which is not the campaign's CTR moving.
        List<Arrival> others = new ArrayList<>();
        for (Arrival a : node.arrivals) {
            if (!c.arrivals.contains(a) && a.event.overlaps(c.start, c.end, cfg.leadTolerance())) {
                others.add(a);
            }
        }
        Snapshot flagged = sum(entities(c.arrivals, node.entity), s, e);
        if (screenedOut(node, c, others, sig, flagged, s, e)) {
            return new Spread(false, false, 0, sig.logChange(flagged), 0, Double.NaN);
        }
        Snapshot total = snapshots.snapshot(node.entity, s, e);
        if (total == null) {
            return null;
        }
        List<Arrival> all = new ArrayList<>(c.arrivals);
        all.addAll(others);
        // One sum over both sets, so a stray keyword inside a flagged ad group is not subtracted twice.
        Snapshot rest = total.minus(sum(entities(all, node.entity), s, e));
        double share = sig.baselineShare(rest, total);
        if (share < NEGLIGIBLE_SHARE) {
            return new Spread(false, true, 0, 0, 0, share);
        }
        double moveFlagged = sig.logChange(flagged);
        if (Math.signum(moveFlagged) != c.dir.sign() || !moved(moveFlagged, sig.noise(flagged))) {
            return new Spread(false, false, 0, moveFlagged, 0, share);
        }
        double moveRest = sig.logChange(rest);
        double relative = moveRest / moveFlagged;
        boolean spread = Math.signum(moveRest) == c.dir.sign() && moved(moveRest, sig.noise(rest))
                && relative >= cfg.spreadRatio();
        return new Spread(spread, false, Math.max(0, Math.min(1, relative)), moveFlagged, moveRest, share);
    }

    /**
     * A cheap first look for parents with many children and no series of their own (a portfolio of 100
     * campaigns): the move of a deterministic sample of the unflagged children — every k-th, at most
     * {@value #SCREEN_SAMPLE} — and when even its far edge (three standard errors) stays short of
     * {@code spreadRatio} of the flagged move, the problem is not spread and the exact sum over every keyword
     * below the parent is not needed. It never says "spread": when a spread is possible the exact test decides.
     *
     * @return whether the sample rules the spread out
     */
    private boolean screenedOut(Node node, Cluster c, List<Arrival> others, Signal sig, Snapshot flagged, long s,
                                long e) {
        List<Entity> kids = graph.children(node.entity.id());
        if (kids.size() <= SCREEN_CHILDREN || metrics.containsKey(node.entity.id())) {
            return false;
        }
        double moveFlagged = sig.logChange(flagged);
        if (Math.signum(moveFlagged) != c.dir.sign() || !moved(moveFlagged, sig.noise(flagged))) {
            return false;
        }
        Set<String> flaggedVias = new HashSet<>(c.vias);
        for (Arrival a : others) {
            flaggedVias.add(a.via.id());
        }
        int stride = Math.max(1, kids.size() / SCREEN_SAMPLE);
        List<Entity> sample = new ArrayList<>(SCREEN_SAMPLE);
        for (int i = 0; i < kids.size() && sample.size() < SCREEN_SAMPLE; i += stride) {
            if (!flaggedVias.contains(kids.get(i).id())) {
                sample.add(kids.get(i));
            }
        }
        Snapshot rest = sum(sample, s, e);
        // The sample must hold enough of the baseline to speak for the rest: a tenth of the flagged children's.
        if (!(sig.baselineShare(rest, rest.plus(flagged)) * kids.size() / Math.max(1, sample.size()) >= 0.1)) {
            return false;
        }
        double move = sig.logChange(rest);
        double edge = Math.signum(move) == c.dir.sign() ? Math.abs(move) + NOISE_Z * sig.noise(rest)
                : NOISE_Z * sig.noise(rest) - Math.abs(move);
        boolean out = edge < cfg.spreadRatio() * Math.abs(moveFlagged);
        if (LOG.isTraceEnabled()) {
            LOG.trace("{} {}: screened {} of {} children, move {} vs flagged {} -> {}", node.entity.id(), c.dir,
                    sample.size(), kids.size(), move, moveFlagged, out ? "not spread" : "exact test");
        }
        return out;
    }

    /**
     * Whether a parent whose children are anomalous at once, but every which way, has a problem of its own: its
     * aggregate's dominant move is significant and spread over its children as their sizes would predict
     * (Adtributor: the children that explain {@link Adtributor#DEFAULT_MIN_SET_POWER} of the move, largest
     * power first, hold at least {@code spreadRatio} of that share of the baseline), rather than explained by a
     * few of them. Small keywords' own features are too shrunk to show an ad group's conversion drop; the
     * ad group's sum is not.
     *
     * @return the parent's direction when it is, else {@code null}
     */
    private Direction parentWide(Node node, long s, long e) {
        Snapshot total = snapshots.snapshot(node.entity, s, e);
        if (total == null) {
            return null;
        }
        Map<String, Double> moves = new HashMap<>();
        for (Signal sig : new Signal[] {Signal.IMPRESSIONS, Signal.CTR, Signal.CPC, Signal.CVR}) {
            moves.put(sig.feature(), sig.logChange(total));
        }
        Direction d = Direction.of(moves);
        Signal sig = d.isUnknown() ? null : Signal.forFeature(d.feature());
        if (sig == null || !moved(moves.get(d.feature()), sig.noise(total))) {
            return null;
        }
        List<Entity> kids = graph.children(node.entity.id());
        double[][] ps = new double[kids.size()][];
        for (int i = 0; i < kids.size(); i++) {
            Snapshot k = snapshots.snapshot(kids.get(i), s, e);
            ps[i] = new double[] {sig.explanatoryPower(k, total), sig.baselineShare(k, total)};
        }
        java.util.Arrays.sort(ps, (a, b) -> Double.compare(b[0], a[0]));
        double power = 0;
        double share = 0;
        for (double[] k : ps) {
            if (power >= Adtributor.DEFAULT_MIN_SET_POWER) {
                break;
            }
            power += k[0];
            share += k[1];
        }
        double breadth = power >= Adtributor.DEFAULT_MIN_SET_POWER ? share / power : 1.0;
        if (LOG.isTraceEnabled()) {
            LOG.trace("{} [{}, {}]: children anomalous every which way; aggregate {} breadth {}", node.entity.id(), s, e,
                    d, breadth);
        }
        return breadth >= cfg.spreadRatio() ? d : null;
    }

    /** @return whether a log-change is a move: at least {@code minChange} and twice its counting noise */
    private boolean moved(double logChange, double noise) {
        return Math.abs(logChange) >= Math.max(cfg.minChange(), NOISE_Z * noise);
    }

    /** @return the distinct entities of some arrivals' events, without one that lies below another */
    private List<Entity> entities(List<Arrival> arrivals, Entity p) {
        Set<String> ids = new LinkedHashSet<>();
        List<Entity> all = new ArrayList<>();
        for (Arrival a : arrivals) {
            if (ids.add(a.event.entity.id())) {
                all.add(a.event.entity);
            }
        }
        List<Entity> out = new ArrayList<>(all.size());
        for (Entity f : all) {
            boolean nested = false;
            for (String up = f.parentId(); up != null && !up.equals(p.id()); up = graph.get(up).parentId()) {
                if (ids.contains(up)) {
                    nested = true;
                    break;
                }
            }
            if (!nested) {
                out.add(f);
            }
        }
        return out;
    }
}
