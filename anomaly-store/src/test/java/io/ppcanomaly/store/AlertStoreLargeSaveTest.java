package io.ppcanomaly.store;

import static io.ppcanomaly.store.Reports.day;
import static io.ppcanomaly.store.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Metrics;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AlertCause;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * save() of reports large enough for the pipelined path: columns encoded on a helper thread ahead of the writes, on
 * PostgreSQL ids reserved from the sequence and multi-row INSERTs sent as one batch. Every alert carries values of
 * its own (window, raw metrics, maps, cause, money), so a row that got another alert's columns, a lost, duplicated
 * or reordered row, or a failure leaving part of a save behind, fails here.
 */
class AlertStoreLargeSaveTest extends StoreSuite {

    /** More than {@link AlertEncoding#THREADED_FROM}; three full insert statements and a partial one. */
    private static final int N = 3 * AlertSaver.INSERT_ROWS + 17;

    private static String id(int i) {
        return String.format(Locale.ROOT, "kw-%04d", i);
    }

    /** Alert {@code i} of day {@code d}: every column its own value. */
    private static Alert alert(int i, int d) {
        double[][] rows = new double[14][FeatureSchema.DEFAULT.size()];
        for (int t = 0; t < rows.length; t++) {
            for (int f = 0; f < rows[t].length; f++) {
                rows[t][f] = i * 1e-3 + d * 1e-5 + t * 0.25 + f * 1e-7;
            }
        }
        double money = 10 + i + d / 100.0;
        AlertCause cause = new AlertCause(EntityType.CAMPAIGN, "cp-" + (i % 7), "Campaign " + i,
                RootCauseKind.CPC_SPIKE, 0.5 + i * 1e-4, day(d), "cause of " + i + " on day " + d);
        Map<String, Double> explanation = new LinkedHashMap<>();
        explanation.put("cpc", 0.4 + i * 1e-4);
        explanation.put("ctr", -0.1 - d * 1e-3);
        return new Alert(EntityType.KEYWORD, id(i), "keyword " + i + " day " + d, day(d), day(d),
                0.991 + i * 1e-6 + d * 1e-8, 0.99, Severity.values()[(i + d) % 4], "ensemble",
                Map.of("lstm-autoencoder", 0.999 - i * 1e-7, "isolation-forest", 0.98 + d * 1e-4), explanation,
                Map.of("cpc", 1.0 + i, "ctr", -0.05 * d), money, List.of(cause), Reports.RUN,
                FeatureWindow.of(FeatureSchema.DEFAULT, rows, id(i), day(d)),
                new Metrics(1000 + i, 40 + d, money * 1.1, money * 2, 3));
    }

    @OnBothDatabases
    void aLargeReportStoresEveryAlertWithItsOwnColumnsIdsAscendingInReportOrder(Db db) throws SQLException {
        ProfileId p = profile();
        store(db).save(p, report(alert(5, 9)));                      // stored earlier, continued below
        List<Alert> alerts = new ArrayList<>();
        for (int i = N - 1; i >= 0; i--) {                             // out of order: the store sorts
            alerts.add(alert(i, 10));
        }
        for (int i = 0; i < 40; i++) {
            alerts.add(alert(i, 11));                                  // continues this report's own day-10 alert
        }
        SaveResult r = store(db).save(p, report(alerts.toArray(Alert[]::new)));

        assertThat(r.opened()).hasSize(N - 1);
        assertThat(r.continued()).extracting(StoredAlert::entityId).containsExactly(id(5));
        assertThat(r.opened()).extracting(StoredAlert::entityId)
                .containsExactlyElementsOf(ids(N).stream().filter(x -> !x.equals(id(5))).toList());
        assertThat(r.opened()).extracting(StoredAlert::id).isSorted().doesNotHaveDuplicates();

        Map<String, StoredAlert> byEntity = new HashMap<>();
        for (StoredAlert a : store(db).active(p, AlertFilter.ALL, Page.first(Page.MAX_LIMIT)).alerts()) {
            assertThat(byEntity.put(a.entityId(), a)).as("one alert per entity").isNull();
        }
        assertThat(byEntity).hasSize(N);
        Map<Long, StoredAlert> saved = new HashMap<>();
        r.opened().forEach(a -> saved.put(a.id(), a));
        r.continued().forEach(a -> saved.put(a.id(), a));
        for (int i = 0; i < N; i++) {
            int last = i < 40 ? 11 : 10;
            Alert a = alert(i, last);
            StoredAlert s = byEntity.get(id(i));
            assertThat(s).as(id(i)).isEqualTo(saved.get(s.id()));
            assertThat(s.period()).isEqualTo(day(last));
            assertThat(s.firstPeriod()).isEqualTo(day(i == 5 ? 9 : 10));
            assertThat(s.occurrences()).isEqualTo((i == 5 ? 2 : 1) + (i < 40 ? 1 : 0));
            assertThat(s.entityName()).isEqualTo(a.entityName());
            assertThat(s.anomalyScore()).isEqualTo(a.anomalyScore());
            assertThat(s.memberScores()).isEqualTo(a.memberScores());
            assertThat(s.explanation()).containsExactlyEntriesOf(a.explanation());
            assertThat(s.kpiChanges()).isEqualTo(a.kpiChanges());
            assertThat(s.rootCauses()).isEqualTo(a.rootCauses());
            assertThat(s.moneyAtStake()).isEqualTo(a.moneyAtStake());
        }
        assertWindowsAreTheAlerts(db, p);
    }

