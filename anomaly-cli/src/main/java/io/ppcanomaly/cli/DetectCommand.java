package io.ppcanomaly.cli;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.DetectionRequest;
import io.ppcanomaly.service.LabelEvaluation;
import io.ppcanomaly.service.ModelStore;
import io.ppcanomaly.service.NightAlerts;
import io.ppcanomaly.service.TrainedModel;
import io.ppcanomaly.service.json.ReportJson;
import io.ppcanomaly.service.source.MetricSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code detect}: the daily job, or a backtest, with a summary table on stdout and the alerts JSON. */
@Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Finds the anomalous keywords (or campaigns, portfolios) of a report's latest day, explains "
                + "them and traces them to root causes; prints the top alerts and writes all of them as JSON.",
            "Without --input it runs on the built-in sample account and scores the result against its labels."})
final class DetectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SourceOptions source;

    @Option(names = "--as-of", paramLabel = "DATE", converter = Converters.Period.class,
            description = "The period judged (default: the report's last).")
    private LocalDateTime asOf;

    @Option(names = {"--backtest-days", "--backtest-periods"}, paramLabel = "N", defaultValue = "1",
            description = "Judge the last N periods (days, or hours for hourly data) up to --as-of in turn, each "
                    + "from data up to it only, after one fit before the first (default ${DEFAULT-VALUE}: just "
                    + "--as-of).")
    private int backtestDays;

    @Option(names = "--entity-type", paramLabel = "LEVEL", converter = Converters.Level.class,
            defaultValue = "keyword", description = "keyword (default), ad_group, campaign or portfolio.")
    private EntityType entityType;

    @Mixin
    private DetectorOptions detector;

    @Mixin
    private StoreOptions store;

    @Option(names = "--models", paramLabel = "DIR",
            description = "Score with the models 'train' saved here instead of fitting.")
    private Path models;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the alerts JSON here.")
    private Path output;

    @Option(names = "--no-explain", negatable = false, description = "Skip the per-feature explanations.")
    private boolean noExplain;

    @Option(names = "--no-root-cause", negatable = false, description = "Skip root-cause analysis.")
    private boolean noRootCause;

    @Option(names = "--min-score", paramLabel = "P",
            description = "Alert only at or above this score as well as the detector's threshold. With the "
                    + "ensemble's calibrated scores, 0.9999 means about one false alert per 10,000 entities per "
                    + "period (its own default 0.999: one per 1,000).")
    private Double minScore;

    @Option(names = "--no-confirm", negatable = false,
            description = "Alert on every flagged window, even when the judged period itself is normal and the "
                    + "flag comes from earlier periods still inside the window (by default such echoes are "
                    + "counted, not alerted).")
    private boolean noConfirm;

    @Option(names = "--top", paramLabel = "N", defaultValue = "15",
            description = "Alerts shown in the table (default ${DEFAULT-VALUE}; the JSON holds all).")
    private int top;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (backtestDays < 1) {
            throw new CommandLine.ParameterException(cl, "--backtest-days must be >= 1, got " + backtestDays);
        }
        if (top < 0) {
            throw new CommandLine.ParameterException(cl, "--top must be >= 0, got " + top);
        }
        if (minScore != null && !(minScore > 0 && minScore <= 1)) {
            throw new CommandLine.ParameterException(cl, "--min-score must be in (0, 1], got " + minScore);
        }
        if (models != null && !Files.isDirectory(models)) {
            throw new CommandLine.ParameterException(cl, "--models must be a directory written by 'train', got '"
                    + models + "'");
        }
        String name = detector.name(cl);
        MetricSource src = source.source(cl);
        PrintWriter err = cl.getErr();
        if (source.usesSample()) {
            err.println("No --input: running on the " + src.description() + "; 'sample --output FILE' writes it "
                    + "as a report CSV.");
        }
        DetectionRequest.Builder builder = DetectionRequest.builder().entityType(entityType)
                .profileId(source.profile).asOf(asOf).periods(backtestDays).detector(name)
                .detectorOptions(detector.properties()).explain(!noExplain).rootCause(!noRootCause)
                .confirmPeriod(!noConfirm);
        if (minScore != null) {
            builder.minScore(minScore);
        }
        DetectionRequest request = builder.build();
        TrainedModel model = null;
        if (models != null) {
            model = ModelStore.load(models, entityType, name);
            request = model.applyTo(request);
        }
        StoreOptions.Run run = store.begin(cl, src, source.profile, asOf);
        DetectionReport report;
        try (TrainingProgress progress = TrainingProgress.start(err, models == null
                ? "fitting " + name + " on the history" : null)) {
            report = new AnomalyService().detect(request, run.source(), run.ongoing(), progress);
        }
        if (model != null) {
            warnIfTrainedOnJudgedPeriods(model, report.periods().get(0), err);
        }
        if (output != null) {
            write(report, output);
        }
        PrintWriter out = cl.getOut();
        out.print(SummaryTable.render(report, top));
        store.save(cl, run, report, out);
        if (output != null) {
            out.println("All " + report.anomaliesDetected() + " alerts: " + output);
        }
        if (source.usesSample()) {
            SampleAccount account = SourceOptions.sample(source.sampleGranularity()).account();
            LabelEvaluation eval = LabelEvaluation.evaluate(report, account);
            out.println();
            out.print(eval.describe());
            if (account.granularity() == Granularity.HOUR) {
                out.print(NightAlerts.evaluate(report, account).describe());
            }
            if (eval.judgedIncidents() == 0) {
                out.println(account.granularity() == Granularity.HOUR
                        ? "The sample's incidents fall in its last 7 days: add --backtest-periods 168 to judge them."
                        : "The sample's incidents fall in its last 30 days: add --backtest-days 30 to judge them.");
            }
        }
        out.flush();
        return AnomalyCli.EXIT_OK;
    }

    private static void warnIfTrainedOnJudgedPeriods(TrainedModel model, LocalDateTime first, PrintWriter err) {
        Granularity g = model.granularity();
        if (!model.trainedThrough().isBefore(first)) {
            err.println("warning: the model was trained through " + g.format(model.trainedThrough())
                    + ", which includes the judged period " + g.format(first) + (first.equals(model.trainedThrough())
                    ? "" : " onwards") + ": its scores there are optimistic. Train with --as-of before it for an "
                    + "honest check.");
        }
    }

    static void write(DetectionReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            ReportJson.write(report, out);
        }
    }
}
