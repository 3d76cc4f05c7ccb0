package io.ppcanomaly.notify.outbox;

import java.util.Locale;

/** Where an outbox message is in its life. */
public enum MessageStatus {
    /** Waiting for its (next) attempt, or held by a dispatcher sending it. */
    PENDING,
    /** The destination accepted it. */
    SENT,
    /** It will not be sent: a permanent failure, or the attempts ran out. Its last error says why. */
    DEAD;

    /** @return {@code pending}, {@code sent} or {@code dead} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static MessageStatus parse(String v) {
        return valueOf(v.toUpperCase(Locale.ROOT));
    }
}
