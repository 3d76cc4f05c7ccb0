package io.ppcanomaly.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** How a failure is told on stderr, and which failures are bad usage rather than a failed job. */
final class Failures {

    private Failures() {
    }

    /** @return the message, with the causes' messages when they add something */
    static String describe(Throwable e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        StringBuilder sb = new StringBuilder(message(t));
        Throwable c = t.getCause();
        int depth = 0;
        while (c != null && depth++ < 3) {
            String m = message(c);
            if (!sb.toString().contains(m)) {
                sb.append(": ").append(m);
            }
            c = c.getCause();
        }
        return sb.toString();
    }

    private static String message(Throwable t) {
        if (t instanceof NoSuchFileException n) {
            return (n.getReason() != null ? n.getReason() + ": " : "no such file: ") + n.getFile();
        }
        if (t instanceof AccessDeniedException a) {
            return "access denied: " + a.getFile();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
