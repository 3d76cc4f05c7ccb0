/**
 * What a notification says: {@link io.ppcanomaly.notify.message.Notification} (an incident's new or escalated
 * alerts, a digest, a test message), its alerts and incident in the report's JSON shape
 * ({@link io.ppcanomaly.notify.message.NotificationJson}), and the wording the notifiers share
 * ({@link io.ppcanomaly.notify.message.MessageText}).
 */
package io.ppcanomaly.notify.message;
