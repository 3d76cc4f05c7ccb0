/**
 * The transactional outbox: {@link io.ppcanomaly.notify.outbox.OutboxHook} writes messages (and digest items) in
 * the transaction that stores their alerts, {@link io.ppcanomaly.notify.outbox.OutboxDispatcher} sends them at least
 * once with retries and leases, {@link io.ppcanomaly.notify.outbox.DigestRunner} turns queued items into daily or
 * weekly digests, and {@link io.ppcanomaly.notify.outbox.NotificationStore} lists dead messages, re-queues them,
 * purges old rows and keeps per-entity mutes and snoozes. Tables: schema version 2 of the alert store.
 */
package io.ppcanomaly.notify.outbox;
