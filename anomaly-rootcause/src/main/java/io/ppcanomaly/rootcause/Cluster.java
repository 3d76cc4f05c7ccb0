package io.ppcanomaly.rootcause;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Events arriving at one parent that moved the same way at overlapping times: the unit a {@link Walk} judges.
 * Mutable, confined to one call.
 */
final class Cluster {

    /** A promoted problem starts at this quantile of its members' starts, so one early stray cannot lead it. */
    private static final double START_QUANTILE = 0.1;

    final Direction dir;
    final List<Arrival> arrivals = new ArrayList<>();
    /** The parent's children the arrivals came through. */
    final Set<String> vias = new HashSet<>();
    /** Those of {@link #vias} that are anomalous themselves (an arrival one level up). */
    private final Set<String> directVias = new HashSet<>();
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
        vias.add(a.via().id());
        if (a.hops() == 1) {
            directVias.add(a.via().id());
        }
        start = Math.min(start, a.event().start);
        end = Math.max(end, a.event().end);
    }

    /** @return the start of the problem: the 10% quantile of the members' starts */
    long robustStart() {
        return startMember().event().start;
    }

    /** @return the member whose start is the cluster's robust start (the 10% quantile of the starts) */
    Arrival startMember() {
        List<Arrival> sorted = new ArrayList<>(arrivals);
        sorted.sort(Comparator.comparingLong((Arrival a) -> a.event().start)
                .thenComparing(a -> a.event().entity.id()));
        int idx = Math.max(0, (int) Math.ceil(START_QUANTILE * sorted.size()) - 1);
        return sorted.get(idx);
    }

    /** @return the mean score of the members */
    double meanScore() {
        double s = 0;
        for (Arrival a : arrivals) {
            s += a.event().score;
        }
        return s / arrivals.size();
    }

    /** @return the member event with the highest score (earliest, then smallest id, on ties) */
    Event top() {
        Event best = null;
        for (Arrival a : arrivals) {
            Event e = a.event();
            if (best == null || e.score > best.score || (e.score == best.score && (e.start < best.start
                    || (e.start == best.start && e.entity.id().compareTo(best.entity.id()) < 0)))) {
                best = e;
            }
        }
        return best;
    }
}
