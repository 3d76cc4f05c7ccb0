package io.ppcanomaly.bench.accuracy;

import io.ppcanomaly.api.eval.RocAuc;
import io.ppcanomaly.bench.nab.CostProfile;
import io.ppcanomaly.bench.nab.FileScore;
import io.ppcanomaly.bench.nab.NabCorpus;
import io.ppcanomaly.bench.nab.NabFile;
import io.ppcanomaly.bench.nab.NabResult;
import io.ppcanomaly.bench.nab.NabScorer;
import io.ppcanomaly.bench.nab.Sweeper;
import io.ppcanomaly.service.source.CsvReader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Scores files that the CLI's {@code score} command wrote for NAB's data files by NAB's rules: each output CSV
 * (same file name as the data file, in another folder) keeps the input's {@code timestamp} column and adds
 * {@code anomaly_score}, blank for rows the command did not score (its warm-up); blanks count as 0, which NAB's
 * probation ignores anyway when the warm-up is no longer than it.
 *
 * <p>Before scoring, every output file is checked against its data file: same number of rows, same timestamp on
 * every row, so the scores cannot be shifted against the labels. Besides NAB's three profiles (threshold optimised
 * per profile over all the files together, {@link NabScorer}) it reports each file's ROC-AUC over the rows past
 * NAB's probation, the label being "inside a window".
 */
public final class NabScoredFiles {

    /** Column the CLI writes its score to. */
    public static final String SCORE_COLUMN = "anomaly_score";

    private NabScoredFiles() {
    }

    /**
     * One run's evaluation.
     *
     * @param files   the NAB files, sorted by name
     * @param scores  one score array per file, same order
     * @param rocAuc  each file's ROC-AUC past probation, same order
     * @param results NAB results under {@link CostProfile#ALL}, same order as the profiles
     */
    public record Evaluation(List<NabFile> files, List<double[]> scores, double[] rocAuc, List<NabResult> results) {

        /** @return the result under the standard profile */
        public NabResult standard() {
            return results.get(0);
        }
    }

    /**
     * Reads the scored files and evaluates them.
     *
     * @param corpus the NAB folder (data files and {@code labels_windows.json})
     * @param scored the folder holding the CLI's output for every data file, under the same names
     * @param name   what to call the detector in the results
     * @throws IOException              when a file is missing or unreadable
     * @throws IllegalArgumentException when an output file does not line up with its data file, or a score is
     *                                  not a number in [0, 1]
     */
    public static Evaluation evaluate(Path corpus, Path scored, String name) throws IOException {
        Objects.requireNonNull(scored, "scored");
        List<NabFile> files = NabCorpus.load(corpus);
        List<double[]> scores = new ArrayList<>(files.size());
        for (NabFile f : files) {
            scores.add(read(scored.resolve(f.name()), f));
        }
        return evaluate(files, scores, name);
    }

    /**
     * Evaluates scores already in memory.
     *
     * @param files  the NAB files
     * @param scores one score in [0, 1] per row of each file, same order
     * @param name   what to call the detector in the results
     */
    public static Evaluation evaluate(List<NabFile> files, List<double[]> scores, String name) {
        double[] auc = new double[files.size()];
        for (int i = 0; i < auc.length; i++) {
            auc[i] = rocAucPastProbation(files.get(i), scores.get(i));
        }
        return new Evaluation(List.copyOf(files), List.copyOf(scores), auc,
                new NabScorer().evaluateAllProfiles(name, files, scores));
    }

    /** ROC-AUC of the rows past NAB's probation, label = inside a window. */
    static double rocAucPastProbation(NabFile f, double[] s) {
        int from = NabFile.probationLength(f.size(), Sweeper.DEFAULT_PROBATION_FRACTION);
        int[] labels = f.labels();
        double[] x = new double[f.size() - from];
        int[] y = new int[x.length];
        for (int i = from; i < f.size(); i++) {
            x[i - from] = s[i];
            y[i - from] = labels[i];
        }
        return RocAuc.of(x, y);
    }

