package io.ppcanomaly.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.sample.Incident;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.ReportCsvWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sample}: the built-in sample account as a report CSV, with its labels. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a generated Sponsored Products account as a report CSV, plus FILE.labels.json: the "
                + "injected incidents with their kind, true root entity, affected periods and keywords.",
            "The defaults give the built-in sample 'detect' runs on without --input."})
final class SampleCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--output", paramLabel = "FILE", required = true, description = "The report CSV to write.")
    private Path output;

    @Option(names = "--keywords", paramLabel = "N", defaultValue = "1000",
            description = "Number of keywords (default ${DEFAULT-VALUE}).")
    private int keywords;

    @Option(names = "--days", paramLabel = "D",
            description = "Number of days (default 90; 56 for an hourly account).")
    private Integer days;

    @Option(names = "--granularity", paramLabel = "day|hour", converter = Converters.Grain.class,
            defaultValue = "day",
            description = "One row per keyword and day (default) or per keyword and hour: an hourly account with a "
                    + "daily curve, a weekly cycle, ten times the traffic and incidents that show within a day.")
    private Granularity granularity;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed; the same seed gives the same account (default ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        SampleConfig config;
        SampleConfig base = granularity == Granularity.HOUR ? SampleConfig.HOURLY : SampleConfig.DEFAULT;
        try {
            config = base.withSeed(seed).withKeywords(keywords).withDays(days == null ? base.days() : days);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        SampleAccount account = SyntheticAccountGenerator.generate(config);
        AccountData data = new AccountData(account.graph(), account.granularity(), account.keywordSeries(),
                LoadSummary.NONE);
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        long rows;
        try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            rows = ReportCsvWriter.write(data, w);
        }
        Path labels = output.resolveSibling(output.getFileName() + ".labels.json");
        try (OutputStream out = Files.newOutputStream(labels)) {
            writeLabels(account, output.getFileName().toString(), out);
        }
        cl.getOut().println(String.format(Locale.ROOT, "Wrote %s (%,d rows: %,d keywords x %,d %s) and %s (%d "
                + "incidents)", output, rows, account.keywordIds().size(), config.periods(),
                granularity == Granularity.HOUR ? "hours" : "days", labels, account.incidents().size()));
        cl.getOut().flush();
        return AnomalyCli.EXIT_OK;
    }

    /** Writes the labels, with entity ids as {@code CsvMetricSource} reads them back from the report. */
    static void writeLabels(SampleAccount account, String report, OutputStream out) throws IOException {
        EntityGraph graph = account.graph();
        Granularity g = account.granularity();
        try (JsonGenerator j = JsonFactory.builder().build().createGenerator(out, JsonEncoding.UTF8)) {
            j.useDefaultPrettyPrinter();
            j.writeStartObject();
            j.writeStringField("report", report);
            j.writeNumberField("seed", account.config().seed());
            j.writeNumberField("keywords", account.keywordIds().size());
            j.writeNumberField("days", account.config().days());
            j.writeStringField("granularity", g.name().toLowerCase(Locale.ROOT));
            j.writeStringField("start", g.format(account.start()));
            j.writeStringField("end", g.format(account.end()));
            j.writeArrayFieldStart("incidents");
            for (Incident i : account.incidents()) {
                String root = ReportCsvWriter.reportIdOf(graph, i.rootEntityId(), false);
                j.writeStartObject();
                j.writeStringField("id", i.id());
                j.writeStringField("kind", i.kind().wireName());
                j.writeStringField("root_cause_kind", i.kind().rootCauseKind().wireName());
                j.writeStringField("root_entity_type", graph.get(i.rootEntityId()).type().wireName());
                j.writeStringField("root_entity_id", root);
                j.writeStringField("root_entity_name", graph.get(i.rootEntityId()).name());
                j.writeStringField("start", g.format(i.start()));
                j.writeStringField("end", g.format(i.end()));
                j.writeArrayFieldStart("periods");
                for (Incident.Span span : i.spans()) {
                    for (LocalDateTime p = span.start(); !p.isAfter(span.end()); p = g.plus(p, 1)) {
                        j.writeString(g.format(p));
                    }
                }
                j.writeEndArray();
                j.writeNumberField("magnitude", i.magnitude());
                j.writeArrayFieldStart("affected_keyword_ids");
                for (String k : i.affectedKeywordIds()) {
                    j.writeString(ReportCsvWriter.reportIdOf(graph, k, false));
                }
                j.writeEndArray();
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeEndObject();
            j.writeRaw('\n');
        }
    }
}
