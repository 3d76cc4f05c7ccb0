package io.ppcanomaly.cli;

import io.ppcanomaly.api.FitListener;
import io.ppcanomaly.api.FitProgress;
import io.ppcanomaly.api.FitProgress.Stage;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A progress bar on stderr while a detector fits, fed by the detector's {@link FitListener} events: the LSTM
 * autoencoder's epochs and losses, the forest's trees, Half-Space Trees' rows learnt, the ensemble's members and,
 * under them, each member's own progress. On a terminal the bar redraws in place (at most ten times a second,
 * and at every epoch's end); otherwise a line is printed when a fit starts and ends and at every epoch's end.
 * Closing ends the bar's line. Events come from the fitting thread; one instance follows one command.
 */
final class TrainingProgress implements FitListener, AutoCloseable {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final String label;
    private final boolean terminal;
    private final long redrawNanos;
    private final long t0 = System.nanoTime();
    /** The latest event of each fit, by path: what the bar shows of the fits enclosing the current one. */
    private final Map<List<String>, FitProgress> latest = new HashMap<>();
    /** The latest losses of each fit, kept for the redraws between epochs. */
    private final Map<List<String>, FitProgress> losses = new HashMap<>();
    private boolean drawn;
    private long lastDraw;
    private int fits;

    /** @param redrawNanos on a terminal, the least time between two redraws within one stage of a fit */
    TrainingProgress(PrintWriter err, String label, boolean terminal, long redrawNanos) {
        this.err = err;
        this.label = label;
        this.terminal = terminal;
        this.redrawNanos = redrawNanos;
    }

    /**
     * Starts following fits.
     *
     * @param err   where the bar is drawn (the command's stderr)
     * @param label what is being fitted, or {@code null} to show nothing (a saved model: nothing is fitted)
     * @return the listener to hand to the fit; close it when the fit is over
     */
    static TrainingProgress start(PrintWriter err, String label) {
        return new TrainingProgress(err, label, System.console() != null, REDRAW_NANOS);
    }

    @Override
    public synchronized void onProgress(FitProgress p) {
        if (label == null) {
            return;
        }
        latest.put(p.path(), p);
        if (p.loss().isPresent() || p.validationLoss().isPresent()) {
            losses.put(p.path(), p);
        }
        if (p.stage() == Stage.STARTED && p.depth() == 0) {
            fits++;
        }
        boolean epochEnd = p.loss().isPresent();
        if (terminal) {
            long now = System.nanoTime();
            if (p.stage() != Stage.PROGRESS || epochEnd || now - lastDraw >= redrawNanos) {
                lastDraw = now;
                err.print("\r" + describe(p) + "  ");
                err.flush();
                drawn = true;
            }
        } else if (p.stage() != Stage.PROGRESS || epochEnd) {
            err.println(describe(p));
            err.flush();
        }
    }

    /** @return one line: label, the enclosing fits' progress, this fit's bar, counts, losses and time */
    String describe(FitProgress p) {
        StringBuilder s = new StringBuilder(label);
        if (fits > 1) {
            s.append(" #").append(fits);
        }
        s.append(": ");
        List<String> path = p.path();
        for (int k = 1; k < path.size(); k++) {
            FitProgress outer = latest.get(path.subList(0, k));
            s.append(path.get(k - 1));
            if (outer != null && outer.stage() == Stage.PROGRESS) {
                s.append(' ').append(count(outer));
            }
            s.append(" > ");
        }
        s.append(p.detector()).append(' ');
        switch (p.stage()) {
            case STARTED -> s.append(String.format(Locale.ROOT, "fitting on %,d windows", p.rows()));
            case FINISHED -> s.append(String.format(Locale.ROOT, "fitted on %,d windows in %.1f s", p.rows(),
                    p.elapsedMillis() / 1000.0));
            case PROGRESS -> {
                int filled = (int) Math.round(WIDTH * p.fraction());
                s.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ")
                        .append(count(p));
                FitProgress l = losses.get(path);
                if (l != null && l.loss().isPresent()) {
                    s.append(String.format(Locale.ROOT, ", loss %.4g", l.loss().getAsDouble()));
                }
                if (l != null && l.validationLoss().isPresent()) {
                    s.append(String.format(Locale.ROOT, ", validation loss %.4g", l.validationLoss().getAsDouble()));
                }
            }
            default -> throw new AssertionError(p.stage());
        }
        return s.append(String.format(Locale.ROOT, ", %.0f s", (System.nanoTime() - t0) / 1e9)).toString();
    }

    /** @return e.g. {@code epoch 3/40} (the epoch under way, or the one just ended), {@code tree 12/100} */
    private static String count(FitProgress p) {
        long shown = (long) Math.min(p.total(), Math.ceil(p.done()));
        return switch (p.unit()) {
            case EPOCHS -> "epoch " + shown + "/" + p.total();
            case TREES -> "tree " + shown + "/" + p.total();
            case MEMBERS -> "member " + Math.min(p.total(), shown + (p.done() < p.total() ? 1 : 0)) + "/"
                    + p.total();
            case ROWS -> String.format(Locale.ROOT, "%,d/%,d rows", shown, p.total());
        };
    }

    @Override
    public synchronized void close() {
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }
}