    private static double[] read(Path path, NabFile f) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("scored file " + path.toAbsolutePath() + " for " + f.name() + " does not exist");
        }
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            CsvReader csv = new CsvReader(in, ',');
            List<String> header = csv.next();
            int ts = header == null ? -1 : header.indexOf("timestamp");
            int sc = header == null ? -1 : header.indexOf(SCORE_COLUMN);
            if (ts < 0 || sc < 0) {
                throw new IllegalArgumentException(path + " header must hold 'timestamp' and '" + SCORE_COLUMN
                        + "', got " + header);
            }
            double[] out = new double[f.size()];
            List<String> row;
            int r = 0;
            while ((row = csv.next()) != null) {
                if (r >= f.size()) {
                    throw new IllegalArgumentException(path + " must have " + f.size() + " rows like " + f.name()
                            + ", got more");
                }
                String want = f.timestamp(r).toString().replace('T', ' ');
                if (!row.get(ts).trim().startsWith(want.length() == 16 ? want + ":00" : want)) {
                    throw new IllegalArgumentException(path + " line " + csv.line() + " timestamp must be " + want
                            + " like " + f.name() + ", got '" + row.get(ts) + "'");
                }
                String v = row.get(sc).trim();
                if (!v.isEmpty()) {
                    double d = Double.parseDouble(v);
                    if (!(d >= 0 && d <= 1)) {
                        throw new IllegalArgumentException(path + " line " + csv.line() + " " + SCORE_COLUMN
                                + " must be in [0, 1], got " + v);
                    }
                    out[r] = d;
                }
                r++;
            }
            if (r != f.size()) {
                throw new IllegalArgumentException(path + " must have " + f.size() + " rows like " + f.name()
                        + ", got " + r);
            }
            return out;
        }
    }

    /**
     * Prints the evaluation as Markdown: the three profiles, then per file ROC-AUC and the standard profile's raw
     * and normalised score at the threshold chosen for all files together (normalised per file as NAB normalises a
     * corpus, {@code 100 · (S − S_null) / (S_perfect − S_null)} with {@code S_null = −windows · fnWeight} and
     * {@code S_perfect = windows · tpWeight}), and the means of both per-file columns.
     */
    public static void print(Evaluation e, PrintStream out) {
        out.println("| profile | score | threshold | windows found | FP rows |");
        out.println("|---|---:|---:|---:|---:|");
        for (NabResult r : e.results()) {
            out.printf(Locale.ROOT, "| %s | %.1f | %.4f | %d / %d | %d |%n", r.profile().name(), r.normalizedScore(),
                    r.threshold(), r.windowsDetected(), r.windows(), r.falsePositives());
        }
        out.println();
        out.println("| file | ROC-AUC | raw score (std) | normalised (std) | windows found (std) | FP rows (std) |");
        out.println("|---|---:|---:|---:|---:|---:|");
        List<FileScore> std = e.standard().files();
        CostProfile p = e.standard().profile();
        double aucSum = 0;
        double normSum = 0;
        for (int i = 0; i < e.files().size(); i++) {
            FileScore f = std.get(i);
            double norm = normalised(f, p);
            aucSum += e.rocAuc()[i];
            normSum += norm;
            out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.1f | %d / %d | %d |%n", f.file(), e.rocAuc()[i],
                    f.score(), norm, f.windowsDetected(), f.windows(), f.fp());
        }
        int n = e.files().size();
        out.printf(Locale.ROOT, "| mean of %d files | %.3f | | %.1f | | |%n", n, aucSum / n, normSum / n);
        out.println();
    }

    /** One file's score normalised as NAB normalises a corpus: 0 for no detections, 100 for a perfect detector. */
    static double normalised(FileScore f, CostProfile p) {
        double none = -f.windows() * p.fnWeight();
        double perfect = f.windows() * p.tpWeight();
        return perfect == none ? 0 : 100 * (f.score() - none) / (perfect - none);
    }
}
