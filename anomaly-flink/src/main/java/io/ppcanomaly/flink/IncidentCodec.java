package io.ppcanomaly.flink;

import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.service.incident.Incident;
import io.ppcanomaly.service.incident.IncidentAlert;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Incidents as bytes and back, through {@link Incident#of} (what a store keeps of an incident: its id, root,
 * affected entities, alerts and whether it is ongoing; the rest follows from them). For keyed state (the open
 * incidents a profile's level carries from period to period) and for the incident stream. Stateless.
 */
final class IncidentCodec {

    private IncidentCodec() {
    }

    static byte[] encode(List<Incident> incidents) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(buf);
            out.writeInt(incidents.size());
            for (Incident i : incidents) {
                write(out, i);
            }
            out.flush();
            return buf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Incident> decode(byte[] bytes) {
        if (bytes == null) {
            return new ArrayList<>();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int n = in.readInt();
            List<Incident> out = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                out.add(read(in));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("incident bytes must be whole encoded incidents, got "
                    + bytes.length + " bytes that end early", e);
        }
    }

    private static void write(DataOutputStream out, Incident i) throws IOException {
        out.writeUTF(i.id());
        writeNullable(out, i.profileId());
        out.writeUTF(i.rootEntityType().name());
        out.writeUTF(i.rootEntityId());
        out.writeUTF(i.rootEntityName());
        out.writeBoolean(i.ongoing());
        out.writeInt(i.affected().size());
        for (Map.Entry<EntityType, List<String>> e : i.affected().entrySet()) {
            out.writeUTF(e.getKey().name());
            out.writeInt(e.getValue().size());
            for (String id : e.getValue()) {
                out.writeUTF(id);
            }
        }
        out.writeInt(i.alerts().size());
        for (IncidentAlert a : i.alerts()) {
            out.writeUTF(a.entityType().name());
            out.writeUTF(a.entityId());
            out.writeUTF(a.entityName());
            out.writeLong(Periods.toMillis(a.period()));
            out.writeUTF(a.severity().name());
            out.writeDouble(a.anomalyScore());
            out.writeDouble(a.moneyAtStake());
            IncidentAlert.Cause c = a.cause();
            out.writeBoolean(c != null);
            if (c != null) {
                out.writeUTF(c.entityType().name());
                out.writeUTF(c.entityId());
                out.writeUTF(c.entityName());
                out.writeUTF(c.kind().name());
                out.writeDouble(c.confidence());
                out.writeUTF(c.summary());
            }
        }
    }

    private static Incident read(DataInputStream in) throws IOException {
        String id = in.readUTF();
        String profile = readNullable(in);
        EntityType rootType = EntityType.valueOf(in.readUTF());
        String rootId = in.readUTF();
        String rootName = in.readUTF();
        boolean ongoing = in.readBoolean();
        Map<EntityType, List<String>> affected = new EnumMap<>(EntityType.class);
        int na = in.readInt();
        for (int k = 0; k < na; k++) {
            EntityType t = EntityType.valueOf(in.readUTF());
            int n = in.readInt();
            List<String> ids = new ArrayList<>(n);
            for (int j = 0; j < n; j++) {
                ids.add(in.readUTF());
            }
            affected.put(t, ids);
        }
        int n = in.readInt();
        List<IncidentAlert> alerts = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            EntityType t = EntityType.valueOf(in.readUTF());
            String eid = in.readUTF();
            String name = in.readUTF();
            var period = Periods.fromMillis(in.readLong());
            Severity sev = Severity.valueOf(in.readUTF());
            double score = in.readDouble();
            double money = in.readDouble();
            IncidentAlert.Cause cause = null;
            if (in.readBoolean()) {
                cause = new IncidentAlert.Cause(EntityType.valueOf(in.readUTF()), in.readUTF(), in.readUTF(),
                        RootCauseKind.valueOf(in.readUTF()), in.readDouble(), in.readUTF());
            }
            alerts.add(new IncidentAlert(t, eid, name, period, sev, score, money, cause));
        }
        return Incident.of(id, profile, rootType, rootId, rootName, affected, alerts, ongoing);
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
