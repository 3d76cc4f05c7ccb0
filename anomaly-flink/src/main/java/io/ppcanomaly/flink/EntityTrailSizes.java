package io.ppcanomaly.flink;

import io.ppcanomaly.api.model.EntityType;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** What one entity costs in keyed state, measured with the serializer Flink uses for it. */
public final class EntityTrailSizes {

    private EntityTrailSizes() {
    }

    /**
     * @return bytes of one keyword's {@link EntityTrail} (identity of typical length and the full ring) as Flink's
     *         POJO serializer writes it into a checkpoint, under {@code cfg}
     */
    public static int bytesPerEntity(PipelineConfig cfg) {
        EntityPeriod p = new EntityPeriod();
        p.profileId = "pr-01";
        p.entityId = "kw-000123";
        p.entityType = EntityType.KEYWORD.name();
        p.name = "organic protein powder [exact]";
        p.parentId = "ag-01-02-03";
        EntityTrail t = EntityTrail.of(p, 20_000, cfg.trailCapacity());
        TypeSerializer<EntityTrail> s = TypeInformation.of(EntityTrail.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(4096);
        try {
            s.serialize(t, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.length();
    }
}
