package io.ppcanomaly.api.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * A labelled numeric table in the ADBench/ODDS layout — header {@code x0,…,xN,label}, {@code label} 1 for an
 * anomaly — read whole, for accuracy runs. Immutable.
 *
 * @param name   the file name without {@code .csv} / {@code .csv.gz}
 * @param x      rows of features (not copied on access: treat as read-only)
 * @param labels one label per row, {@code true} = anomaly
 */
public record LabelledTable(String name, double[][] x, boolean[] labels) {

    /** Validates shapes. */
    public LabelledTable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(labels, "labels");
        if (x.length != labels.length) {
            throw new IllegalArgumentException("labels must have " + x.length + " entries, got " + labels.length);
        }
    }

    /**
     * Reads a {@code .csv} or {@code .csv.gz} table.
     *
     * @throws IOException naming the file, the line and the value for a bad header, a row of the wrong width or
     *                     a non-numeric or non-finite value
     */
    public static LabelledTable read(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        String name = fileName.replaceFirst("\\.csv(\\.gz)?$", "");
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = fileName.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            String header = r.readLine();
            if (header == null) {
                throw new IOException(file + " must have a header x0,...,xN,label, got an empty file");
            }
            String[] cols = header.split(",");
            int d = cols.length - 1;
            if (d < 1 || !cols[d].trim().equals("label")) {
                throw new IOException(file + " header must end with 'label', got '" + header + "'");
            }
            List<double[]> rows = new ArrayList<>();
            List<Boolean> labels = new ArrayList<>();
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != d + 1) {
                    throw new IOException(file + " line " + lineNo + " must have " + (d + 1) + " fields, got "
                            + f.length);
                }
                double[] row = new double[d];
                for (int j = 0; j <= d; j++) {
                    double v;
                    try {
                        v = Double.parseDouble(f[j].trim());
                    } catch (NumberFormatException e) {
                        throw new IOException(file + " line " + lineNo + " column " + cols[j].trim()
                                + " must be a number, got '" + f[j] + "'", e);
                    }
                    if (!Double.isFinite(v)) {
                        throw new IOException(file + " line " + lineNo + " column " + cols[j].trim()
                                + " must be finite, got '" + f[j] + "'");
                    }
                    if (j < d) {
                        row[j] = v;
                    } else {
                        labels.add(v != 0.0);
                    }
                }
                rows.add(row);
            }
            boolean[] y = new boolean[labels.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = labels.get(i);
            }
            return new LabelledTable(name, rows.toArray(double[][]::new), y);
        }
    }

    /** @return the number of rows */
    public int rows() {
        return x.length;
    }

    /** @return the number of feature columns */
    public int columns() {
        return x.length == 0 ? 0 : x[0].length;
    }

    /** @return the number of anomalies */
    public int anomalies() {
        int c = 0;
        for (boolean b : labels) {
            c += b ? 1 : 0;
        }
        return c;
    }
}
