package io.ppcanomaly.store;

import java.util.List;
import java.util.Objects;

/**
 * One page of {@link AlertStore#incidents}. Immutable.
 *
 * @param incidents the incidents: latest last period first, then most severe, then most money at stake, then id
 * @param page      the page asked for
 * @param hasMore   whether a next page holds more incidents
 */
public record IncidentPage(List<StoredIncident> incidents, Page page, boolean hasMore) {

    /** Validates and freezes. */
    public IncidentPage {
        incidents = List.copyOf(incidents);
        Objects.requireNonNull(page, "page");
        if (incidents.size() > page.limit()) {
            throw new IllegalArgumentException("incidents must be at most the page limit " + page.limit() + ", got "
                    + incidents.size());
        }
    }
}
