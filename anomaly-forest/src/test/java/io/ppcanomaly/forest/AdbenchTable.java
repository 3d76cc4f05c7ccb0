package io.ppcanomaly.forest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * One ADBench table ({@code NAME.csv.gz}: header {@code x0,…,xN,label}, label 1 = outlier), read whole.
 *
 * @param name     file name without {@code .csv.gz}
 * @param x        feature rows
 * @param outlier  labels
 */
record AdbenchTable(String name, double[][] x, boolean[] outlier) {

    /** Reads a table, checking the header and every row's width. */
    static AdbenchTable read(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".csv.gz".length());
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.US_ASCII))) {
            String header = r.readLine();
            if (header == null) {
                throw new IOException(file + " is empty");
            }
            String[] cols = header.split(",");
            int d = cols.length - 1;
            if (d < 1 || !cols[d].trim().equals("label") || !cols[0].trim().equals("x0")) {
                throw new IOException(file + " header must be x0,...,xN,label, got " + header);
            }
            List<double[]> rows = new ArrayList<>();
            List<Boolean> labels = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                if (f.length != d + 1) {
                    throw new IOException(file + " row " + rows.size() + " has " + f.length + " fields, expected "
                            + (d + 1));
                }
                double[] row = new double[d];
                for (int j = 0; j < d; j++) {
                    row[j] = Double.parseDouble(f[j]);
                }
                rows.add(row);
                labels.add(Double.parseDouble(f[d]) != 0.0);
            }
            boolean[] y = new boolean[labels.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = labels.get(i);
            }
            return new AdbenchTable(name, rows.toArray(double[][]::new), y);
        }
    }

    /** @return the number of outliers */
    int outliers() {
        int c = 0;
        for (boolean b : outlier) {
            c += b ? 1 : 0;
        }
        return c;
    }
}
