package io.ppcanomaly.store;

import java.util.List;
import java.util.Objects;

/**
 * One page of {@link AlertStore#active}. Immutable.
 *
 * @param alerts  the alerts, most severe first, then highest money at stake, then oldest id
 * @param page    the page asked for
 * @param hasMore whether a next page holds more alerts (counted without a second query)
 */
public record AlertPage(List<StoredAlert> alerts, Page page, boolean hasMore) {

    /** Validates and freezes. */
    public AlertPage {
        alerts = List.copyOf(alerts);
        Objects.requireNonNull(page, "page");
        if (alerts.size() > page.limit()) {
            throw new IllegalArgumentException("alerts must be at most the page limit " + page.limit() + ", got "
                    + alerts.size());
        }
    }
}
