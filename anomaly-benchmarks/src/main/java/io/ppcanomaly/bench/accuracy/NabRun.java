package io.ppcanomaly.bench.accuracy;

import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.StreamingDetector;
import io.ppcanomaly.bench.nab.CostProfile;
import io.ppcanomaly.bench.nab.FileScore;
import io.ppcanomaly.bench.nab.NabCorpus;
import io.ppcanomaly.bench.nab.NabFile;
import io.ppcanomaly.bench.nab.NabResult;
import io.ppcanomaly.bench.nab.NabScorer;
import io.ppcanomaly.service.table.DuplicateTimestamps;
import io.ppcanomaly.service.table.RowScore;
import io.ppcanomaly.service.table.SeriesFeatureConfig;
import io.ppcanomaly.service.table.TableScorer;
import io.ppcanomaly.service.table.TableScoringConfig;
import io.ppcanomaly.service.table.WallClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;

/**
 * Runs detectors causally over NAB files and reports their NAB scores under the three profiles as Markdown.
 *
 * <p>Scoring is the service's {@link TableScorer#scoreSeries} in streaming mode at its defaults — exactly what the
 * CLI's {@code score --timestamp-column timestamp --columns value} runs (its default warm-up, 15% of the rows,
 * rounded up, covers NAB's probation, 15% rounded down): the temporal features of
 * {@link io.ppcanomaly.service.table.TemporalFeatures} are built from each file's timestamps and values, the
 * warm-up rows standardise them and fit the detector; a streaming detector then scores and learns each row, a
 * batch detector is refitted every warm-up-length rows on trailing rows. Warm-up rows are unscored (score 0),
 * which NAB ignores anyway. NAB's files repeat a timestamp now and then; those rows are kept
 * ({@link DuplicateTimestamps#KEEP}), as NAB keeps them.
 */
public final class NabRun {

    private static final Logger LOG = LoggerFactory.getLogger(NabRun.class);

    private final Path folder;
    private final int windowRows;
    private final SeriesFeatureConfig features;

