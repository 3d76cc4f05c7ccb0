package io.ppcanomaly.rootcause;

import io.ppcanomaly.api.EntityAnomaly;
import io.ppcanomaly.api.model.Entity;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One problem at one entity during one analysis: an observed anomaly, or one promoted from the entity's children
 * when they are anomalous in the same direction at once. Mutable, confined to one {@link Walk}.
 */
final class Event {

    final Entity entity;
    final int level;
    final Direction dir;
    /** Every direction it moved substantially, {@link #dir} first; see {@link Direction#signature}. */
    final List<Direction> signature;
    final long start;
    final long end;
    final LocalDateTime startTime;
    /** The input anomaly, or {@code null} for a promoted event. */
    final EntityAnomaly anomaly;
    final double score;

    /** The directions of every cluster this event took, its own first. */
    final java.util.Set<Direction> dirs = new java.util.LinkedHashSet<>();
    /** Events this one explains (its cluster of children, or deeper events forwarded to it). */
    final List<Event> members = new ArrayList<>();
    /** Observed parent events that are only effects of this one (a parent moved because this child did). */
    final List<Event> effects = new ArrayList<>();
    Event claimer;
    Event effectOf;
    /** While walking: the child event this observed event would be an effect of, unless it claims some. */
    Event effectCandidate;
    /** Whether it explains a widespread set of children, leads them, or passes a widespread one up. */
    boolean broad;
    /** Promoted through a parent with no other active child: the same problem seen one level up. */
    boolean passThrough;
    /** Share of this entity's siblings anomalous in the same direction, set at its parent. */
    double siblingRatio;
    /** For a broad event: the same-direction share among the siblings of the children it explains. */
    double groupRatio;
    /** For a broad event: in [0, 1], how clearly the problem is the parent's (share or metric spread). */
    double strength;

    Event(Entity entity, Direction dir, List<Direction> signature, long start, long end, LocalDateTime startTime,
          EntityAnomaly anomaly, double score) {
        this.entity = entity;
        this.level = entity.type().level();
        this.dir = dir;
        this.signature = signature;
        this.dirs.add(dir);
        this.start = start;
        this.end = end;
        this.startTime = startTime;
        this.anomaly = anomaly;
        this.score = score;
    }

    boolean isPromoted() {
        return anomaly == null;
    }

    /** @return whether this event's span shares a period with [s, e], widened by {@code slack} periods */
    boolean overlaps(long s, long e, int slack) {
        return start <= e + slack && s <= end + slack;
    }

    /** Adds every input anomaly this event accounts for (itself, its members', their effects') to {@code out}. */
    void collectExplained(List<EntityAnomaly> out) {
        List<Event> stack = new ArrayList<>();
        stack.add(this);
        while (!stack.isEmpty()) {
            Event e = stack.remove(stack.size() - 1);
            if (e.anomaly != null) {
                out.add(e.anomaly);
            }
            stack.addAll(e.members);
            stack.addAll(e.effects);
        }
    }

    @Override
    public String toString() {
        return (isPromoted() ? "promoted " : "observed ") + entity.id() + " " + dir + " [" + start + ", " + end + "]";
    }
}
