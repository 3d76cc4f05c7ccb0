package io.ppcanomaly.flink;

import io.ppcanomaly.api.model.Granularity;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The detection job as a Flink DataStream pipeline.
 *
 * <pre>
 *  keyword events ──(event time: the period's start; bounded out-of-orderness watermarks)
 *    └─ keyBy(profile) ──connect── broadcast model versions ({@link ModelUpdate})
 *         └─ {@link ProfileDetector}: each event summed into its keyword's trail in keyed state (events after their
 *            period's end + allowed lateness ──► side output {@link #LATE}, counted); when the watermark passes a
 *            period's end + lateness: the roll-up (ad groups, campaigns, portfolios, the profile: sums of their
 *            keywords in keyword-id order), then each level is judged with the library's per-period step: batch
 *            score → confirm → trace starts → explain → learn → root causes over the profile → alerts
 *            ({@link AlertRecord}) → incidents ({@link #INCIDENTS}: the library's grouping, open incidents carried
 *            in keyed state)
 * </pre>
 *
 * Parsing scales across the source's splits; roll-ups and detection across profiles (one profile's levels run in
 * one keyed operator, since root causes read every level's metrics of the profile; its roll-up runs there too, so
 * a keyword event crosses the network once, not once per level). Stateless: a factory of pipelines.
 */
public final class PpcAnomalyPipeline {

    /**
     * Keyword events that came after their period's end plus the allowed lateness (the period was already rolled up
     * and judged), one record each: counted, never silently dropped.
     */
    public static final OutputTag<EntityPeriod> LATE = new OutputTag<>("late-events",
            TypeInformation.of(EntityPeriod.class));
    /** Incidents as they stand after each period that changed them (the latest per id is the incident). */
    public static final OutputTag<IncidentRecord> INCIDENTS = new OutputTag<>("incidents",
            TypeInformation.of(IncidentRecord.class));
    /** Lines of the CSV source that could not be read, with the reason. */
    public static final OutputTag<String> BAD_LINES = new OutputTag<>("bad-lines", Types.STRING);

    private PpcAnomalyPipeline() {
    }

    /**
     * The pipeline's outputs.
     *
     * @param alerts     the alerts, each once per (profile, level, entity, period), with their incident's id
     * @param incidents  incidents as they stand after each period that changed them (grouped as the library
     *                   groups them, open ones continued from period to period); the latest record per id wins
     * @param lateEvents keyword records that came after their period's allowed lateness (one per late event)
     */
    public record Result(DataStream<AlertRecord> alerts, DataStream<IncidentRecord> incidents,
                         DataStream<EntityPeriod> lateEvents) {
    }

    /**
     * @return watermarks for keyword events: their period's start, bounded out-of-orderness from the config,
     *         emitted as soon as an event moves event time forward (once per period and source split: events of a
     *         period share their timestamp), so what counts as late depends on the events' order only, never on
     *         how fast a machine reads them (a periodic watermark would)
     */
    public static WatermarkStrategy<KeywordEvent> watermarks(PipelineConfig cfg) {
        long bound = cfg.outOfOrderness().toMillis();
        return WatermarkStrategy.<KeywordEvent>forGenerator(ctx -> new OnAdvance(bound))
                .withTimestampAssigner((e, ts) -> e.period);
    }

    /** Bounded out-of-orderness, emitted on every advance of the highest timestamp seen. */
    static final class OnAdvance implements WatermarkGenerator<KeywordEvent> {
        private final long bound;
        private long max = Long.MIN_VALUE;

        OnAdvance(long bound) {
            this.bound = bound;
        }

        @Override
        public void onEvent(KeywordEvent e, long timestamp, WatermarkOutput out) {
            if (timestamp > max) {
                max = timestamp;
                out.emitWatermark(new Watermark(max - bound - 1));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput out) {
        }
    }

    /**
     * A bounded source of the canonical keyword report CSV ({@link KeywordCsv}) with event-time watermarks;
     * unreadable lines go to {@link #BAD_LINES} (take them with {@code getSideOutput}).
     */
    public static SingleOutputStreamOperator<KeywordEvent> csvEvents(StreamExecutionEnvironment env, String path,
                                                                     PipelineConfig cfg, boolean multiProfile) {
        FileSource<String> source = FileSource.forRecordStreamFormat(new TextLineInputFormat(),
                new org.apache.flink.core.fs.Path(path)).build();
        Granularity g = cfg.granularity();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "keyword-csv")
                .process(new ParseLines(g, multiProfile)).name("parse-keyword-csv").uid("parse-keyword-csv")
                .assignTimestampsAndWatermarks(watermarks(cfg)).name("event-time").uid("event-time");
    }

    /**
     * Builds the pipeline on events that already carry event time and watermarks ({@link #watermarks}), e.g. a
     * Kafka source's.
     *
     * @param models model versions; latest per level wins, picked up without restart
     */
    public static Result build(PipelineConfig cfg, DataStream<KeywordEvent> events, DataStream<ModelUpdate> models) {
        Objects.requireNonNull(cfg, "cfg");
        MapStateDescriptor<String, ModelUpdate> desc = ProfileDetector.MODELS;
        BroadcastStream<ModelUpdate> broadcast = models.broadcast(desc);
        SingleOutputStreamOperator<AlertRecord> alerts = events.keyBy(e -> e.profileId)
                .connect(broadcast)
                .process(new ProfileDetector(cfg)).name("detect").uid("detect");
        DataStream<EntityPeriod> late = alerts.getSideOutput(LATE);
        return new Result(alerts, alerts.getSideOutput(INCIDENTS), late);
    }

    /** Parses CSV lines, skipping the header; bad lines to {@link #BAD_LINES}. */
    static final class ParseLines extends ProcessFunction<String, KeywordEvent> {
        private static final long serialVersionUID = 1L;
        private final Granularity granularity;
        private final boolean multiProfile;

        ParseLines(Granularity granularity, boolean multiProfile) {
            this.granularity = granularity;
            this.multiProfile = multiProfile;
        }

        @Override
        public void processElement(String line, Context ctx, Collector<KeywordEvent> out) {
            if (line.isBlank() || KeywordCsv.isHeader(line)) {
                return;
            }
            try {
                out.collect(KeywordCsv.parse(line, granularity, multiProfile));
            } catch (IllegalArgumentException e) {
                ctx.output(BAD_LINES, e.getMessage() + " (line '" + line + "')");
            }
        }
    }
}
