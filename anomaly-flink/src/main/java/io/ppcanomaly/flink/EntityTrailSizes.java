package io.ppcanomaly.flink;

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
     * @return bytes of one keyword's {@link EntityTrail} (identity and place in the account of typical length, and
     *         the full ring) as Flink's POJO serializer writes it into a checkpoint, under {@code cfg}
     */
    public static int bytesPerEntity(PipelineConfig cfg) {
        KeywordEvent e = new KeywordEvent();
        e.profileId = "pr-01";
        e.keywordId = "kw-000123";
        e.keywordName = "organic protein powder [exact]";
        e.adGroupId = "ag-01-02-03";
        e.adGroupName = "protein powder";
        e.campaignId = "cp-01-02";
        e.campaignName = "sports nutrition - exact";
        e.portfolioId = "pf-01";
        e.portfolioName = "supplements";
        e.leafType = "keyword";
        EntityTrail t = EntityTrail.of(e, 20_000, cfg.trailCapacity());
        t.add(e, 20_000);
        TypeSerializer<EntityTrail> s = TypeInformation.of(EntityTrail.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(4096);
        try {
            s.serialize(t, out);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return out.length();
    }
}
