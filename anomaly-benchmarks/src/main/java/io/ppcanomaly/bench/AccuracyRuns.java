package io.ppcanomaly.bench;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.bench.accuracy.AdBenchRun;
import io.ppcanomaly.bench.accuracy.NabRun;
import io.ppcanomaly.bench.accuracy.NabScoredFiles;
import io.ppcanomaly.bench.accuracy.NabSensitivity;
import io.ppcanomaly.service.table.SeriesFeatureConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * Accuracy runs on public labelled data, printed as Markdown tables for {@code RESULTS.md}:
 * <pre>
 * java -cp anomaly-benchmarks/target/benchmarks.jar io.ppcanomaly.bench.AccuracyRuns nab     --data ../shared/data
 * java -cp anomaly-benchmarks/target/benchmarks.jar io.ppcanomaly.bench.AccuracyRuns adbench --data ../shared/data
 * </pre>
 * The data folder is a parameter and is read in place. Detectors run at their defaults (only the seed is set):
 * these files are a yardstick, nothing is tuned on them.
 */
@Command(name = "accuracy-runs", mixinStandardHelpOptions = true,
        description = "Accuracy of the detectors on public labelled data (NAB realAdExchange, ADBench).",
        subcommands = {AccuracyRuns.Nab.class, AccuracyRuns.NabScored.class, AccuracyRuns.NabSensitivityRun.class,
            AccuracyRuns.AdBench.class})
public final class AccuracyRuns implements Callable<Integer> {

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return 2;
    }

    /**
     * Runs the command line.
     *
     * @param args {@code nab|adbench --data DIR [options]}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new AccuracyRuns()).execute(args));
    }

    /** Options shared by both runs. */
    static class Common {
        @Option(names = "--data", required = true,
                description = "The public data folder (holding nab-realAdExchange/ and adbench/).")
        Path data;

        @Option(names = "--detectors", split = ",",
                description = "Detector names (default: every detector on the class path).")
        List<String> detectors;

        List<String> detectorNames() {
            return detectors == null || detectors.isEmpty() ? Detectors.available() : detectors;
        }
    }

    /** NAB scoring of causal runs on the realAdExchange files. */
    @Command(name = "nab", mixinStandardHelpOptions = true,
            description = "NAB scores (standard, reward low FP, reward low FN) on nab-realAdExchange/.")
    static final class Nab implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @Option(names = "--window-rows", defaultValue = "1",
                description = "Feature rows per window fed to the detectors (default ${DEFAULT-VALUE}).")
        int windowRows;

        @Option(names = "--seed", defaultValue = "42", description = "Detector seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws Exception {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            NabRun run = new NabRun(common.data.resolve("nab-realAdExchange"), windowRows, SeriesFeatureConfig.DEFAULT);
            run.run(common.detectorNames(), name -> options(name, seed), out);
            return 0;
        }
    }

    /** NAB scoring of files the CLI's {@code score} command wrote (see {@code anomaly-benchmarks/nab-cli.sh}). */
    @Command(name = "nab-scored", mixinStandardHelpOptions = true,
            description = "NAB scores (three profiles) and per-file ROC-AUC of the CLI's score output for the "
                    + "nab-realAdExchange/ files.")
    static final class NabScored implements Callable<Integer> {
        @Option(names = "--data", required = true,
                description = "The public data folder (holding nab-realAdExchange/).")
        Path data;

        @Option(names = "--scored", required = true,
                description = "Folder of the CLI's output files, named like the data files.")
        Path scored;

        @Option(names = "--name", defaultValue = "score", description = "Name for the report.")
        String name;

        @Override
        public Integer call() throws Exception {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            NabScoredFiles.print(NabScoredFiles.evaluate(data.resolve("nab-realAdExchange"), scored, name), out);
            return 0;
        }
    }

    /** How the time-series NAB figure moves with the detector, its seed and each feature setting. */
    @Command(name = "nab-sensitivity", mixinStandardHelpOptions = true,
            description = "NAB scores of the CLI's time-series path by detector, seed, K, minimum cycle strength and "
                    + "L, and a leave-one-file-out choice of K.")
    static final class NabSensitivityRun implements Callable<Integer> {
        @Option(names = "--data", required = true,
                description = "The public data folder (holding nab-realAdExchange/).")
        Path data;

        @Option(names = "--detectors", split = ",", defaultValue = "isolation-forest,half-space-trees,ensemble",
                description = "Detectors compared at the default features; the first is studied further "
                        + "(default ${DEFAULT-VALUE}).")
        List<String> detectors;

        @Option(names = "--seeds", defaultValue = "8", description = "Seeds 1..N (default ${DEFAULT-VALUE}).")
        int seeds;

        @Override
        public Integer call() throws Exception {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            List<Long> seedList = new ArrayList<>();
            for (long s = 1; s <= seeds; s++) {
                seedList.add(s);
            }
            new NabSensitivity(data.resolve("nab-realAdExchange"), AccuracyRuns::options, seedList)
                    .run(detectors, out);
            return 0;
        }
    }

    /** ROC-AUC of batch fits on every ADBench table. */
    @Command(name = "adbench", mixinStandardHelpOptions = true,
            description = "Mean and min ROC-AUC over seeds on every adbench/ table, beside scikit-learn's figure.")
    static final class AdBench implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @Option(names = "--seeds", defaultValue = "5", description = "Seeds 1..N per table (default ${DEFAULT-VALUE}).")
        int seeds;

        @Override
        public Integer call() throws Exception {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            List<Long> seedList = new ArrayList<>();
            for (long s = 1; s <= seeds; s++) {
                seedList.add(s);
            }
            new AdBenchRun(common.data).run(common.detectorNames(), seedList, AccuracyRuns::create, out);
            return 0;
        }
    }

    /** Creates a detector at its defaults with only the seed set. */
    static Detector create(String name, long seed) {
        return Detectors.create(name, options(name, seed));
    }

    /**
     * A detector's defaults with only the seed set: {@code seed}, and for the ensemble also each default member's
     * {@code member.<name>.seed} for the members on the class path, so that five seeds vary every random choice.
     */
    static Properties options(String name, long seed) {
        Properties p = new Properties();
        p.setProperty("seed", Long.toString(seed));
        if (name.equals(ENSEMBLE)) {
            for (String member : ENSEMBLE_MEMBERS) {
                if (Detectors.available().contains(member)) {
                    p.setProperty("member." + member + ".seed", Long.toString(seed));
                }
            }
        }
        return p;
    }

    private static final String ENSEMBLE = "ensemble";
    private static final List<String> ENSEMBLE_MEMBERS = List.of("lstm-autoencoder", "half-space-trees",
            "isolation-forest");
}
