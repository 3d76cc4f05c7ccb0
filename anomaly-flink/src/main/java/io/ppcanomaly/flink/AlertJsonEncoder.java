package io.ppcanomaly.flink;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.json.ReportJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.api.common.serialization.Encoder;

/**
 * One alert per line as JSON, in the report's alert schema ({@link ReportJson#writeAlert}), for a
 * {@code FileSink} (exactly once: its part files are committed with each checkpoint) or any byte sink.
 */
public final class AlertJsonEncoder implements Encoder<AlertRecord> {

    private static final long serialVersionUID = 1L;
    private final Granularity granularity;

    /** @param granularity the period length of the alerts (how periods are written) */
    public AlertJsonEncoder(Granularity granularity) {
        this.granularity = Objects.requireNonNull(granularity, "granularity");
    }

    @Override
    public void encode(AlertRecord r, OutputStream stream) throws IOException {
        Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        ReportJson.writeAlert(r.alert(), r.incidentId, granularity, w);
        w.write('\n');
        w.flush();
    }
}
