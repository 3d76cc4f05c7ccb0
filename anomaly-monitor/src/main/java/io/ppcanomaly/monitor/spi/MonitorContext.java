package io.ppcanomaly.monitor.spi;

import io.ppcanomaly.monitor.MonitorConfig;
import io.ppcanomaly.store.AlertStore;
import java.time.Clock;

/**
 * What a monitor extension gets from the monitor it runs in.
 *
 * @param store  the alert store (and database) the monitor writes to: an outbox dispatcher reads and marks its rows
 *               through {@link AlertStore#inTransaction}
 * @param config the monitor's configuration (profiles, schedule, instance id)
 * @param clock  the monitor's clock
 */
public record MonitorContext(AlertStore store, MonitorConfig config, Clock clock) {
}
