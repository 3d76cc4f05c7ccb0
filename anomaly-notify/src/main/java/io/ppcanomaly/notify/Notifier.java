package io.ppcanomaly.notify;

import io.ppcanomaly.notify.message.Notification;

/**
 * Sends a {@link Notification} to one destination: a Slack channel, a webhook receiver, a mailbox. Made by a
 * {@link io.ppcanomaly.notify.spi.NotifierProvider} from a route's options ({@link Notifiers#create}).
 *
 * <p>A notifier only sends: the outbox decides when, retries, and records the outcome. {@link #send} returns when
 * the destination accepted the message and throws {@link DeliveryException} saying whether trying again may help
 * (a time-out, a 5xx, a 429 with its {@code Retry-After}) or not (any other 4xx, a refused address). It is
 * thread-safe: the dispatcher sends several messages at once.
 */
public interface Notifier extends AutoCloseable {

    /** @return the provider name that made it, e.g. {@code slack} */
    String type();

    /**
     * Sends one message, once.
     *
     * @param notification what to say
     * @param delivery     the delivery id receivers deduplicate on (the same on every attempt) and the attempt number
     * @throws DeliveryException when the destination did not accept it, saying whether a retry may succeed
     */
    void send(Notification notification, Delivery delivery) throws DeliveryException;

    /** @return where it sends, for logs and the command line, without any secret (no token, no password) */
    String describe();

    /** Releases what the notifier holds (connections); idempotent. */
    @Override
    default void close() {
    }
}
