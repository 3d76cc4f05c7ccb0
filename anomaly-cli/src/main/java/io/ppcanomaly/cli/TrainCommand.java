package io.ppcanomaly.cli;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.DetectionRequest;
import io.ppcanomaly.service.ModelStore;
import io.ppcanomaly.service.TrainedModel;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.MetricSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: fit and save the models {@code detect --models} uses. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fits the detector on a report's history, for each level, and saves the models in a "
                + "directory for 'detect --models DIR' (LSTM progress shown as a progress bar).",
            "Without --input it trains on the built-in sample account."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SourceOptions source;

    @Option(names = "--models", paramLabel = "DIR", required = true,
            description = "Directory to save the models in (created if needed; older models of the same level and"
                    + " detector are replaced).")
    private Path models;

    @Mixin
    private DetectorOptions detector;

    @Option(names = "--entity-type", paramLabel = "LEVEL", split = ",", converter = Converters.Level.class,
            defaultValue = "keyword,campaign,portfolio",
            description = "Levels to train, comma-separated (default ${DEFAULT-VALUE}).")
    private List<EntityType> levels;

    @Option(names = "--as-of", paramLabel = "DATE", converter = Converters.Period.class,
            description = "Train on windows ending at or before this period (default: the report's last). Train "
                    + "before a backtest's first day to keep it honest.")
    private LocalDateTime asOf;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        String name = detector.name(cl);
        MetricSource src = source.source(cl);
        PrintWriter err = cl.getErr();
        PrintWriter out = cl.getOut();
        if (source.usesSample()) {
            err.println("No --input: training on the " + src.description() + ".");
        }
        // Read the report once for every level.
        AccountData data = src.load(new MetricQuery(source.profile, asOf));
        MetricSource loaded = InMemoryMetricSource.of(src.description(), data);
        AnomalyService service = new AnomalyService();
        for (EntityType level : levels) {
            DetectionRequest request = DetectionRequest.builder().entityType(level).asOf(asOf).detector(name)
                    .detectorOptions(detector.properties()).build();
            TrainedModel model;
            try (TrainingProgress progress = TrainingProgress.start(err, "training " + level.wireName() + " "
                    + name)) {
                model = service.train(request, loaded, progress);
            }
            Path file = ModelStore.save(model, models);
            out.println(String.format(Locale.ROOT, "%-9s %-18s %,8d windows through %s  fitted in %.1f s  -> %s",
                    level.wireName(), name, model.trainingWindows(), model.granularity().format(model.trainedThrough()),
                    model.fitMillis() / 1000.0, file));
            out.flush();
        }
        return AnomalyCli.EXIT_OK;
    }
}
