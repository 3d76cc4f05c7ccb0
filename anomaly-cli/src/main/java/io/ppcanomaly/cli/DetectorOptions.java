package io.ppcanomaly.cli;

import io.ppcanomaly.api.Detectors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Which detector, with which options. */
final class DetectorOptions {

    @Option(names = {"-d", "--detector"}, paramLabel = "NAME", defaultValue = "ensemble",
            description = "Detector provider (see 'detectors'); default: ${DEFAULT-VALUE}.")
    String detector;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A detector option, e.g. -o seed=7 (repeatable; keys are documented per detector).")
    Map<String, String> options = new LinkedHashMap<>();

    /**
     * @return the detector's name, checked against the providers found
     * @throws CommandLine.ParameterException for an unknown name, listing the available ones
     */
    String name(CommandLine cl) {
        if (!Detectors.available().contains(detector)) {
            throw new CommandLine.ParameterException(cl, "--detector must be one of " + Detectors.available()
                    + ", got '" + detector + "'");
        }
        return detector;
    }

    /** @return the options as Properties */
    Properties properties() {
        Properties p = new Properties();
        options.forEach(p::setProperty);
        return p;
    }
}
