package io.ppcanomaly.bench.accuracy;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.bench.nab.CostProfile;
import io.ppcanomaly.bench.nab.FileScore;
import io.ppcanomaly.bench.nab.NabCorpus;
import io.ppcanomaly.bench.nab.NabFile;
import io.ppcanomaly.bench.nab.NabResult;
import io.ppcanomaly.bench.nab.NabScorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs detectors causally over NAB files ({@link CausalScorer} on {@link SeriesFeatures} rows) and reports their
 * NAB scores under the three profiles as Markdown.
 */
public final class NabRun {

    private static final Logger LOG = LoggerFactory.getLogger(NabRun.class);

    private final Path folder;
    private final int windowLength;

    /**
     * @param folder       the NAB corpus folder (data files and {@code labels_windows.json})
     * @param windowLength periods per window fed to the detectors
     */
    public NabRun(Path folder, int windowLength) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.windowLength = windowLength;
    }

    /** One detector's outcome: its results under the three profiles, or the reason it could not run. */
    public record Outcome(String detector, String mode, List<NabResult> results, double seconds, String failure) {
    }

    /**
     * Runs each detector on every file and prints the tables.
     *
     * @param detectors names, in report order
     * @param factory   makes a fresh, unfitted detector from a name
     * @param out       where the Markdown goes
     * @return the outcomes, in order
     * @throws IOException when the folder cannot be read
     */
    public List<Outcome> run(List<String> detectors, Function<String, Detector> factory, PrintStream out)
            throws IOException {
        List<NabFile> files = NabCorpus.load(folder);
        int windows = files.stream().mapToInt(NabFile::windowCount).sum();
        CausalScorer scorer = new CausalScorer(windowLength, 0, 0);
        NabScorer nab = new NabScorer();
        List<Outcome> outcomes = new ArrayList<>();
        for (String name : detectors) {
            LOG.info("NAB: running {} on {} files", name, files.size());
            long t0 = System.nanoTime();
            try {
                List<double[]> scores = new ArrayList<>(files.size());
                String mode = null;
                for (NabFile f : files) {
                    CausalScorer.Run r = scorer.run(() -> factory.apply(name), SeriesFeatures.SCHEMA,
                            SeriesFeatures.rows(f.values()));
                    mode = r.streaming() ? "streaming: score, then learn each row"
                            : "batch: fit on warm-up, refit every " + r.warmupRows() + " rows on all rows so far";
                    scores.add(r.scores());
                }
                List<NabResult> results = nab.evaluateAllProfiles(name, files, scores);
                outcomes.add(new Outcome(name, mode, results, (System.nanoTime() - t0) / 1e9, null));
            } catch (RuntimeException e) {
                LOG.warn("NAB: {} failed: {}", name, e.toString());
                outcomes.add(new Outcome(name, "-", List.of(), (System.nanoTime() - t0) / 1e9, e.toString()));
            }
        }
        print(files, windows, outcomes, out);
        return outcomes;
    }

    private void print(List<NabFile> files, int windows, List<Outcome> outcomes, PrintStream out) {
        out.printf(Locale.ROOT, "### NAB realAdExchange: %d files, %d label windows, window length %d%n%n",
                files.size(), windows, windowLength);
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
