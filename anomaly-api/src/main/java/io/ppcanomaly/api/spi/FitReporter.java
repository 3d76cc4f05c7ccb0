package io.ppcanomaly.api.spi;

import io.ppcanomaly.api.FitListener;
import io.ppcanomaly.api.FitProgress;
import io.ppcanomaly.api.FitProgress.Stage;
import io.ppcanomaly.api.FitProgress.Unit;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a provider uses to tell a {@link FitListener} how its fit goes: it keeps the path, the row count and the
 * clock of one fit, and holds the provider to the order {@link FitProgress} promises (one unit and total per fit,
 * {@code done} never decreasing). {@link AbstractDetector} starts and finishes one around every
 * {@link AbstractDetector#fitModel fitModel}; the provider calls {@link #advance} as work gets done.
 *
 * <p>For {@link FitListener#NONE} it builds no event at all, so a fit nobody listens to costs nothing more.
 * Not thread-safe: call it from the fitting thread.
 */
public final class FitReporter {

    private static final FitReporter SILENT = new FitReporter(FitListener.NONE, List.of("-"), 0);

    private final FitListener listener;
    private final List<String> path;
    private final long rows;
    private final long startNanos;
    private Unit unit;
    private long total;
    private double done;
    private RuntimeException listenerFailure;

    private FitReporter(FitListener listener, List<String> path, long rows) {
        this.listener = listener;
        this.path = path;
        this.rows = rows;
        this.startNanos = System.nanoTime();
    }

    /**
     * Starts reporting a fit: sends {@link Stage#STARTED} with the row count.
     *
     * @param listener who hears it; {@link FitListener#NONE} for nobody
     * @param detector the fitting detector's name
     * @param rows     the training windows, &ge; 0
     * @return the reporter of this fit
     * @throws IllegalArgumentException for a blank name or negative rows
     */
    public static FitReporter start(FitListener listener, String detector, long rows) {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(detector, "detector");
        if (detector.isBlank() || rows < 0) {
            throw new IllegalArgumentException("detector must be named and rows must be >= 0, got '" + detector
                    + "' and " + rows);
        }
        FitReporter r = new FitReporter(listener, List.of(detector), rows);
        r.send(Stage.STARTED, Unit.ROWS, 0, rows, OptionalDouble.empty(), OptionalDouble.empty());
        return r;
    }

    /** @return a reporter that tells nobody anything: for fits outside the {@code Detector} SPI (tables) */
    public static FitReporter silent() {
        return SILENT;
    }

    /** @return whether anyone listens: a provider may skip work that only feeds the events */
    public boolean isListening() {
        return listener != FitListener.NONE;
    }

    /**
     * Reports work done.
     *
     * @param unit  what is counted; the same for the whole fit
     * @param done  work done, in [0, total], never less than before
     * @param total work planned, &ge; 0; the same for the whole fit
     * @throws IllegalArgumentException for {@code done} outside [0, total] or below the last report
     * @throws IllegalStateException    when the unit or the total changes within the fit
     */
    public void advance(Unit unit, double done, long total) {
        advance(unit, done, total, OptionalDouble.empty(), OptionalDouble.empty());
    }

    /**
     * Reports work done with the losses at that point (an epoch's end).
     *
     * @param loss           the training loss, finite and &ge; 0, or empty
     * @param validationLoss the held-out loss, finite and &ge; 0, or empty
     * @throws IllegalArgumentException as {@link #advance(Unit, double, long)}, or for a loss that is not finite
     *                                  and &ge; 0
     * @throws IllegalStateException    as {@link #advance(Unit, double, long)}
     */
    public void advance(Unit unit, double done, long total, OptionalDouble loss, OptionalDouble validationLoss) {
        if (this == SILENT) {
            return;
        }
        Objects.requireNonNull(unit, "unit");
        if (this.unit != null && (this.unit != unit || this.total != total)) {
            throw new IllegalStateException("progress of one fit must keep unit " + this.unit + " and total "
                    + this.total + ", got " + unit + " and " + total);
        }
        if (!(done >= this.done && done <= total)) {
            throw new IllegalArgumentException("done must be in [" + this.done + ", " + total + "], got " + done);
        }
        FitProgress event = event(Stage.PROGRESS, unit, done, total, loss, validationLoss); // checks the losses
        this.unit = unit;
        this.total = total;
        this.done = done;
        if (event != null) {
            deliver(event);
        }
    }

    /**
     * A listener for the fits this fit runs (an ensemble's members): it passes their events on with this fit's
     * path before theirs. {@link FitListener#NONE} when nobody listens here, so members report nothing either.
     *
     * @return the listener to hand to the inner fits
     */
    public FitListener nested() {
        if (!isListening()) {
            return FitListener.NONE;
        }
        return p -> {
            FitProgress outer = p;
            for (int i = path.size() - 1; i >= 0; i--) {
                outer = outer.within(path.get(i));
            }
            deliver(outer);
        };
    }

    /**
     * @param failure an exception an inner fit threw
     * @return whether it is one this fit's listener threw while hearing an inner fit's event: then the whole fit
     *         must abort, not just leave that inner fit out
     */
    public boolean isListenerFailure(Throwable failure) {
        return failure != null && failure == listenerFailure;
    }

    /**
     * Sends {@link Stage#FINISHED}: called once the new model is in place ({@link AbstractDetector} does it).
     */
    public void finish() {
        send(Stage.FINISHED, Unit.ROWS, rows, rows, OptionalDouble.empty(), OptionalDouble.empty());
    }

    private void send(Stage stage, Unit unit, double done, long total, OptionalDouble loss,
                      OptionalDouble validationLoss) {
        FitProgress event = event(stage, unit, done, total, loss, validationLoss);
        if (event != null) {
            deliver(event);
        }
    }

    /** @return the event, or {@code null} when nobody listens (then nothing is built, and losses go unchecked) */
    private FitProgress event(Stage stage, Unit unit, double done, long total, OptionalDouble loss,
                              OptionalDouble validationLoss) {
        return isListening() ? new FitProgress(path, stage, unit, done, total, rows, loss, validationLoss,
                (System.nanoTime() - startNanos) / 1_000_000) : null;
    }

    private void deliver(FitProgress p) {
        try {
            listener.onProgress(p);
        } catch (RuntimeException e) {
            listenerFailure = e;
            throw e;
        }
    }
}
