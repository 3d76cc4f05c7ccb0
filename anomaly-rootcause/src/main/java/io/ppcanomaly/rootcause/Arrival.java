package io.ppcanomaly.rootcause;

import io.ppcanomaly.api.model.Entity;

/**
 * An event reaching an ancestor during a {@link Walk}: through which child of the ancestor it came, and how many
 * levels above the event's own entity the ancestor is (1 for the parent).
 */
record Arrival(Event event, Entity via, int hops) {
}
