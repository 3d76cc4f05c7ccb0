package io.ppcanomaly.store;

import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.Metrics;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AlertCause;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The columns of a stored alert that depend on the report's alert alone — its four JSON maps and its window and
 * raw metrics as bytes — encoded for one save on a helper thread while the saving thread looks up what the store
 * holds and writes the rows before, so the caller's encoding runs beside the database's work instead of before
 * it (on PostgreSQL the server inserts one batch while the next is encoded). Reports of fewer than
 * {@link #THREADED_FROM} alerts are encoded on the saving thread as they are written.
 *
 * <p>Encoding is pure (no database, no shared mutable state), so encoding ahead changes no row: the saving thread
 * takes each alert's columns from here in the order it writes them, waiting only for the chunk holding it. A save
 * that ends early {@link #cancel cancels} what is not yet encoded. One instance per save; {@link #get} is called
 * by the saving thread only.
 */
final class AlertEncoding {

    /** Alerts per encoded chunk: one PostgreSQL insert statement's rows. */
    static final int CHUNK = AlertSaver.INSERT_ROWS;
    /** Reports from this many alerts get a helper thread. */
    static final int THREADED_FROM = 2 * CHUNK;

    /** Daemon threads shared by every store of the JVM, ended after a minute idle. */
    private static final ExecutorService ENCODERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ppc-anomaly-store-encoder-" + Counter.NEXT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private static final class Counter {
        static final AtomicInteger NEXT = new AtomicInteger();
    }

    /** An alert's encoded columns: {@code member_scores}, {@code explanation}, {@code kpi_changes},
     *  {@code root_causes} as JSON text, {@code sequence_bin} and {@code snapshot_bin} as bytes. */
    record Encoded(String memberScores, String explanation, String kpiChanges, String causes, byte[] window,
                   byte[] metrics) {

        /** @return the columns of {@code a}, encoded on the calling thread */
        static Encoded of(Alert a) {
            return of(a.memberScores(), a.explanation(), a.kpiChanges(), a.rootCauses(), a.window(), a.metrics());
        }

        /** @return the columns of a draft's current details, encoded on the calling thread */
        static Encoded of(AlertDraft d) {
            return of(d.memberScores, d.explanation, d.kpiChanges, d.causes, d.window, d.metrics);
        }

        private static Encoded of(Map<String, Double> member, Map<String, Double> explanation,
                                  Map<String, Double> kpi, List<AlertCause> causes, FeatureWindow window,
                                  Metrics metrics) {
            return new Encoded(AlertJson.map(member), AlertJson.map(explanation), AlertJson.map(kpi),
                    AlertJson.causes(causes), AlertBinary.window(window), AlertBinary.metrics(metrics));
        }
    }

    private final Map<Alert, Integer> index;
    private final Encoded[] encoded;
    /** One future per chunk of {@link #CHUNK} alerts, completed in order; empty when encoding inline. */
    private final CompletableFuture<?>[] chunks;
    private volatile boolean cancelled;

    private AlertEncoding(List<Alert> alerts, boolean threaded) {
        this.index = new IdentityHashMap<>(alerts.size() * 2);
        for (int i = 0; i < alerts.size(); i++) {
            index.put(alerts.get(i), i);
        }
        this.encoded = new Encoded[alerts.size()];
        int n = threaded ? (alerts.size() + CHUNK - 1) / CHUNK : 0;
        this.chunks = new CompletableFuture<?>[n];
        for (int k = 0; k < n; k++) {
            chunks[k] = new CompletableFuture<Void>();
        }
    }

    /**
     * Starts encoding {@code alerts} in their order (the order the save writes them) on a helper thread, when
     * there are at least {@link #THREADED_FROM}.
     *
     * @param alerts the report's alerts, validated; not copied, not to be changed while the save runs
     * @return the encoding, to {@link #get} from and {@link #cancel} when the save ends
     */
    static AlertEncoding start(List<Alert> alerts) {
        AlertEncoding e = new AlertEncoding(alerts, alerts.size() >= THREADED_FROM);
        if (e.chunks.length > 0) {
            ENCODERS.execute(() -> e.encodeAll(alerts));
        }
        return e;
    }

    private void encodeAll(List<Alert> alerts) {
        for (int k = 0; k < chunks.length; k++) {
            if (cancelled) {
                for (int j = k; j < chunks.length; j++) {
                    chunks[j].cancel(false);
                }
                return;
            }
            try {
                int to = Math.min(alerts.size(), (k + 1) * CHUNK);
                for (int i = k * CHUNK; i < to; i++) {
                    encoded[i] = Encoded.of(alerts.get(i));
                }
                chunks[k].complete(null);  // happens-before the saving thread's join of this chunk
            } catch (RuntimeException | Error t) {
                for (int j = k; j < chunks.length; j++) {
                    chunks[j].completeExceptionally(t);
                }
                return;
            }
        }
    }

    /**
     * The encoded columns of {@code a}, waiting for its chunk when a helper encodes them.
     *
     * @param a one of the alerts this encoding started with (any other alert is encoded here)
     * @return its columns
     * @throws IllegalStateException when encoding failed on the helper (its cause attached) or the wait was
     *     interrupted
     */
    Encoded get(Alert a) {
        Integer i = index.get(a);
        if (i == null) {
            return Encoded.of(a);
        }
        if (chunks.length == 0) {
            Encoded e = encoded[i];
            if (e == null) {
                e = Encoded.of(a);
                encoded[i] = e;
            }
            return e;
        }
        try {
            chunks[i / CHUNK].get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the alerts' encoded columns", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("encoding the alerts' columns failed", e.getCause());
        }
        return encoded[i];
    }

    /** Stops encoding what is not yet encoded (the save ended). Idempotent. */
    void cancel() {
        cancelled = true;
    }
}
