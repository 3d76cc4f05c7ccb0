package io.ppcanomaly.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar anomaly.jar <command>}: the whole PPC anomaly job from the command line.
 *
 * <p>Exit codes: 0 on success, {@value #EXIT_USAGE} on bad usage (an unknown option or value, a missing file,
 * an unknown detector), {@value #EXIT_FAILURE} when the job fails (a bad report row, a corrupt model).
 * Messages go to stderr; results (the summary table, the detector list) to stdout.
 */
@Command(name = "anomaly", mixinStandardHelpOptions = true, versionProvider = AnomalyCli.Version.class,
        description = "Finds anomalies in pay-per-click advertising data, explains them and traces them to a root "
                + "cause.",
        subcommands = {DetectCommand.class, TrainCommand.class, ScoreCommand.class, SampleCommand.class,
            DetectorsCommand.class, AlertsCommand.class, MonitorCommand.class, RunOnceCommand.class,
            NotifyCommand.class, NotifyTestCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 2 bad usage, 1 failure. Add -v (before the command) for progress logs.",
            "Start with: java -jar anomaly.jar detect --backtest-days 30"})
public final class AnomalyCli implements Runnable {

    /** Exit code of a successful run. */
    public static final int EXIT_OK = 0;
    /** Exit code of a failed run. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of bad usage. */
    public static final int EXIT_USAGE = 2;

    @Spec
    private CommandSpec spec;

    @CommandLine.Option(names = {"-v", "--verbose"}, description = "Log progress at INFO on stderr.")
    private boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: detect, train, score, "
                + "sample, detectors, alerts, monitor, run-once, notify or notify-test");
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        configureLogging(args);
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(out, err, args));
    }

    /**
     * Runs the command line without exiting, writing to the given streams.
     *
     * @return the exit code
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new AnomalyCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_FAILURE);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("error: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            c.getErr().flush();
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("error: " + Failures.describe(ex));
            if (Boolean.getBoolean("anomaly.stacktrace")) {
                ex.printStackTrace(c.getErr());
            }
            c.getErr().flush();
            return EXIT_FAILURE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Sets slf4j-simple's levels before any logger exists: WARN by default, INFO with -v; the monitor daemon logs its
     * runs at INFO with timestamps. Training progress reaches the progress bar through the detectors' fit listener,
     * not through the log.
     */
    static void configureLogging(String[] args) {
        boolean verbose = false;
        boolean daemon = false;
        for (String a : args) {
            if (a.equals("-v") || a.equals("--verbose")) {
                verbose = true;
            }
            daemon |= a.equals("monitor");
        }
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        if (daemon) {
            // the daemon's progress and one line per run are its output: INFO, with the time
            setIfAbsent("org.slf4j.simpleLogger.log.io.ppcanomaly.monitor", "info");
            setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
            setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        }
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AnomalyCli.class.getPackage().getImplementationVersion();
            return new String[] {"PPC Anomaly " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
