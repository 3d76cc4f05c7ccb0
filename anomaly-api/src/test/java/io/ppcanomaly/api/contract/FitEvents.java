package io.ppcanomaly.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.FitProgress;
import io.ppcanomaly.api.FitProgress.Stage;
import io.ppcanomaly.api.FitProgress.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks what a {@link io.ppcanomaly.api.FitListener} heard against the order {@link FitProgress} promises, fit by
 * fit (by path): one STARTED counting 0 rows, PROGRESS of one unit and total with {@code done} never decreasing,
 * one FINISHED counting every row, and no event of a fit after its FINISHED.
 */
public final class FitEvents {

    private FitEvents() {
    }

    /**
     * @param heard every event of one top-level fit, in the order heard
     * @return the events grouped by path, in the order the fits started
     * @throws AssertionError naming the first event out of order
     */
    public static Map<List<String>, List<FitProgress>> assertWellOrdered(List<FitProgress> heard) {
        assertThat(heard).as("events").isNotEmpty();
        assertThat(heard.get(0).stage()).as("first event").isEqualTo(Stage.STARTED);
        assertThat(heard.get(0).depth()).as("first event's depth").isZero();
        FitProgress last = heard.get(heard.size() - 1);
        assertThat(last.stage()).as("last event").isEqualTo(Stage.FINISHED);
        assertThat(last.path()).as("last event's path").isEqualTo(heard.get(0).path());
        Map<List<String>, List<FitProgress>> byPath = new LinkedHashMap<>();
        for (FitProgress p : heard) {
            byPath.computeIfAbsent(p.path(), k -> new ArrayList<>()).add(p);
            if (p.depth() > 0) {
                List<FitProgress> parent = byPath.get(p.path().subList(0, p.path().size() - 1));
                assertThat(parent).as("the fit enclosing %s has started", p.path()).isNotNull();
                assertThat(parent.get(parent.size() - 1).stage()).as("the fit enclosing %s is running", p.path())
                        .isNotEqualTo(Stage.FINISHED);
            }
        }
        byPath.forEach((path, events) -> {
            FitProgress start = events.get(0);
            FitProgress end = events.get(events.size() - 1);
            assertThat(start.stage()).as("%s starts with STARTED", path).isEqualTo(Stage.STARTED);
            assertThat(start.unit()).isEqualTo(Unit.ROWS);
            assertThat(start.done()).isZero();
            assertThat(start.total()).isEqualTo(start.rows());
            assertThat(end.stage()).as("%s ends with FINISHED", path).isEqualTo(Stage.FINISHED);
            assertThat(end.done()).isEqualTo((double) end.rows());
            List<FitProgress> progress = events.subList(1, events.size() - 1);
            double done = 0;
            for (FitProgress p : progress) {
                assertThat(p.stage()).as("%s between STARTED and FINISHED", path).isEqualTo(Stage.PROGRESS);
                assertThat(p.unit()).as("%s keeps its unit", path).isEqualTo(progress.get(0).unit());
                assertThat(p.total()).as("%s keeps its total", path).isEqualTo(progress.get(0).total());
                assertThat(p.done()).as("%s never goes back", path).isGreaterThanOrEqualTo(done);
                done = p.done();
            }
            long elapsed = 0;
            for (FitProgress p : events) {
                assertThat(p.rows()).as("%s keeps its rows", path).isEqualTo(start.rows());
                assertThat(p.elapsedMillis()).as("%s's clock", path).isGreaterThanOrEqualTo(elapsed);
                elapsed = p.elapsedMillis();
            }
        });
        return byPath;
    }
}
