package io.ppcanomaly.cli;

import io.ppcanomaly.service.table.Cycle;
import io.ppcanomaly.service.table.DuplicateTimestamps;
import io.ppcanomaly.service.table.RowScore;
import io.ppcanomaly.service.table.ScoringMode;
import io.ppcanomaly.service.table.SeriesFeatureConfig;
import io.ppcanomaly.service.table.SeriesScores;
import io.ppcanomaly.service.table.TableScorer;
import io.ppcanomaly.service.table.TableScoringConfig;
import io.ppcanomaly.service.table.TemporalFeatures;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code score}: any CSV table or time series through any detector. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scores every row of any CSV table or time series with a detector and writes the input's "
                + "columns, unchanged and in order, plus anomaly_score (0 to 1) and is_anomaly (0/1).",
            "With --timestamp-column the rows are a time series, in time order: each value is scored on its move "
                + "against its recent and its longer history, seasonally adjusted when the timestamps and values "
                + "show a daily or weekly cycle, in units of the series' own typical moves (default detector "
                + "isolation-forest). --raw scores the values on their own instead, as without a timestamp column "
                + "(default detector ensemble).",
            "streaming (default) is causal: a row's score depends only on it and earlier rows. The first warm-up "
                + "rows fit the detector and are left blank (not scored); then streaming detectors score and "
                + "learn each row, others are refitted every warm-up-length rows on the trailing rows.",
            "batch fits on all rows and scores all rows.",
            "A .gz input is read as gzip."})
final class ScoreCommand implements Callable<Integer> {

    /** The detector a time series is scored with when none is named: see the CLI README for why. */
    static final String SERIES_DETECTOR = TableScorer.DEFAULT_SERIES_DETECTOR;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DetectorOptions detector;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", required = true, description = "CSV with a header.")
    private Path input;

    @Option(names = "--output", paramLabel = "FILE", required = true, description = "CSV to write.")
    private Path output;

    @Option(names = "--columns", paramLabel = "A,B", split = ",",
            description = "Columns to score (default: every numeric column but the timestamp and 'label').")
    private List<String> columns;

    @Option(names = "--timestamp-column", paramLabel = "C",
            description = "The time column: the rows are a time series, scored on temporal features of each "
                    + "column (see above). ISO dates or date-times (an offset is ignored: cycles follow the local "
                    + "clock) or epoch seconds/milliseconds, in time order. Without it a column named timestamp, "
                    + "date, time or datetime is only left out of scoring, and rows are scored on their own.")
    private String timestampColumn;

    @Option(names = "--raw",
            description = "With --timestamp-column: score each row's values on their own, without temporal "
                    + "features.")
    private boolean raw;

    @Option(names = "--duplicate-timestamps", paramLabel = "fail|keep", defaultValue = "fail",
            description = "Consecutive rows with one timestamp: fail (default), or keep and score each.")
    private DuplicateTimestamps duplicates;

    @Option(names = "--mode", paramLabel = "streaming|batch", defaultValue = "streaming",
            description = "Default ${DEFAULT-VALUE}.")
    private ScoringMode mode;

    @Option(names = "--warmup-rows", paramLabel = "N", defaultValue = "0",
            description = "Streaming warm-up (default: 15% of the rows, at most 750). Set it to score a growing file"
                    + " identically run after run.")
    private int warmupRows;

    @Option(names = "--window", paramLabel = "N", defaultValue = "1",
            description = "Rows per scored window, ending at the row judged (default ${DEFAULT-VALUE}).")
    private int window;

