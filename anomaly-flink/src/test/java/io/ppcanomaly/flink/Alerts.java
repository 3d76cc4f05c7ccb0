package io.ppcanomaly.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AlertCause;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Comparing alert sets the way the issue states "same results". */
final class Alerts {

    private Alerts() {
    }

    /** @return key → what must be equal: severity, start, root causes (entity and kind, in order) */
    static Map<String, String> digest(List<Alert> alerts) {
        Map<String, String> out = new TreeMap<>();
        for (Alert a : alerts) {
            String causes = a.rootCauses().stream().map(c -> c.entityId() + ":" + c.kind())
                    .collect(Collectors.joining(","));
            String prev = out.put(key(a), a.severity() + " start=" + a.anomalyStart().toLocalDate() + " causes=["
                    + causes + "]");
            assertThat(prev).as("alert %s is unique", key(a)).isNull();
        }
        return out;
    }

    static String key(Alert a) {
        return a.entityType().wireName() + "|" + a.entityId() + "|" + a.period().toLocalDate();
    }

    /**
     * Asserts the same alerts: same keys, severities, starts, root causes; the same judged windows (the features
     * are the same bits: parents are summed in the service's order); scores within 1e-9.
     */
    static void assertSame(List<Alert> actual, List<Alert> expected) {
        assertThat(digest(actual)).isEqualTo(digest(expected));
        Map<String, Alert> byKey = new TreeMap<>();
        for (Alert a : expected) {
            byKey.put(key(a), a);
        }
        for (Alert a : actual) {
            Alert e = byKey.get(key(a));
            assertThat(a.window()).as("window of %s", key(a)).isEqualTo(e.window());
            assertThat(a.moneyAtStake()).as("money at stake of %s", key(a)).isCloseTo(e.moneyAtStake(),
                    within(1e-6));
            for (int i = 0; i < a.rootCauses().size(); i++) {
                AlertCause c = a.rootCauses().get(i);
                assertThat(c.confidence()).as("cause %d of %s", i, key(a))
                        .isCloseTo(e.rootCauses().get(i).confidence(), within(1e-9));
                assertThat(c.summary()).isEqualTo(e.rootCauses().get(i).summary());
            }
            assertThat(a.anomalyStart()).isEqualTo(e.anomalyStart());
            assertThat(a.explanation().keySet()).isEqualTo(e.explanation().keySet());
        }
        for (Alert a : actual) {
            assertThat(a.anomalyScore()).as("score of %s", key(a)).isCloseTo(byKey.get(key(a)).anomalyScore(),
                    within(1e-9));
        }
    }
}
