package io.ppcanomaly.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A progress bar on stderr while a detector fits. The LSTM autoencoder reports each epoch through SLF4J
 * ({@code epoch 3/40: training loss …}); its {@code TrainingListener} lives in its own module, which the
 * command line reaches by name only, and inside an ensemble the member is not reachable at all. So, while a
 * fit runs, the process's stderr is wrapped: epoch lines move the bar, every other line passes through.
 * On a terminal the bar redraws in place; otherwise each epoch line is printed as it comes. Closing restores
 * stderr. Use one at a time.
 */
final class TrainingProgress implements AutoCloseable {

    private static final Pattern EPOCH = Pattern.compile("epoch (\\d+)/(\\d+)");
    private static final Pattern LOSS = Pattern.compile("validation loss ([0-9.eE+-]+)");
    private static final int WIDTH = 30;

    private final PrintStream original;
    private final PrintWriter err;
    private final String label;
    private final boolean terminal;
    private final long t0 = System.nanoTime();
    private final LineSplitter splitter;
    private boolean drawn;
    private int fits;

    private TrainingProgress(PrintWriter err, String label) {
        this.original = System.err;
        this.err = err;
        this.label = label;
        this.terminal = System.console() != null;
        this.splitter = new LineSplitter();
        System.setErr(new PrintStream(splitter, true, StandardCharsets.UTF_8));
    }

    /**
     * Starts following a fit.
     *
     * @param err   where the bar is drawn (the command's stderr)
     * @param label what is being fitted, or {@code null} to follow nothing (a saved model)
     * @return the progress; close it when the fit is over
     */
    static TrainingProgress start(PrintWriter err, String label) {
        return label == null ? null : new TrainingProgress(err, label);
    }

    private synchronized void line(String line) {
        Matcher m = EPOCH.matcher(line);
        if (m.find() && line.toLowerCase(Locale.ROOT).contains("lstm")) {
            int epoch = Integer.parseInt(m.group(1));
            int max = Integer.parseInt(m.group(2));
            if (epoch == 1) {
                fits++;
            }
            draw(epoch, max, line);
            return;
        }
        clearBar();
        original.println(line);
    }

    private void draw(int epoch, int max, String line) {
        if (!terminal) {
            err.println(line.trim());
            err.flush();
            return;
        }
        int filled = (int) Math.round(WIDTH * Math.min(1.0, (double) epoch / Math.max(1, max)));
        Matcher loss = LOSS.matcher(line);
        err.print(String.format(Locale.ROOT, "\r%s: LSTM%s [%s%s] epoch %d/%d%s, %.0f s  ", label,
                fits > 1 ? " #" + fits : "", "#".repeat(filled), " ".repeat(WIDTH - filled), epoch, max,
                loss.find() ? ", validation loss " + loss.group(1) : "", (System.nanoTime() - t0) / 1e9));
        err.flush();
        drawn = true;
    }

    private void clearBar() {
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }

    @Override
    public synchronized void close() {
        System.err.flush();
        splitter.finish();
        System.setErr(original);
        clearBar();
    }

    /** Collects bytes into lines and hands each complete line on. */
    private final class LineSplitter extends java.io.OutputStream {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                emit();
            } else {
                buf.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        @Override
        public void flush() {
            // Lines are handed on whole, at their line feed only: PrintStream flushes halfway through println.
        }

        synchronized void finish() {
            if (buf.size() > 0) {
                emit();
            }
        }

        private void emit() {
            String s = buf.toString(StandardCharsets.UTF_8);
            buf.reset();
            line(s.endsWith("\r") ? s.substring(0, s.length() - 1) : s);
        }
    }
}
