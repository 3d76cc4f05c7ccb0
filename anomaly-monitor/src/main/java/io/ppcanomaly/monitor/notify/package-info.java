/**
 * Notifications inside the monitor: {@link io.ppcanomaly.monitor.notify.NotifyExtensionProvider} turns the monitor
 * configuration's {@code notify.*} and {@code route.*} keys into an extension whose save hook writes
 * {@code anomaly-notify}'s outbox rows in each run's transaction and whose job sends them.
 */
package io.ppcanomaly.monitor.notify;
