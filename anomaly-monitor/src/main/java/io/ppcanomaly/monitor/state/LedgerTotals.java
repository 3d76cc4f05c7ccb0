package io.ppcanomaly.monitor.state;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the live monitor judged over a range of periods, from its ledger. Immutable.
 *
 * @param periods       the periods judged in the range, oldest first
 * @param windowsScored windows scored over them
 * @param alerts        alerts raised over them
 */
public record LedgerTotals(Set<LocalDateTime> periods, long windowsScored, long alerts) {

    /** Freezes. */
    public LedgerTotals {
        periods = Collections.unmodifiableSet(new TreeSet<>(periods));
    }
}
