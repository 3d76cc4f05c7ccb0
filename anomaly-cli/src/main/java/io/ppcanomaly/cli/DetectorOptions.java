package io.ppcanomaly.cli;

import io.ppcanomaly.api.Detectors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Which detector, with which options. */
final class DetectorOptions {

    /** The detector of every command that does not choose its own default. */
    static final String DEFAULT = "ensemble";

    @Option(names = {"-d", "--detector"}, paramLabel = "NAME",
            description = "Detector provider (see 'detectors'); default: " + DEFAULT + " (score: isolation-forest "
                    + "for a time series).")
    String detector;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A detector option, e.g. -o seed=7 (repeatable; keys are documented per detector).")
    Map<String, String> options = new LinkedHashMap<>();

    /**
     * @return the detector's name, checked against the providers found
     * @throws CommandLine.ParameterException for an unknown name, listing the available ones
     */
    String name(CommandLine cl) {
        return nameOr(cl, DEFAULT);
    }

    /**
     * @param fallback the command's default, used when {@code --detector} is not given
     * @return the detector's name, checked against the providers found
     * @throws CommandLine.ParameterException for an unknown name, listing the available ones
     */
    String nameOr(CommandLine cl, String fallback) {
        String name = detector == null ? fallback : detector;
        if (!Detectors.available().contains(name)) {
            throw new CommandLine.ParameterException(cl, "--detector must be one of " + Detectors.available()
                    + ", got '" + name + "'");
        }
        return name;
    }

    /** @return the options as Properties */
    Properties properties() {
        Properties p = new Properties();
        options.forEach(p::setProperty);
        return p;
    }
}
