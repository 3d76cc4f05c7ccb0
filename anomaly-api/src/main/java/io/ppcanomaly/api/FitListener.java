package io.ppcanomaly.api;

/**
 * Hears how a {@link Detector#fit(java.util.List, FitListener) fit} progresses: for a progress bar, a log, or a
 * job that reports how far training has come.
 *
 * <pre>{@code
 * detector.fit(windows, p -> {
 *     if (p.stage() == FitProgress.Stage.PROGRESS) {
 *         bar.update(p.detector(), p.fraction(), p.loss());
 *     }
 * });
 * }</pre>
 *
 * <h2>What it hears</h2>
 * For every fit: one {@link FitProgress.Stage#STARTED}, then any number of {@link FitProgress.Stage#PROGRESS}
 * events in the detector's own unit (epochs, trees, rows, members), then one {@link FitProgress.Stage#FINISHED}
 * once the new model is in place. A detector that fits other detectors (the ensemble) passes their events on with
 * their {@link FitProgress#path() path} under its own, interleaved with its own events. See {@link FitProgress} for
 * the order and the ranges.
 *
 * <h2>Threads and failures</h2>
 * Events arrive on the thread that called {@code fit}, in order; keep the listener quick, since the fit waits for
 * it. A listener that throws aborts the fit: the exception leaves {@code fit} and the detector keeps its previous
 * model. A fit that fails for another reason sends no {@code FINISHED}.
 */
@FunctionalInterface
public interface FitListener {

    /** Hears nothing: what {@link Detector#fit(java.util.List)} passes. Detectors skip reporting for it. */
    FitListener NONE = progress -> {
    };

    /**
     * Hears one event.
     *
     * @param progress the event, never null
     */
    void onProgress(FitProgress progress);
}
