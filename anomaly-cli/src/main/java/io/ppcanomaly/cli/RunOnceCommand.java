package io.ppcanomaly.cli;

import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.monitor.CleanupResult;
import io.ppcanomaly.monitor.LevelRun;
import io.ppcanomaly.monitor.ProfileSettings;
import io.ppcanomaly.monitor.RetrainResult;
import io.ppcanomaly.monitor.RunResult;
import io.ppcanomaly.monitor.source.MonitorSources;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.store.ProfileId;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run-once}: one detection run of every (or the named) profile, for cron; optionally retraining, clean-up. */
@Command(name = "run-once", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the monitor's detection once for every configured profile (or --profile): each level "
                + "judges every period after its watermark up to --as-of (default: the latest closed period), stores "
                + "the alerts and the learnt model, and prints one line per profile. For cron.",
            "Exit code 1 when a profile's run failed (nothing written for the failed level), 0 otherwise (a profile "
                + "another instance was running is skipped, not failed)."})
final class RunOnceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "monitor.properties (keys in the anomaly-monitor README).")
    private Path config;

    @Option(names = "--as-of", paramLabel = "DATE", converter = Converters.Period.class,
            description = "The last period to judge (default: the latest closed by the schedule's clock, cut at the "
                    + "data's last period).")
    private LocalDateTime asOf;

    @Option(names = "--profile", paramLabel = "ID", description = "Only these profiles (repeatable).")
    private List<String> profiles = new ArrayList<>();

    @Option(names = "--retrain", negatable = false,
            description = "Retrain every level after detecting (a challenger, shadow-scored against the champion).")
    private boolean retrain;

    @Option(names = "--cleanup", negatable = false,
            description = "Run the daily clean-up after detecting (archive, retention, old model versions).")
    private boolean cleanup;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Also write each judged level's alerts JSON to DIR/<profile>/<level>/<as-of>.json; with "
                    + "the built-in sample as source (source.type=sample), score every report in DIR against its "
                    + "labels.")
    private Path reportDir;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        boolean failed = false;
        try (MonitorSetup setup = MonitorSetup.open(cl, config)) {
            List<ProfileId> ids = new ArrayList<>();
            for (ProfileSettings p : setup.config.profiles()) {
                if (profiles.isEmpty() || profiles.contains(p.id().value())) {
                    ids.add(p.id());
                }
            }
            for (String p : profiles) {
                if (setup.config.profile(p) == null) {
                    throw new CommandLine.ParameterException(cl, "--profile must be one of the configured profiles, "
                            + "got '" + p + "'");
                }
            }
            for (ProfileId id : ids) {
                RunResult r = setup.monitor.runOnce(id, asOf);
                out.println(r.summary());
                failed |= r.outcome() == RunResult.Outcome.FAILED || r.outcome() == RunResult.Outcome.PARTIAL;
                if (reportDir != null) {
                    for (LevelRun l : r.levels()) {
                        if (l.report().isPresent()) {
                            DetectionReport rep = l.report().get();
                            Path file = reportDir.resolve(id.value()).resolve(l.level().wireName())
                                    .resolve(rep.granularity().format(rep.asOf()).replace(' ', 'T').replace(':', '-')
                                            + ".json");
                            DetectCommand.write(rep, file);
                        }
                    }
                }
                if (retrain) {
                    for (RetrainResult x : setup.monitor.retrain(id)) {
                        out.println(x.summary());
                        failed |= x.outcome() == RetrainResult.Outcome.FAILED;
                    }
                }
                if (cleanup) {
                    CleanupResult c = setup.monitor.cleanUp(id);
                    out.println(c.summary());
                }
            }
            if (reportDir != null && setup.sampleSource()) {
                out.print(SampleScore.describe(reportDir, SyntheticAccountGenerator.generate(
                        MonitorSources.sampleConfig(setup.sourceKeys))));
            }
        }
        out.flush();
        return failed ? AnomalyCli.EXIT_FAILURE : AnomalyCli.EXIT_OK;
    }
}
