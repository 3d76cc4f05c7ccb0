package io.ppcanomaly.rootcause;

import io.ppcanomaly.api.EntityAnomaly;
import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.rootcause.decompose.Adtributor;
import io.ppcanomaly.rootcause.decompose.Signal;
import io.ppcanomaly.rootcause.decompose.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metric evidence a {@link Walk} weighs at a parent, from {@link SnapshotCache} decompositions: whether the
 * parent's unflagged children moved like the flagged ones ({@link #spread}), whether a parent whose children are
 * anomalous every which way moved across all of them ({@link #parentWide}), and whether a leftover cluster
 * belongs to a problem the parent already has ({@link #alsoMoved}). A move counts when it exceeds
 * {@code minChange} and {@value #NOISE_Z} standard errors of counting noise. Confined to one call.
 */
final class Evidence {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Evidence.class);

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
    private final Map<String, MetricSeries> metrics;
    /** {@code null} when the input has no metrics; then only {@link #alsoMoved} may be asked. */
    private final SnapshotCache snapshots;

    /**
     * The metric evidence at a parent: did its unflagged children move too ({@code spread}, with {@code score}
     * the rest's move over the flagged one, clipped to [0, 1]), or do they hardly exist ({@code negligible}).
     */
    record Spread(boolean spread, boolean negligible, double score, double moveFlagged, double moveRest,
                  double restShare) {
    }

    Evidence(HierarchyConfig cfg, EntityGraph graph, Map<String, MetricSeries> metrics, SnapshotCache snapshots) {
        this.cfg = cfg;
        this.graph = graph;
        this.metrics = metrics;
        this.snapshots = snapshots;
    }

    /**
     * Whether a cluster's problem is spread across its parent: the parent's snapshot in the cluster's signal is
     * split into the cluster's entities, the other children anomalous at the time (left out, whichever way they
     * moved), and the rest. The problem is the parent's when the rest moved the same way, significantly, and by
     * at least {@code spreadRatio} of the flagged entities' own log-change — every keyword's CPC rose a little —
     * rather than holding while only the flagged ones moved — one keyword's CPC exploded. A rest holding less
     * than {@value #NEGLIGIBLE_SHARE} of the parent's baseline is reported as negligible: the flagged entities
     * are the parent.
     *
     * @param parent   the parent
     * @param arrivals everything that arrived at the parent
     * @param c        the cluster judged
     * @return the evidence, or {@code null} when the direction has no signal or there is no baseline
     */
    Spread spread(Entity parent, List<Arrival> arrivals, Cluster c) {
        Signal sig = c.dir.isUnknown() ? null : Signal.forFeature(c.dir.feature());
        if (sig == null) {
            return null;
        }
        long s = c.robustStart();
        long e = c.end;
        // Every child anomalous at the time is left out of the rest, whichever way it moved: an out-of-stock ad
        // group shifts its campaign's CTR mix, which is not the campaign's CTR moving.
        List<Arrival> others = new ArrayList<>();
        for (Arrival a : arrivals) {
            if (!c.arrivals.contains(a) && a.event().overlaps(c.start, c.end, cfg.leadTolerance())) {
                others.add(a);
            }
        }
        Snapshot flagged = sum(entities(c.arrivals, parent), s, e);
        if (screenedOut(parent, c, others, sig, flagged, s, e)) {
            return new Spread(false, false, 0, sig.logChange(flagged), 0, Double.NaN);
        }
        Snapshot total = snapshots.snapshot(parent, s, e);
        if (total == null) {
            return null;
        }
        List<Arrival> all = new ArrayList<>(c.arrivals);
        all.addAll(others);
        // One sum over both sets, so a stray keyword inside a flagged ad group is not subtracted twice.
        Snapshot rest = total.minus(sum(entities(all, parent), s, e));
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
    private boolean screenedOut(Entity parent, Cluster c, List<Arrival> others, Signal sig, Snapshot flagged, long s,
                                long e) {
        List<Entity> kids = graph.children(parent.id());
        if (kids.size() <= SCREEN_CHILDREN || metrics.containsKey(parent.id())) {
            return false;
        }
        double moveFlagged = sig.logChange(flagged);
        if (Math.signum(moveFlagged) != c.dir.sign() || !moved(moveFlagged, sig.noise(flagged))) {
            return false;
        }
        Set<String> flaggedVias = new HashSet<>(c.vias);
        for (Arrival a : others) {
            flaggedVias.add(a.via().id());
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
            LOG.trace("{} {}: screened {} of {} children, move {} vs flagged {} -> {}", parent.id(), c.dir,
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
    Direction parentWide(Entity parent, long s, long e) {
        Snapshot total = snapshots.snapshot(parent, s, e);
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
        List<Entity> kids = graph.children(parent.id());
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
            LOG.trace("{} [{}, {}]: children anomalous every which way; aggregate {} breadth {}", parent.id(), s, e,
                    d, breadth);
        }
        return breadth >= cfg.spreadRatio() ? d : null;
    }

    /**
     * Whether a leftover cluster at a parent that already has a problem at the same time is part of it. With
     * metrics: yes, unless the cluster's own entities moved its way significantly (three standard errors of
     * counting noise and {@code minChange}) while the parent without them did not — so one keyword's CPC spike
     * inside a budget-starved ad group stays its own, while keywords of an out-of-stock ad group whose
     * one-period features show only noise join it. Without metrics: when the parent problem's anomalies moved
     * the cluster's way on average.
     */
    boolean alsoMoved(Event x, Cluster c) {
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

    /** @return whether a log-change is a move: at least {@code minChange} and twice its counting noise */
    private boolean moved(double logChange, double noise) {
        return Math.abs(logChange) >= Math.max(cfg.minChange(), NOISE_Z * noise);
    }

    /** @return the distinct entities of some arrivals' events, without one that lies below another */
    private List<Entity> entities(List<Arrival> arrivals, Entity p) {
        Set<String> ids = new LinkedHashSet<>();
        List<Entity> all = new ArrayList<>();
        for (Arrival a : arrivals) {
            if (ids.add(a.event().entity.id())) {
                all.add(a.event().entity);
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
