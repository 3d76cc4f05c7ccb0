package io.ppcanomaly.bench.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads a NAB corpus folder: data files {@code timestamp,value} and {@code labels_windows.json} (file name → list of
 * {@code [start, end]} windows), as in NAB's {@code data/} and {@code labels/combined_windows.json}. The data are
 * read in place, never copied.
 */
public final class NabCorpus {

    /** Name of the label file in the folder. */
    public static final String LABELS_FILE = "labels_windows.json";

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

    private NabCorpus() {
    }

    /**
     * Loads every file named in the folder's {@value #LABELS_FILE}, sorted by name.
     *
     * @throws IOException              when the folder, the label file or a data file is missing or unreadable,
     *                                  naming the path
     * @throws IllegalArgumentException for a malformed row or window, naming the file and the line
     */
    public static List<NabFile> load(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new IOException("NAB data folder " + dir.toAbsolutePath() + " does not exist");
        }
        Path labels = dir.resolve(LABELS_FILE);
        if (!Files.isRegularFile(labels)) {
            throw new IOException("NAB label file " + labels.toAbsolutePath() + " does not exist");
        }
        JsonNode root = new ObjectMapper().readTree(labels.toFile());
        Map<String, List<LabelWindow>> windows = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<LabelWindow> list = new ArrayList<>();
            for (JsonNode pair : e.getValue()) {
                if (!pair.isArray() || pair.size() != 2) {
                    throw new IllegalArgumentException(LABELS_FILE + " window of " + e.getKey()
                            + " must be [start, end], got " + pair);
                }
                list.add(new LabelWindow(parse(pair.get(0).asText(), LABELS_FILE), parse(pair.get(1).asText(),
                        LABELS_FILE)));
            }
            windows.put(e.getKey(), list);
        }
        List<NabFile> out = new ArrayList<>(windows.size());
        for (Map.Entry<String, List<LabelWindow>> e : windows.entrySet()) {
            // Label keys may carry NAB's category folder ("realAdExchange/x.csv"); the folder is flat.
            String name = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
            out.add(readFile(dir.resolve(name), e.getKey(), e.getValue()));
        }
        return out;
    }

    private static NabFile readFile(Path path, String name, List<LabelWindow> windows) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("NAB data file " + path.toAbsolutePath() + " named in " + LABELS_FILE
                    + " does not exist");
        }
        List<LocalDateTime> ts = new ArrayList<>();
        List<Double> vs = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.trim().equalsIgnoreCase("timestamp,value")) {
                throw new IllegalArgumentException(path.getFileName() + " header must be 'timestamp,value', got '"
                        + header + "'");
            }
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                int comma = line.indexOf(',');
                if (comma < 0) {
                    throw new IllegalArgumentException(path.getFileName() + " line " + lineNo
                            + " must be 'timestamp,value', got '" + line + "'");
                }
                ts.add(parse(line.substring(0, comma).trim(), path.getFileName() + " line " + lineNo));
                String v = line.substring(comma + 1).trim();
                try {
                    double d = Double.parseDouble(v);
                    if (!Double.isFinite(d)) {
                        throw new NumberFormatException();
                    }
                    vs.add(d);
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException(path.getFileName() + " line " + lineNo
                            + " value must be a finite number, got '" + v + "'");
                }
            }
        }
        double[] values = new double[vs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = vs.get(i);
        }
        return new NabFile(name, ts, values, windows);
    }

    private static LocalDateTime parse(String s, String where) {
        try {
            return LocalDateTime.parse(s, TIMESTAMP);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + " timestamp must be 'yyyy-MM-dd HH:mm:ss[.SSSSSS]', got '"
                    + s + "'");
        }
    }
}
