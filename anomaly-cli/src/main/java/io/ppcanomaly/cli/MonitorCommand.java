package io.ppcanomaly.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code monitor}: the daemon, until SIGTERM (or Ctrl-C): the running run finishes, nothing is left half-written. */
@Command(name = "monitor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the monitor as a daemon: detection for every configured profile at the data's cadence "
                + "(hourly data every hour, daily data once a day), the daily clean-up and weekly retraining, with "
                + "watermarks, leases and models in the store.",
            "On SIGTERM or Ctrl-C the running jobs finish (up to monitor.shutdown-timeout), then it exits; every run "
                + "writes in one transaction, so nothing is left half-written."})
final class MonitorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "monitor.properties: profiles, levels, source, store, schedule, retraining (keys in the "
                    + "anomaly-monitor README). A bad key or value stops start-up naming both.")
    private Path config;

    @Override
    public Integer call() throws InterruptedException {
        CommandLine cl = spec.commandLine();
        MonitorSetup setup = MonitorSetup.open(cl, config);
        PrintWriter err = cl.getErr();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            err.println("Stopping: waiting for the running jobs to finish (up to "
                    + setup.config.shutdownTimeout().toSeconds() + " s)");
            err.flush();
            try {
                setup.close();
            } finally {
                err.println("Stopped");
                err.flush();
                stopped.countDown();
            }
        }, "ppc-monitor-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            setup.monitor.start();
        } catch (RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            setup.close();
            throw e;
        }
        err.println("Monitor " + setup.config.instanceId() + " started on " + setup.store.url() + ": "
                + setup.config.profiles().size() + " profiles; stop with SIGTERM or Ctrl-C");
        err.flush();
        stopped.await();
        return AnomalyCli.EXIT_OK;
    }
}