    @Option(names = "--no-standardize", negatable = false,
            description = "Score raw values instead of median/IQR-scaled ones.")
    private boolean noStandardize;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (!Files.isRegularFile(input)) {
            throw new CommandLine.ParameterException(cl, "--input must be a readable file, got '" + input + "'");
        }
        if (warmupRows < 0 || window < 1) {
            throw new CommandLine.ParameterException(cl, "--warmup-rows must be >= 0 and --window >= 1, got "
                    + warmupRows + " and " + window);
        }
        boolean series = timestampColumn != null && !raw;
        String name = detector.nameOr(cl, series ? SERIES_DETECTOR : DetectorOptions.DEFAULT);
        PrintWriter err = cl.getErr();
        CsvTable table = CsvTable.read(input);
        int ts = timestampIndex(cl, table, err);
        List<Integer> used = select(cl, table, err, ts);
        double[][] x = table.numbers(used);
        List<String> usedNames = new ArrayList<>();
        for (int c : used) {
            usedNames.add(table.header().get(c));
        }
        long[] times = series ? table.times(ts, duplicates) : null;
        TableScoringConfig config = new TableScoringConfig(mode, warmupRows, window, 0, 0, !noStandardize);
        err.println(String.format(Locale.ROOT, "Scoring %,d rows on %s%s with %s (%s%s)", x.length, usedNames,
                series ? " as a time series" : "", name, mode.name().toLowerCase(Locale.ROOT),
                mode == ScoringMode.STREAMING ? ", warm-up " + config.warmupFor(x.length) + " rows" : ""));
        List<RowScore> scores;
        SeriesScores seriesScores = null;
        try (TrainingProgress progress = TrainingProgress.start(err, "fitting " + name)) {
            TableScorer scorer = new TableScorer(name, detector.properties(), config);
            if (series) {
                seriesScores = scorer.scoreSeries(times, usedNames, x, SeriesFeatureConfig.DEFAULT, duplicates,
                        progress);
                scores = seriesScores.scores();
            } else {
                scores = scorer.score(usedNames, x, progress);
            }
        }
        if (seriesScores != null) {
            describe(seriesScores, err);
        }
        table.write(output, scores);
        long flagged = scores.stream().filter(RowScore::anomalous).count();
        long scored = scores.stream().filter(RowScore::scored).count();
        cl.getOut().println(String.format(Locale.ROOT, "Wrote %s: %,d rows scored, %,d anomalous, %,d not scored "
                + "(warm-up)", output, scored, flagged, scores.size() - scored));
        cl.getOut().flush();
        return AnomalyCli.EXIT_OK;
    }

    /** What the features found in each column, one line each. */
    private static void describe(SeriesScores s, PrintWriter err) {
        for (TemporalFeatures.ColumnPlan p : s.features().columns()) {
            Cycle c = p.cycle();
            err.println(String.format(Locale.ROOT, "  %s: %s; baselines of %,d and %,d rows", p.column(),
                    c.present() ? String.format(Locale.ROOT, "%s cycle (%d phases, strength %.2f)", c.name(),
                            c.buckets(), c.strength()) : "no daily or weekly cycle", p.baselineRows(),
                    p.historyRows()));
        }
    }

    /** The timestamp column's index, or -1; hints at --timestamp-column when one is only guessed. */
    private int timestampIndex(CommandLine cl, CsvTable table, PrintWriter err) {
        if (timestampColumn != null) {
            int ts = table.indexOf(timestampColumn);
            if (ts < 0) {
                throw new CommandLine.ParameterException(cl, "--timestamp-column must be one of " + table.header()
                        + ", got '" + timestampColumn + "'");
            }
            return ts;
        }
        for (String n : List.of("timestamp", "date", "time", "datetime")) {
            int ts = table.indexOf(n);
            if (ts >= 0) {
                err.println("Column '" + table.header().get(ts) + "' is left out of scoring; to score the rows as "
                        + "a time series, pass --timestamp-column " + table.header().get(ts) + ".");
                return ts;
            }
        }
        return -1;
    }

    private List<Integer> select(CommandLine cl, CsvTable table, PrintWriter err, int ts) {
        List<String> header = table.header();
        List<Integer> out = new ArrayList<>();
        if (columns != null && !columns.isEmpty()) {
            for (String c : columns) {
                int i = table.indexOf(c.trim());
                if (i < 0) {
                    throw new CommandLine.ParameterException(cl, "--columns must name columns of " + header
                            + ", got '" + c + "'");
                }
                if (i == ts) {
                    throw new CommandLine.ParameterException(cl, "--columns must not include the timestamp column '"
                            + header.get(i) + "'");
                }
                out.add(i);
            }
            return out;
        }
        for (int i = 0; i < header.size(); i++) {
            if (i == ts || header.get(i).trim().equalsIgnoreCase("label")) {
                continue;
            }
            String problem = table.nonNumeric(i);
            if (problem == null) {
                out.add(i);
            } else {
                err.println("Column '" + header.get(i) + "' is not numeric (" + problem + "); leaving it out.");
            }
        }
        if (out.isEmpty()) {
            throw new CommandLine.ParameterException(cl, input + " has no numeric column to score besides the "
                    + "timestamp and label; header is " + header);
        }
        return out;
    }
}
