package io.ppcanomaly.cli;

import io.ppcanomaly.service.source.CsvReader;
import io.ppcanomaly.service.source.CsvWriter;
import io.ppcanomaly.service.source.ReportFormatException;
import io.ppcanomaly.service.table.DuplicateTimestamps;
import io.ppcanomaly.service.table.RowScore;
import io.ppcanomaly.service.table.TableScorer;
import io.ppcanomaly.service.table.WallClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** A whole CSV held as text, for {@code score}: read, pick numeric columns, write back with scores. */
final class CsvTable {

    private final String name;
    private final char delimiter;
    private final List<String> header;
    private final List<List<String>> rows;
    private final List<Long> lines;

    private CsvTable(String name, char delimiter, List<String> header, List<List<String>> rows, List<Long> lines) {
        this.name = name;
        this.delimiter = delimiter;
        this.header = header;
        this.rows = rows;
        this.lines = lines;
    }

    /**
     * @throws ReportFormatException for an empty file, a file without rows, or a row of another width
     */
    static CsvTable read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            r.mark(1 << 16);
            String first = r.readLine();
            if (first == null || first.isBlank()) {
                throw new ReportFormatException(file + " is empty: expected a header line");
            }
            r.reset();
            char d = CsvReader.guessDelimiter(first);
            CsvReader csv = new CsvReader(r, d);
            List<String> header = csv.next();
            List<List<String>> rows = new ArrayList<>();
            List<Long> lines = new ArrayList<>();
            List<String> f;
            while ((f = csv.next()) != null) {
                if (f.size() != header.size()) {
                    throw new ReportFormatException(file + " line " + csv.line() + ": row must have "
                            + header.size() + " fields like the header, has " + f.size());
                }
                rows.add(f);
                lines.add(csv.line());
            }
            if (rows.isEmpty()) {
                throw new ReportFormatException(file + " has a header but no data rows");
            }
            return new CsvTable(file.toString(), d, header, rows, lines);
        }
    }

    List<String> header() {
        return header;
    }

    /** @return the column's index, matched case-insensitively, or -1 */
    int indexOf(String column) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

    /** @return {@code null} when every value of the column is a finite number, else where it is not */
    String nonNumeric(int column) {
        for (int r = 0; r < rows.size(); r++) {
            String v = rows.get(r).get(column);
            if (!isNumber(v)) {
                return "line " + lines.get(r) + ": '" + v + "'";
            }
        }
        return null;
    }

    private static boolean isNumber(String v) {
        try {
            return Double.isFinite(Double.parseDouble(v.trim()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * @return the chosen columns' values, row by row
     * @throws ReportFormatException naming line, column and value of the first value that is not a finite
     *                               number
     */
    double[][] numbers(List<Integer> columns) throws ReportFormatException {
        double[][] x = new double[rows.size()][columns.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int k = 0; k < columns.size(); k++) {
                String v = rows.get(r).get(columns.get(k));
                if (!isNumber(v)) {
                    throw new ReportFormatException(name + " line " + lines.get(r) + ", column '"
                            + header.get(columns.get(k)) + "': value must be a finite number, got '" + v + "'");
                }
                x[r][k] = Double.parseDouble(v.trim());
            }
        }
        return x;
    }

    /**
     * @param column     the timestamp column
     * @param duplicates whether consecutive rows may share a timestamp
     * @return each row's wall-clock seconds ({@link WallClock})
     * @throws ReportFormatException naming line, column and value of the first cell that is not a timestamp, or
     *                               the lines where time goes backwards (or repeats, under
     *                               {@link DuplicateTimestamps#FAIL})
     */
    long[] times(int column, DuplicateTimestamps duplicates) throws ReportFormatException {
        long[] t = new long[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            String v = rows.get(r).get(column);
            try {
                t[r] = WallClock.parse(v);
            } catch (IllegalArgumentException e) {
                throw new ReportFormatException(name + " line " + lines.get(r) + ", column '" + header.get(column)
                        + "': " + e.getMessage());
            }
        }
        int bad = TableScorer.firstOutOfOrder(t, duplicates);
        if (bad > 0) {
            String at = "'" + rows.get(bad).get(column).trim() + "'";
            String before = "'" + rows.get(bad - 1).get(column).trim() + "'";
            throw new ReportFormatException(t[bad] < t[bad - 1]
                    ? name + " line " + lines.get(bad) + ", column '" + header.get(column) + "': timestamp " + at
                            + " is before line " + lines.get(bad - 1) + "'s " + before
                            + "; a time series must be in time order (sort the file by time)"
                    : name + " lines " + lines.get(bad - 1) + " and " + lines.get(bad) + ", column '"
                            + header.get(column) + "': both have timestamp " + at
                            + "; pass --duplicate-timestamps keep to score both rows, or fix the file");
        }
        return t;
    }

    /** Writes the rows unchanged, plus anomaly_score and is_anomaly (blank when a row was not scored). */
    void write(Path file, List<RowScore> scores) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream os = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
             Writer w = new java.io.BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16)) {
            CsvWriter csv = new CsvWriter(w, delimiter);
            List<String> h = new ArrayList<>(header);
            h.add("anomaly_score");
            h.add("is_anomaly");
            csv.write(h);
            for (int r = 0; r < rows.size(); r++) {
                List<String> out = new ArrayList<>(rows.get(r));
                RowScore s = scores.get(r);
                out.add(s.scored() ? String.format(Locale.ROOT, "%.6f", s.score()) : "");
                out.add(s.scored() ? (s.anomalous() ? "1" : "0") : "");
                csv.write(out);
            }
        }
    }
}
