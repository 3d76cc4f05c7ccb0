package io.ppcanomaly.notify;

import java.util.Objects;

/**
 * One attempt at delivering one message.
 *
 * @param deliveryId the message's delivery id: the same on every attempt, so a receiver that got it before can drop
 *                   it (webhook {@code X-Delivery-Id}, email {@code Message-ID}); 1 to 64 characters
 * @param attempt    1 for the first attempt, 2 for the first retry...
 * @param route      the route the message goes through
 */
public record Delivery(String deliveryId, int attempt, String route) {

    /** Validates. */
    public Delivery {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(route, "route");
        if (deliveryId.isEmpty() || deliveryId.length() > 64) {
            throw new IllegalArgumentException("deliveryId must be 1 to 64 characters, got '" + deliveryId + "'");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, got " + attempt);
        }
    }
}
