package io.ppcanomaly.server.api;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Error references: a short random id in the response, logged with the details a response never shows. */
public final class Errors {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Errors() {
    }

    /** @return a new reference, 12 hex digits */
    public static String reference() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
