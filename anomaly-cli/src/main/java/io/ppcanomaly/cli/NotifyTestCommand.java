package io.ppcanomaly.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code notify-test --route NAME}: the short form of {@code notify test}. */
@Command(name = "notify-test", mixinStandardHelpOptions = true,
        description = "Sends a sample message (a made-up incident marked [TEST]) through a configured route now; exit "
                + "code 1 when the destination refused it. Same as 'notify test'.")
final class NotifyTestCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "monitor.properties with route.<name>.* keys.")
    private Path config;

    @Option(names = "--route", paramLabel = "NAME", required = true, description = "The route.")
    private String route;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        return NotifyCommand.sendTest(cl, NotifyCommand.Setup.read(cl, config).notify, route);
    }
}