    /**
     * @param folder     the NAB corpus folder (data files and {@code labels_windows.json})
     * @param windowRows feature rows per window fed to the detectors, &ge; 1
     * @param features   how the temporal features are built ({@link SeriesFeatureConfig#DEFAULT} is the CLI's)
     */
    public NabRun(Path folder, int windowRows, SeriesFeatureConfig features) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.windowRows = windowRows;
        this.features = Objects.requireNonNull(features, "features");
    }

    /** One detector's outcome: its results under the three profiles, or the reason it could not run. */
    public record Outcome(String detector, String mode, List<NabResult> results, double seconds, String failure) {
    }

    /**
     * Runs each detector on every file and prints the tables.
     *
     * @param detectors names, in report order
     * @param options   the options of each detector (its defaults plus a seed: nothing is tuned here)
     * @param out       where the Markdown goes
     * @return the outcomes, in order
     * @throws IOException when the folder cannot be read
     */
    public List<Outcome> run(List<String> detectors, Function<String, Properties> options, PrintStream out)
            throws IOException {
        List<NabFile> files = NabCorpus.load(folder);
        int windows = files.stream().mapToInt(NabFile::windowCount).sum();
        NabScorer nab = new NabScorer();
        List<Outcome> outcomes = new ArrayList<>();
        for (String name : detectors) {
            LOG.info("NAB: running {} on {} files", name, files.size());
            long t0 = System.nanoTime();
            try {
                Properties opts = options.apply(name);
                List<double[]> scores = new ArrayList<>(files.size());
                for (NabFile f : files) {
                    scores.add(scoreFile(name, opts, f));
                }
                List<NabResult> results = nab.evaluateAllProfiles(name, files, scores);
                boolean streaming = Detectors.create(name, opts) instanceof StreamingDetector;
                String mode = streaming ? "streaming: score, then learn each row"
                        : "batch: fit on warm-up, refit every warm-up-length rows on trailing rows";
                outcomes.add(new Outcome(name, mode, results, (System.nanoTime() - t0) / 1e9, null));
            } catch (RuntimeException e) {
                LOG.warn("NAB: {} failed", name, e);
                outcomes.add(new Outcome(name, "-", List.of(), (System.nanoTime() - t0) / 1e9, e.toString()));
            }
        }
        print(files, windows, outcomes, out);
        return outcomes;
    }

    /** One file's causal scores, one per row (0 for unscored warm-up rows). */
    double[] scoreFile(String detector, Properties opts, NabFile f) {
        return scoreFile(detector, opts, f, TableScoringConfig.DEFAULT.withWindowRows(windowRows), features);
    }

    /**
     * One file's causal scores through the service's time-series path, as the CLI's {@code score} computes them.
     *
     * @param detector the detector's name
     * @param opts     its options
     * @param f        the file
     * @param config   how to score (the CLI's default: {@link TableScoringConfig#DEFAULT})
     * @param features how the features are built (the CLI's default: {@link SeriesFeatureConfig#DEFAULT})
     * @return one score per row, 0 for the unscored warm-up rows
     */
    public static double[] scoreFile(String detector, Properties opts, NabFile f, TableScoringConfig config,
                                     SeriesFeatureConfig features) {
        long[] times = new long[f.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = WallClock.of(f.timestamp(i));
        }
        double[] v = f.values();
        double[][] rows = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            rows[i] = new double[] {v[i]};
        }
        List<RowScore> rs = new TableScorer(detector, opts, config).scoreSeries(times, List.of("value"), rows,
                features, DuplicateTimestamps.KEEP).scores();
        double[] s = new double[rs.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = rs.get(i).score();
        }
        return s;
    }

    private void print(List<NabFile> files, int windows, List<Outcome> outcomes, PrintStream out) {
        out.printf(Locale.ROOT, "### NAB realAdExchange: %d files, %d label windows, %d feature row(s) per window, "
                + "%s%n%n", files.size(), windows, windowRows, features);
        out.println("| detector | mode | standard | reward low FP | reward low FN | windows found (std) "
                + "| FP rows (std) | threshold (std) | run time |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Outcome o : outcomes) {
            if (o.failure() != null) {
                out.printf(Locale.ROOT, "| %s | failed: %s | | | | | | | %.1f s |%n", o.detector(),
                        o.failure().replace('|', '/'), o.seconds());
                continue;
            }
            NabResult std = o.results().get(0);
            out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %d / %d | %d | %.4f | %.1f s |%n",
                    o.detector(), o.mode(), std.normalizedScore(), o.results().get(1).normalizedScore(),
                    o.results().get(2).normalizedScore(), std.windowsDetected(), std.windows(),
                    std.falsePositives(), std.threshold(), o.seconds());
        }
        out.println();
        for (Outcome o : outcomes) {
            if (o.failure() != null) {
                continue;
            }
            out.printf(Locale.ROOT, "#### %s, per file (standard profile, threshold %.4f)%n%n", o.detector(),
                    o.results().get(0).threshold());
            out.println("| file | raw score | windows found | TP rows | FP rows | FN rows |");
            out.println("|---|---:|---:|---:|---:|---:|");
            for (FileScore f : o.results().get(0).files()) {
                out.printf(Locale.ROOT, "| %s | %.3f | %d / %d | %d | %d | %d |%n", f.file(), f.score(),
                        f.windowsDetected(), f.windows(), f.tp(), f.fp(), f.fn());
            }
            out.println();
            for (NabResult r : o.results()) {
                out.printf(Locale.ROOT, "- %s: S = %.3f, S_null = %.3f, S_perfect = %.1f, threshold %.4f → %.1f%n",
                        r.profile().name(), r.rawScore(), r.nullScore(), r.perfectScore(), r.threshold(),
                        r.normalizedScore());
            }
            out.println();
        }
        out.println("Profiles: " + CostProfile.ALL);
    }
}
