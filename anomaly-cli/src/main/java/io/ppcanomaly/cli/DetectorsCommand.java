package io.ppcanomaly.cli;

import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.Explainers;
import io.ppcanomaly.api.RootCauseAnalyzers;
import io.ppcanomaly.api.spi.DetectorProvider;
import io.ppcanomaly.api.spi.ExplainerProvider;
import io.ppcanomaly.api.spi.RootCauseAnalyzerProvider;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code detectors}: the providers found through ServiceLoader. */
@Command(name = "detectors", mixinStandardHelpOptions = true,
        description = "Lists the providers found on the class path, one per line: name, kind (detector, explainer,"
                + " root-cause), description.")
final class DetectorsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (DetectorProvider p : Detectors.providers()) {
            line(out, p.name(), "detector", p.description());
        }
        for (ExplainerProvider p : Explainers.providers()) {
            line(out, p.name(), "explainer", p.description());
        }
        for (RootCauseAnalyzerProvider p : RootCauseAnalyzers.providers()) {
            line(out, p.name(), "root-cause", p.description());
        }
        out.flush();
        return AnomalyCli.EXIT_OK;
    }

    private static void line(PrintWriter out, String name, String kind, String description) {
        out.println(String.format(Locale.ROOT, "%-22s %-11s %s", name, kind, description));
    }
}
