package io.ppcanomaly.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One event of a fit, as a {@link FitListener} hears it.
 *
 * <h2>Order</h2>
 * For each fit (each {@link #path()}): one {@link Stage#STARTED}, then {@link Stage#PROGRESS} events, then one
 * {@link Stage#FINISHED} if the fit succeeds (nothing more if it throws).
 * <ul>
 *   <li>{@code STARTED} and {@code FINISHED} count {@link Unit#ROWS}: {@code done} 0 of {@code rows}, then
 *       {@code rows} of {@code rows}.</li>
 *   <li>{@code PROGRESS} events count the detector's own work: {@link Unit#EPOCHS} (LSTM autoencoder; fractional
 *       within an epoch), {@link Unit#TREES} (isolation forest), {@link Unit#ROWS} (Half-Space Trees: observations
 *       learnt) or {@link Unit#MEMBERS} (ensemble: members fitted). Within one fit they keep one unit and one
 *       total, and {@code done} never decreases. A fit may finish before {@code done} reaches {@code total}
 *       (early stopping).</li>
 * </ul>
 *
 * @param path           the detector this fit belongs to, last, after the detectors it is fitted within:
 *                       {@code [lstm-autoencoder]} on its own, {@code [ensemble, lstm-autoencoder]} as an
 *                       ensemble's member; non-empty, no blank name
 * @param stage          where the fit is
 * @param unit           what {@code done} and {@code total} count
 * @param done           work done, in [0, {@code total}]
 * @param total          work planned, &ge; 0 (for epochs: the most that can run)
 * @param rows           training windows this fit sees, &ge; 0
 * @param loss           the training loss, for detectors that have one, at the end of an epoch: finite, &ge; 0
 * @param validationLoss the loss on held-out windows, at the end of an epoch: finite, &ge; 0
 * @param elapsedMillis  time since this fit started, &ge; 0
 */
public record FitProgress(List<String> path, Stage stage, Unit unit, double done, long total, long rows,
                          OptionalDouble loss, OptionalDouble validationLoss, long elapsedMillis) {

    /** Where a fit is. */
    public enum Stage {
        /** The fit has checked its windows and starts working. */
        STARTED,
        /** Some work is done. */
        PROGRESS,
        /** The new model is in place. */
        FINISHED
    }

    /** What {@link #done()} and {@link #total()} count. */
    public enum Unit {
        /** Training windows (STARTED, FINISHED) or observations learnt. */
        ROWS,
        /** Passes over the training windows. */
        EPOCHS,
        /** Trees grown. */
        TREES,
        /** Member detectors fitted (or given up on). */
        MEMBERS
    }

    /**
     * @throws IllegalArgumentException for an empty path or blank name, {@code done} outside [0, total], negative
     *                                  rows or time, or a loss that is not finite and &ge; 0
     * @throws NullPointerException     for a null component
     */
    public FitProgress {
        path = List.copyOf(path);
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(validationLoss, "validationLoss");
        if (path.isEmpty() || path.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("path must name the detector, got " + path);
        }
        if (total < 0) {
            throw new IllegalArgumentException("total must be >= 0, got " + total);
        }
        if (!(done >= 0 && done <= total)) {
            throw new IllegalArgumentException("done must be in [0, " + total + "], got " + done);
        }
        if (rows < 0 || elapsedMillis < 0) {
            throw new IllegalArgumentException("rows and elapsedMillis must be >= 0, got " + rows + " and "
                    + elapsedMillis);
        }
        requireLoss("loss", loss);
        requireLoss("validationLoss", validationLoss);
    }

    private static void requireLoss(String name, OptionalDouble v) {
        if (v.isPresent() && !(v.getAsDouble() >= 0 && Double.isFinite(v.getAsDouble()))) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + v.getAsDouble());
        }
    }

    /** @return the name of the detector this fit belongs to: the last of {@link #path()} */
    public String detector() {
        return path.get(path.size() - 1);
    }

    /** @return how many detectors this fit runs within: 0 for a top-level fit, 1 for an ensemble's member */
    public int depth() {
        return path.size() - 1;
    }

    /** @return {@code done / total} in [0, 1]; 1 when nothing is planned */
    public double fraction() {
        return total == 0 ? 1.0 : done / total;
    }

    /**
     * @param parent the name of the detector that runs this fit
     * @return this event with {@code parent} put before its path: how a detector passes on its members' events
     * @throws IllegalArgumentException for a blank name
     */
    public FitProgress within(String parent) {
        List<String> p = new ArrayList<>(path.size() + 1);
        p.add(Objects.requireNonNull(parent, "parent"));
        p.addAll(path);
        return new FitProgress(p, stage, unit, done, total, rows, loss, validationLoss, elapsedMillis);
    }
}
