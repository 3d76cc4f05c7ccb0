package io.ppcanomaly.streaming;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/** An ADBench table ({@code x0,…,xN,label}, gzip CSV) read into memory, for the functional tests and timing. */
record AdbenchTable(String name, double[][] x, int[] label) {

    /** Reads {@code dir/name.csv.gz}, failing loudly on a missing file or a malformed line. */
    static AdbenchTable read(Path dir, String name) throws IOException {
        Path file = dir.resolve(name + ".csv.gz");
        if (!Files.isRegularFile(file)) {
            throw new IOException("ADBench file must exist, got missing " + file.toAbsolutePath());
        }
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (header == null || !header.endsWith(",label")) {
                throw new IOException(file + " header must end with ',label', got '" + header + "'");
            }
            int width = header.split(",").length - 1;
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String[] parts = line.split(",");
                if (parts.length != width + 1) {
                    throw new IOException(file + " line " + lineNo + " must have " + (width + 1) + " fields, got "
                            + parts.length);
                }
                double[] row = new double[width];
                for (int j = 0; j < width; j++) {
                    row[j] = Double.parseDouble(parts[j]);
                }
                rows.add(row);
                labels.add((int) Double.parseDouble(parts[width]));
            }
        }
        return new AdbenchTable(name, rows.toArray(new double[0][]),
                labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** @return the rows in a Fisher–Yates order drawn from {@code seed} */
    AdbenchTable shuffled(long seed) {
        int n = x.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        double[][] sx = new double[n][];
        int[] sl = new int[n];
        for (int i = 0; i < n; i++) {
            sx[i] = x[idx[i]];
            sl[i] = label[idx[i]];
        }
        return new AdbenchTable(name + "-shuffled", sx, sl);
    }

    /** @return the first {@code n} rows */
    double[][] head(int n) {
        return java.util.Arrays.copyOf(x, n);
    }
}
