package io.ppcanomaly.bench.accuracy;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.eval.LabelledTable;
import io.ppcanomaly.api.eval.RocAuc;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Fits each detector unsupervised on all rows of every ADBench table, scores all rows, and reports the mean and
 * minimum ROC-AUC over seeds beside the scikit-learn figure of the data folder's README.
 */
public final class AdBenchRun {

    private static final Logger LOG = LoggerFactory.getLogger(AdBenchRun.class);

    private final Path dataDir;

    /** @param dataDir the public data folder (holding {@code adbench/} and {@code README.md}) */
    public AdBenchRun(Path dataDir) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    /**
     * One detector on one table over all seeds.
     *
     * @param detector     the detector
     * @param table        the table
     * @param aucs         ROC-AUC per seed
     * @param fitSeconds   mean fit time
     * @param scoreMicros  mean batch score time per row
     * @param failure      why it could not run, or {@code null}
     */
    public record Cell(String detector, String table, double[] aucs, double fitSeconds, double scoreMicros,
                       String failure) {

        /** @return the mean ROC-AUC */
        public double mean() {
            double s = 0;
            for (double a : aucs) {
                s += a;
            }
            return s / aucs.length;
        }

        /** @return the lowest ROC-AUC */
        public double min() {
            double m = Double.POSITIVE_INFINITY;
            for (double a : aucs) {
                m = Math.min(m, a);
            }
            return m;
        }
    }

    /**
     * Runs and prints.
     *
     * @param detectors names, in report order
     * @param seeds     seeds per table
     * @param factory   makes a fresh detector from a name and a seed
     * @param out       where the Markdown goes
     * @return every cell
     * @throws IOException when the folder cannot be read
     */
    public List<Cell> run(List<String> detectors, List<Long> seeds, BiFunction<String, Long, Detector> factory,
                          PrintStream out) throws IOException {
        List<LabelledTable> tables = loadAll(dataDir.resolve("adbench"));
        Map<String, String> sklearn = scikitLearnFigures(dataDir.resolve("README.md"));
        List<Cell> cells = new ArrayList<>();
        for (LabelledTable t : tables) {
            List<FeatureWindow> windows = windows(t);
            for (String name : detectors) {
                cells.add(runCell(name, t, windows, seeds, factory));
            }
        }
        print(tables, detectors, seeds, sklearn, cells, out);
        return cells;
    }

    private static Cell runCell(String name, LabelledTable t, List<FeatureWindow> windows, List<Long> seeds,
                                BiFunction<String, Long, Detector> factory) {
        double[] aucs = new double[seeds.size()];
        long fitNanos = 0;
        long scoreNanos = 0;
        try {
            for (int k = 0; k < seeds.size(); k++) {
                Detector d = factory.apply(name, seeds.get(k));
                long t0 = System.nanoTime();
                d.fit(windows);
                long t1 = System.nanoTime();
                List<AnomalyResult> rs = d.scoreAll(windows);
                long t2 = System.nanoTime();
                fitNanos += t1 - t0;
                scoreNanos += t2 - t1;
                double[] s = new double[rs.size()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = rs.get(i).score();
                }
                aucs[k] = RocAuc.of(s, t.labels());
                LOG.info("ADBench: {} on {} seed {}: ROC-AUC {}", name, t.name(), seeds.get(k),
                        String.format(Locale.ROOT, "%.4f", aucs[k]));
            }
            return new Cell(name, t.name(), aucs, fitNanos / 1e9 / seeds.size(),
                    scoreNanos / 1e3 / seeds.size() / windows.size(), null);
        } catch (RuntimeException e) {
            LOG.warn("ADBench: {} on {} failed: {}", name, t.name(), e.toString());
            return new Cell(name, t.name(), new double[] {Double.NaN}, 0, 0, e.toString());
        }
    }

    private static void print(List<LabelledTable> tables, List<String> detectors, List<Long> seeds,
                              Map<String, String> sklearn, List<Cell> cells, PrintStream out) {
        out.printf(Locale.ROOT, "### ADBench ROC-AUC: fit on all rows, score all rows, seeds %s; mean (min)%n%n",
                seeds);
        StringBuilder h = new StringBuilder("| table | rows × features | outliers | scikit-learn IF |");
        StringBuilder sep = new StringBuilder("|---|---:|---:|---:|");
        for (String d : detectors) {
            h.append(' ').append(d).append(" |");
            sep.append("---:|");
        }
        out.println(h);
        out.println(sep);
        for (LabelledTable t : tables) {
            StringBuilder row = new StringBuilder();
            row.append(String.format(Locale.ROOT, "| %s | %d × %d | %d | %s |", t.name(), t.rows(), t.columns(),
                    t.anomalies(), sklearn.getOrDefault(t.name(), "?")));
            for (String d : detectors) {
                Cell c = find(cells, d, t.name());
                row.append(c.failure() != null ? " failed |"
                        : String.format(Locale.ROOT, " %.4f (%.4f) |", c.mean(), c.min()));
            }
            out.println(row);
        }
        out.println();
        out.println("| detector | table | mean fit time | batch score time per row |");
        out.println("|---|---|---:|---:|");
        for (Cell c : cells) {
            if (c.failure() != null) {
                out.printf(Locale.ROOT, "| %s | %s | failed: %s | |%n", c.detector(), c.table(),
                        c.failure().replace('|', '/'));
            } else {
                out.printf(Locale.ROOT, "| %s | %s | %.3f s | %.2f µs |%n", c.detector(), c.table(), c.fitSeconds(),
                        c.scoreMicros());
            }
        }
        out.println();
        out.println("ROC-AUC on the detectors' [0, 1] scores with average ranks for ties (RocAuc).");
    }

    /** Reads every {@code *.csv.gz} table of the folder, sorted by name; a missing or empty folder fails. */
    static List<LabelledTable> loadAll(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("ADBench data folder " + dir.toAbsolutePath() + " does not exist");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.csv.gz")) {
            ds.forEach(files::add);
        }
        if (files.isEmpty()) {
            throw new IOException("ADBench data folder " + dir.toAbsolutePath() + " holds no *.csv.gz table");
        }
        files.sort(null);
        List<LabelledTable> out = new ArrayList<>(files.size());
        for (Path f : files) {
            out.add(LabelledTable.read(f));
        }
        return out;
    }

    /** @return each row of the table as a one-period window with generic feature names {@code x0…} */
    static List<FeatureWindow> windows(LabelledTable t) {
        FeatureSchema schema = FeatureSchema.generic(t.columns());
        List<FeatureWindow> out = new ArrayList<>(t.rows());
        for (double[] r : t.x()) {
            out.add(FeatureWindow.ofRow(schema, r));
        }
        return out;
    }

    private static Cell find(List<Cell> cells, String detector, String table) {
        for (Cell c : cells) {
            if (c.detector().equals(detector) && c.table().equals(table)) {
                return c;
            }
        }
        throw new IllegalStateException("no cell for " + detector + " on " + table);
    }

    /** Reads the scikit-learn ROC-AUC column (4th) of the README's table rows {@code | name | … |}. */
    static Map<String, String> scikitLearnFigures(Path readme) throws IOException {
        Map<String, String> out = new HashMap<>();
        if (!Files.isRegularFile(readme)) {
            return out;
        }
        for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
            String[] cols = line.split("\\|");
            if (cols.length >= 5 && line.startsWith("|")) {
                String name = cols[1].trim();
                String auc = cols[4].trim();
                if (auc.matches("0\\.\\d+")) {
                    out.put(name, auc);
                }
            }
        }
        return out;
    }
}