    @OnBothDatabases
    void aSaveFailingMidwayLeavesNothingBehindAndSavingAgainStoresEverything(Db db) throws SQLException {
        ProfileId p = profile();
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            alerts.add(alert(i, 10));
        }
        String fail = id(2 * AlertSaver.INSERT_ROWS + 100);           // in the third insert statement
        sql(db, "ALTER TABLE anomaly_alerts ADD CONSTRAINT fail_midway CHECK (entity_id <> '" + fail + "')");
        try {
            assertThatThrownBy(() -> store(db).save(p, report(alerts.toArray(Alert[]::new))))
                    .isInstanceOf(StoreException.class);
        } finally {
            sql(db, "ALTER TABLE anomaly_alerts DROP CONSTRAINT fail_midway");
        }
        for (String table : List.of("anomaly_alerts", "anomaly_incidents", "anomaly_stats_daily",
                "anomaly_stats_entities")) {
            assertThat(count(db, "SELECT count(*) FROM " + table + " WHERE profile_id = ?", p.value()))
                    .as(table).isZero();
        }

        SaveResult again = store(db).save(p, report(alerts.toArray(Alert[]::new)));
        assertThat(again.opened()).extracting(StoredAlert::entityId).containsExactlyElementsOf(ids(N));
        assertThat(count(db, "SELECT count(*) FROM anomaly_alerts WHERE profile_id = ?", p.value())).isEqualTo(N);
        assertWindowsAreTheAlerts(db, p);
    }

    private static List<String> ids(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(id(i));
        }
        return out;
    }

    /** Every stored row's window and raw metrics, read as bytes, are those of its entity's latest alert. */
    private void assertWindowsAreTheAlerts(Db db, ProfileId p) throws SQLException {
        int rows = 0;
        try (Connection c = ownerSource(db).getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT entity_id, period, sequence_bin, snapshot_bin FROM anomaly_alerts WHERE profile_id = ?")) {
            ps.setString(1, p.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int i = Integer.parseInt(rs.getString(1).substring(3));
                    int d = (int) ChronoUnit.DAYS.between(Reports.D0, AlertRows.period(rs, "period"));
                    Alert a = alert(i, d);
                    FeatureWindow w = AlertBinary.window(rs.getBytes(3));
                    assertThat(w.entityId()).isEqualTo(a.entityId());
                    assertThat(w.period()).isEqualTo(a.period());
                    assertThat(w.schema()).isEqualTo(a.window().schema());
                    assertThat(w.toArray()).as(a.entityId()).containsExactly(a.window().toArray());
                    assertThat(AlertBinary.metrics(rs.getBytes(4))).isEqualTo(a.metrics());
                    rows++;
                }
            }
        }
        assertThat(rows).isEqualTo(N);
    }
}
