package io.ppcanomaly.store;

import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.Metrics;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary columns {@code sequence_bin} (the judged window) and {@code snapshot_bin} (the period's raw metrics),
 * schema version 6. The window was JSON text until then: 14 × 6 doubles written as decimal text, parsed by
 * PostgreSQL into {@code jsonb} numerics and compressed, cost about 0.8 s per 10,000 alerts saved; as bytes it is
 * copied. Rows written before version 6 keep their JSON columns ({@code sequence_data}, {@code feature_snapshot}),
 * which readers fall back to. Stateless and thread-safe.
 *
 * <p>Both formats start with a version byte (1), then little-endian fields:
 * <ul>
 *   <li>window: feature count (u16) and each name (u16 byte length, UTF-8); the entity id (i32 byte length, -1 for
 *       none, UTF-8); the period (a flag byte, then epoch second i64 and nanosecond i32 at UTC); row count (i32);
 *       rows × features doubles, oldest row first — bit-exact, NaN and infinities included</li>
 *   <li>metrics: impressions i64, clicks i64, spend f64, sales f64, orders i64</li>
 * </ul>
 */
final class AlertBinary {

    /** The format version this code writes. */
    static final byte VERSION = 1;

    private AlertBinary() {
    }

    /** @return the window's bytes, or {@code null} for no window */
    static byte[] window(FeatureWindow w) {
        if (w == null) {
            return null;
        }
        List<String> names = w.schema().names();
        byte[][] nameBytes = new byte[names.size()][];
        int size = 1 + 2 + 4 + 1 + 12 + 4 + 8 * w.length() * w.width();
        for (int f = 0; f < nameBytes.length; f++) {
            nameBytes[f] = names.get(f).getBytes(StandardCharsets.UTF_8);
            size += 2 + nameBytes[f].length;
        }
        byte[] entity = w.entityId() == null ? null : w.entityId().getBytes(StandardCharsets.UTF_8);
        size += entity == null ? 0 : entity.length;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(VERSION);
        b.putShort((short) nameBytes.length);
        for (byte[] n : nameBytes) {
            b.putShort((short) n.length).put(n);
        }
        if (entity == null) {
            b.putInt(-1);
        } else {
            b.putInt(entity.length).put(entity);
        }
        if (w.period() == null) {
            b.put((byte) 0).putLong(0).putInt(0);
        } else {
            b.put((byte) 1).putLong(w.period().toEpochSecond(ZoneOffset.UTC)).putInt(w.period().getNano());
        }
        b.putInt(w.length());
        b.asDoubleBuffer().put(w.toArray());
        return b.array();
    }

    /**
     * @return the window the bytes hold, or {@code null} for {@code null}
     * @throws IllegalStateException when the bytes are not a window of a known format version
     */
    static FeatureWindow window(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            version(b.get(), "sequence_bin");
            int width = b.getShort() & 0xffff;
            List<String> names = new ArrayList<>(width);
            for (int f = 0; f < width; f++) {
                names.add(string(b, b.getShort() & 0xffff));
            }
            int entityLength = b.getInt();
            String entity = entityLength < 0 ? null : string(b, entityLength);
            boolean hasPeriod = b.get() != 0;
            long second = b.getLong();
            int nano = b.getInt();
            LocalDateTime period = hasPeriod ? LocalDateTime.ofEpochSecond(second, nano, ZoneOffset.UTC) : null;
            int length = b.getInt();
            double[] values = new double[length * width];
            b.asDoubleBuffer().get(values);
            return FeatureWindow.of(FeatureSchema.of(names), values, entity, period);
        } catch (RuntimeException e) {
            if (e instanceof IllegalStateException) {
                throw e;
            }
            throw new IllegalStateException("stored window (sequence_bin, " + bytes.length + " bytes) is not "
                    + "readable: " + e, e);
        }
    }

    /** @return the metrics' bytes, or {@code null} for none */
    static byte[] metrics(Metrics m) {
        if (m == null) {
            return null;
        }
        return ByteBuffer.allocate(41).order(ByteOrder.LITTLE_ENDIAN).put(VERSION).putLong(m.impressions())
                .putLong(m.clicks()).putDouble(m.spend()).putDouble(m.sales()).putLong(m.orders()).array();
    }

    /**
     * @return the metrics the bytes hold, or {@code null} for {@code null}
     * @throws IllegalStateException when the bytes are not metrics of a known format version
     */
    static Metrics metrics(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length != 41) {
            throw new IllegalStateException("stored raw metrics (snapshot_bin) must be 41 bytes, got " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        version(b.get(), "snapshot_bin");
        return new Metrics(b.getLong(), b.getLong(), b.getDouble(), b.getDouble(), b.getLong());
    }

    private static void version(byte v, String column) {
        if (v != VERSION) {
            throw new IllegalStateException("stored " + column + " has format version " + v + ", this library reads "
                    + "version " + VERSION + " (written by a newer release?)");
        }
    }

    private static String string(ByteBuffer b, int length) {
        String s = new String(b.array(), b.arrayOffset() + b.position(), length, StandardCharsets.UTF_8);
        b.position(b.position() + length);
        return s;
    }
}
