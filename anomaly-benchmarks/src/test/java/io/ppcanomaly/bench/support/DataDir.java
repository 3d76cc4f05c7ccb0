package io.ppcanomaly.bench.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** The public data folder of the functional tests, from system property {@code data.dir}; fails when missing. */
public final class DataDir {

    private DataDir() {
    }

    /**
     * @param sub the sub-folder wanted, e.g. {@code nab-realAdExchange}
     * @return the folder
     * @throws IllegalStateException when {@code data.dir} is blank or the folder is missing
     */
    public static Path require(String sub) {
        String dir = System.getProperty("data.dir", "");
        if (dir.isBlank()) {
            throw new IllegalStateException("system property data.dir must name the public data folder, got a blank"
                    + " value: run mvn -B verify -Pdata -Ddata.dir=/path/to/shared/data");
        }
        Path p = Path.of(dir).resolve(sub);
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("data folder " + p.toAbsolutePath() + " must exist, got nothing there");
        }
        return p;
    }
}
