package io.ppcanomaly.monitor.retrain;

import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.Granularity;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Keeps confirmed incidents out of a challenger's training: every training window of an entity that contains a
 * period of an alert people labelled true is left out, so the detector never learns a real incident as normal and
 * the next one of its kind still stands out. Thread-safe; {@link #excluded()} counts what the last call left out.
 */
public final class ConfirmedAnomalies implements UnaryOperator<List<FeatureWindow>> {

    private final Map<String, List<AlertSpan>> spans = new HashMap<>();
    private final Granularity granularity;
    private volatile int excluded;

    /**
     * @param confirmed   spans of the alerts labelled true
     * @param granularity the period length, to extend a span over the windows that contain it
     */
    public ConfirmedAnomalies(Collection<AlertSpan> confirmed, Granularity granularity) {
        this.granularity = Objects.requireNonNull(granularity, "granularity");
        for (AlertSpan s : confirmed) {
            spans.computeIfAbsent(s.entityId(), k -> new ArrayList<>()).add(s);
        }
    }

    @Override
    public List<FeatureWindow> apply(List<FeatureWindow> windows) {
        List<FeatureWindow> out = new ArrayList<>(windows.size());
        int dropped = 0;
        for (FeatureWindow w : windows) {
            if (contaminated(w)) {
                dropped++;
            } else {
                out.add(w);
            }
        }
        excluded = dropped;
        return out;
    }

    /** @return training windows the last {@link #apply} left out */
    public int excluded() {
        return excluded;
    }

    private boolean contaminated(FeatureWindow w) {
        List<AlertSpan> list = spans.get(w.entityId());
        if (list == null || w.period() == null) {
            return false;
        }
        for (AlertSpan s : list) {
            LocalDateTime lastContaining = granularity.plus(s.last(), w.length() - 1L);
            if (!w.period().isBefore(s.first()) && !w.period().isAfter(lastContaining)) {
                return true;
            }
        }
        return false;
    }
}
