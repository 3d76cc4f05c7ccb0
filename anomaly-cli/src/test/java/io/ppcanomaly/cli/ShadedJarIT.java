package io.ppcanomaly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.Explainers;
import io.ppcanomaly.api.RootCauseAnalyzers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the runnable jar the build shades ({@code target/anomaly.jar}) in its own JVM, as a user does: the tests in
 * {@code src/test} see the modules' class path, not the jar, so a dependency the shade plugin leaves out (as
 * commons-lang3 once was, and the LSTM's training failed with {@code NoClassDefFoundError}) or a provider file it
 * fails to merge would pass every other test. Run by failsafe in {@code mvn verify}, after {@code package}.
 */
class ShadedJarIT {

    private static final long TIMEOUT_SECONDS = 300;

    private static Path jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("shaded.jar", "target/anomaly.jar")).toAbsolutePath();
        assertThat(jar).as("the shaded jar (mvn package builds it)").isRegularFile();
    }

    @Test
    void theJarListsEveryProviderTheModulesRegister() throws Exception {
        Result r = run("detectors");

        assertThat(r.exit).as(r.toString()).isZero();
        List<String> listed = new ArrayList<>();
        for (String line : r.stdout.split("\\R")) {
            if (!line.isBlank() && !line.startsWith(" ")) {
                listed.add(line.split("\\s+")[0]);
            }
        }
        List<String> expected = new ArrayList<>();
        Detectors.providers().stream().filter(ShadedJarIT::fromMainCode).forEach(p -> expected.add(p.name()));
        Explainers.providers().stream().filter(ShadedJarIT::fromMainCode).forEach(p -> expected.add(p.name()));
        RootCauseAnalyzers.providers().stream().filter(ShadedJarIT::fromMainCode)
                .forEach(p -> expected.add(p.name()));
        assertThat(expected).as("providers of the modules' main code on the test class path").isNotEmpty();
        assertThat(listed).as(r.toString()).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** @return whether a provider comes from a module's main classes, not a test jar's fixtures */
    private static boolean fromMainCode(Object provider) {
        String where = String.valueOf(provider.getClass().getProtectionDomain().getCodeSource().getLocation());
        return !where.contains("test-classes") && !where.endsWith("-tests.jar");
    }

    @Test
    void theJarTrainsTheDefaultEnsembleAndDetectsOnAGeneratedReport() throws Exception {
        Path report = dir.resolve("report.csv");
        Path alerts = dir.resolve("alerts.json");
        Result sample = run("sample", "--output", report.toString(), "--keywords", "40", "--days", "60");
        assertThat(sample.exit).as(sample.toString()).isZero();

        Result detect = run("detect", "--input", report.toString(), "--output", alerts.toString());

        assertThat(detect.exit).as(detect.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(alerts.toFile());
        assertThat(json.path("detector").asText()).isEqualTo("ensemble");
        assertThat(json.path("total_entities_checked").asInt()).isEqualTo(40);
        assertThat(json.path("training_windows").asInt()).as("the ensemble (LSTM included) was fitted in the jar")
                .isPositive();
        assertThat(json.path("alerts").isArray()).isTrue();
    }

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not end within " + TIMEOUT_SECONDS + " s");
        }
        return new Result(String.join(" ", args), p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(String command, int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "anomaly " + command + " exited " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }
}
