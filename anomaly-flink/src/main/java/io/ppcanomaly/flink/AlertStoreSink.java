package io.ppcanomaly.flink;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.StageTimings;
import io.ppcanomaly.service.incident.Incident;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.SaveResult;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes alerts to an {@link AlertStore}, exactly once in effect: the writer buffers alerts and saves them when
 * Flink flushes it — before each checkpoint barrier and at the end of input — one report per (profile, level,
 * period), oldest period first (so an alert continuing yesterday's is saved after it). The store's
 * {@link AlertStore#save save} is idempotent on the alert's key (profile, level, entity, period): a replay after a
 * failure re-emits the alerts since the last completed checkpoint, and those already stored are skipped
 * ({@link SaveResult#alreadyStored()}), never duplicated; each report carries the period's incidents as the
 * pipeline grouped them (stored by their deterministic ids, replaced whole when continued); the store ends
 * the ongoing ones a later report does not continue. Alerts emitted after the last checkpoint and lost
 * in a crash are emitted again by the replay. At-least-once delivery plus an idempotent key, hence no two-phase commit.
 */
public final class AlertStoreSink implements Sink<AlertRecord> {

    private static final long serialVersionUID = 1L;

    /** Opens the store in each writer (on the task manager); serializable, so it carries a URL or a path. */
    @FunctionalInterface
    public interface StoreOpener extends Serializable {
        /** @return an open store; the writer closes it */
        AlertStore open();
    }

    private final StoreOpener opener;
    private final Granularity granularity;

    /** @return the level judged: keywords and product targets are one */
    static String level(AlertRecord r) {
        return EntityType.PRODUCT_TARGET.wireName().equals(r.entityType) ? EntityType.KEYWORD.wireName()
                : r.entityType;
    }

    /**
     * @param opener      opens the store on the task manager
     * @param granularity the period length of the alerts
     */
    public AlertStoreSink(StoreOpener opener, Granularity granularity) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.granularity = Objects.requireNonNull(granularity, "granularity");
    }

    /** @return a sink to the embedded H2 store in {@code directory} ({@link AlertStore#embedded}) */
    public static AlertStoreSink embedded(String directory, Granularity granularity) {
        return new AlertStoreSink(() -> AlertStore.embedded(Path.of(directory)), granularity);
    }

    @Override
    public SinkWriter<AlertRecord> createWriter(WriterInitContext context) {
        return new Writer(opener.open(), granularity);
    }

    /** Buffers until Flink flushes, then saves. */
    static final class Writer implements SinkWriter<AlertRecord> {
        private static final Logger LOG = LoggerFactory.getLogger(Writer.class);
        private final AlertStore store;
        private final Granularity granularity;
        private final List<AlertRecord> buffer = new ArrayList<>();

        Writer(AlertStore store, Granularity granularity) {
            this.store = store;
            this.granularity = granularity;
        }

        @Override
        public void write(AlertRecord r, Context context) {
            buffer.add(r);
        }

        @Override
        public void flush(boolean endOfInput) {
            if (buffer.isEmpty()) {
                return;
            }
            // profile → level → period → its alerts and incidents
            Map<String, Map<String, TreeMap<Long, List<AlertRecord>>>> groups = new TreeMap<>();
            for (AlertRecord r : buffer) {
                groups.computeIfAbsent(r.profileId, k -> new TreeMap<>())
                        .computeIfAbsent(level(r), k -> new TreeMap<>())
                        .computeIfAbsent(r.period, k -> new ArrayList<>()).add(r);
            }
            int saved = 0;
            int already = 0;
            for (var byProfile : groups.entrySet()) {
                ProfileId profile = ProfileId.of(byProfile.getKey());
                for (var byLevel : byProfile.getValue().entrySet()) {
                    for (var byPeriod : byLevel.getValue().entrySet()) {
                        SaveResult res = store.save(profile, report(byPeriod.getValue(), byPeriod.getKey()));
                        saved += res.opened().size() + res.continued().size();
                        already += res.alreadyStored();
                    }
                }
            }
            LOG.debug("Saved {} alerts ({} already stored)", saved, already);
            buffer.clear();
        }

        private DetectionReport report(List<AlertRecord> records, long period) {
            LocalDateTime p = Periods.fromMillis(period);
            List<Alert> alerts = new ArrayList<>(records.size());
            Map<String, Incident> incidents = new LinkedHashMap<>();
            for (AlertRecord r : records) {
                alerts.add(r.alert());
                Incident i = r.carriedIncident();
                if (i != null) {
                    incidents.put(i.id(), i);
                }
            }
            Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
            for (Severity s : Severity.values()) {
                counts.put(s, 0);
            }
            for (Alert a : alerts) {
                counts.merge(a.severity(), 1, Integer::sum);
            }
            EntityType type = alerts.get(0).entityType() == EntityType.PRODUCT_TARGET ? EntityType.KEYWORD
                    : alerts.get(0).entityType();
            return new DetectionReport(type, alerts.get(0).detectorType(), granularity, List.of(p, p), alerts.size(),
                    alerts.size(), counts, alerts, 0, 0, alerts.size(), 0, 0, 0, LoadSummary.NONE,
                    new StageTimings(0, 0, 0, 0, 0, 0), List.copyOf(incidents.values()));
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
