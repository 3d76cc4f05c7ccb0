/**
 * Notifications of stored alerts that people act on: grouped by incident, routed by profile, level, severity and
 * money at stake, immediate or in daily/weekly digests, delivered at least once through a transactional outbox in
 * the alert store, and sent by {@link io.ppcanomaly.notify.Notifier}s found by name
 * ({@link io.ppcanomaly.notify.Notifiers}: {@code slack}, {@code webhook}, {@code email}).
 *
 * <p>Start at {@link io.ppcanomaly.notify.Notifications}: built from {@code notify.*} and {@code route.*} keys
 * ({@link io.ppcanomaly.notify.NotifyConfig}), it gives the store a save hook and runs the dispatcher.
 */
package io.ppcanomaly.notify;
