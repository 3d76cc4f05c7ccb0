package io.ppcanomaly.flink;

import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Metrics;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AlertCause;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Alert} as bytes and back, whole: every field, the judged window and the raw metrics included, map
 * orders kept. Flink's own serializers cannot copy the library's immutable records (their lists and maps have no
 * constructor Kryo can call), so alerts travel between operators and sit in sinks' buffers in this form.
 * Stateless and thread-safe.
 */
final class AlertCodec {

    private static final int VERSION = 1;

    private AlertCodec() {
    }

    /** @return the alert's bytes */
    static byte[] encode(Alert a) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
            DataOutputStream out = new DataOutputStream(buf);
            out.writeByte(VERSION);
            out.writeUTF(a.entityType().name());
            out.writeUTF(a.entityId());
            out.writeUTF(a.entityName());
            writeTime(out, a.period());
            writeTime(out, a.anomalyStart());
            out.writeDouble(a.anomalyScore());
            out.writeDouble(a.threshold());
            out.writeUTF(a.severity().name());
            out.writeUTF(a.detectorType());
            writeMap(out, a.memberScores());
            writeMap(out, a.explanation());
            writeMap(out, a.kpiChanges());
            out.writeDouble(a.moneyAtStake());
            out.writeInt(a.rootCauses().size());
            for (AlertCause c : a.rootCauses()) {
                out.writeUTF(c.entityType().name());
                out.writeUTF(c.entityId());
                out.writeUTF(c.entityName());
                out.writeUTF(c.kind().name());
                out.writeDouble(c.confidence());
                out.writeBoolean(c.start() != null);
                if (c.start() != null) {
                    writeTime(out, c.start());
                }
                out.writeUTF(c.summary());
            }
            out.writeLong(a.detectionTimestamp().getEpochSecond());
            out.writeInt(a.detectionTimestamp().getNano());
            FeatureWindow w = a.window();
            out.writeBoolean(w != null);
            if (w != null) {
                List<String> names = w.schema().names();
                out.writeInt(names.size());
                for (String n : names) {
                    out.writeUTF(n);
                }
                out.writeInt(w.length());
                for (double v : w.toArray()) {
                    out.writeDouble(v);
                }
                out.writeBoolean(w.entityId() != null);
                if (w.entityId() != null) {
                    out.writeUTF(w.entityId());
                }
                out.writeBoolean(w.period() != null);
                if (w.period() != null) {
                    writeTime(out, w.period());
                }
            }
            Metrics m = a.metrics();
            out.writeBoolean(m != null);
            if (m != null) {
                out.writeLong(m.impressions());
                out.writeLong(m.clicks());
                out.writeDouble(m.spend());
                out.writeDouble(m.sales());
                out.writeLong(m.orders());
            }
            out.flush();
            return buf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding the alert of '" + a.entityId() + "' failed", e);
        }
    }

    /**
     * @return the alert {@link #encode} wrote
     * @throws IllegalArgumentException for bytes of another version or cut short
     */
    static Alert decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("alert encoding version must be " + VERSION + ", got " + version);
            }
            EntityType type = EntityType.valueOf(in.readUTF());
            String id = in.readUTF();
            String name = in.readUTF();
            LocalDateTime period = readTime(in);
            LocalDateTime start = readTime(in);
            double score = in.readDouble();
            double threshold = in.readDouble();
            Severity severity = Severity.valueOf(in.readUTF());
            String detector = in.readUTF();
            Map<String, Double> members = readMap(in);
            Map<String, Double> explanation = readMap(in);
            Map<String, Double> kpis = readMap(in);
            double money = in.readDouble();
            int nc = in.readInt();
            List<AlertCause> causes = new ArrayList<>(nc);
            for (int i = 0; i < nc; i++) {
                EntityType ct = EntityType.valueOf(in.readUTF());
                String cid = in.readUTF();
                String cname = in.readUTF();
                RootCauseKind kind = RootCauseKind.valueOf(in.readUTF());
                double confidence = in.readDouble();
                LocalDateTime cstart = in.readBoolean() ? readTime(in) : null;
                causes.add(new AlertCause(ct, cid, cname, kind, confidence, cstart, in.readUTF()));
            }
            Instant ts = Instant.ofEpochSecond(in.readLong(), in.readInt());
            FeatureWindow window = null;
            if (in.readBoolean()) {
                int nf = in.readInt();
                List<String> names = new ArrayList<>(nf);
                for (int i = 0; i < nf; i++) {
                    names.add(in.readUTF());
                }
                int length = in.readInt();
                double[] values = new double[length * nf];
                for (int i = 0; i < values.length; i++) {
                    values[i] = in.readDouble();
                }
                String wid = in.readBoolean() ? in.readUTF() : null;
                LocalDateTime wp = in.readBoolean() ? readTime(in) : null;
                window = FeatureWindow.of(FeatureSchema.of(names), values, wid, wp);
            }
            Metrics metrics = in.readBoolean()
                    ? new Metrics(in.readLong(), in.readLong(), in.readDouble(), in.readDouble(), in.readLong())
                    : null;
            return new Alert(type, id, name, period, start, score, threshold, severity, detector, members,
                    explanation, kpis, money, causes, ts, window, metrics);
        } catch (IOException e) {
            throw new IllegalArgumentException("alert bytes must be a whole encoded alert, got "
                    + bytes.length + " bytes that end early", e);
        }
    }

    private static void writeTime(DataOutputStream out, LocalDateTime t) throws IOException {
        out.writeLong(Periods.toMillis(t));
    }

    private static LocalDateTime readTime(DataInputStream in) throws IOException {
        return Periods.fromMillis(in.readLong());
    }

    private static void writeMap(DataOutputStream out, Map<String, Double> m) throws IOException {
        out.writeInt(m.size());
        for (Map.Entry<String, Double> e : m.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeDouble(e.getValue());
        }
    }

    private static Map<String, Double> readMap(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<String, Double> m = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            m.put(in.readUTF(), in.readDouble());
        }
        return m;
    }
}
