package dev.driftless.cli;

import dev.driftless.client.Application;
import dev.driftless.client.ApplicationStatus;
import dev.driftless.client.DriftlessClient;
import dev.driftless.client.HealthStatus;
import dev.driftless.client.SyncStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code driftless app wait NAME}: poll the service until the application is Synced and/or Healthy. */
@Command(name = "wait", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Wait until an application is Synced and Healthy (or only one of them with --sync or --health),",
                "printing each change of state. Exit code 1 when the timeout passes first."})
final class AppWaitCommand implements Callable<Integer> {

    private static final String RUNNING = "RUNNING";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The application.")
    String name;

    @Option(names = "--sync", description = "Wait until Synced, with no operation running.")
    boolean sync;

    @Option(names = "--health", description = "Wait until Healthy.")
    boolean health;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Give up after this many seconds (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2",
            description = "Seconds between two looks at the application (default: ${DEFAULT-VALUE}; fractions allowed).")
    double intervalSeconds;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        if (timeoutSeconds < 1) {
            throw new InputException("--timeout " + timeoutSeconds + ": must be at least 1 second");
        }
        if (!(intervalSeconds >= 0.01)) {
            throw new InputException("--interval " + intervalSeconds + ": must be at least 0.01 seconds");
        }
        boolean both = !sync && !health;
        Condition condition = new Condition(sync || both, health || both);
        return client.run(api -> await(api, condition));
    }

    private int await(DriftlessClient api, Condition condition) throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        Duration interval = Duration.ofNanos((long) (intervalSeconds * 1e9));
        String lastState = null;
        while (true) {
            Application application = api.getApplication(name);
            String state = state(application.status());
            if (!output.machineReadable() && !state.equals(lastState)) {
                out.println(name + ": " + state);
                out.flush();
            }
            lastState = state;
            if (condition.metBy(application.status())) {
                if (output.machineReadable()) {
                    ClientOptions.print(out, output, application);
                }
                return ExitCodes.OK;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("error: " + name + " is not " + condition + " after " + timeoutSeconds + " s; it is " + state);
                err.flush();
                return ExitCodes.DIFFERENCES;
            }
            Thread.sleep(Duration.ofNanos(Math.min(remaining, interval.toNanos())));
        }
    }

    private static String state(ApplicationStatus status) {
        if (status == null) {
            return "no status yet";
        }
        StringBuilder state = new StringBuilder().append(ClientOptions.cell(status.sync())).append(", ")
                .append(ClientOptions.cell(status.health()));
        if (status.healthMessage() != null) {
            state.append(" (").append(status.healthMessage()).append(')');
        }
        if (status.lastOperation() != null && RUNNING.equals(status.lastOperation().phase())) {
            state.append(", operation ").append(status.lastOperation().id()).append(" running");
        }
        if (status.waiting() != null) {
            state.append(", waiting: ").append(status.waiting());
        }
        return state.toString();
    }

    /** What the application must reach; an operation still running means the sync is not over. */
    private record Condition(boolean synced, boolean healthy) {

        boolean metBy(ApplicationStatus status) {
            if (status == null) {
                return false;
            }
            boolean syncMet = !synced || status.sync() == SyncStatus.SYNCED
                    && (status.lastOperation() == null || !RUNNING.equals(status.lastOperation().phase()));
            boolean healthMet = !healthy || status.health() == HealthStatus.HEALTHY;
            return syncMet && healthMet;
        }

        @Override
        public String toString() {
            List<String> wanted = new ArrayList<>();
            if (synced) {
                wanted.add(SyncStatus.SYNCED.wireName());
            }
            if (healthy) {
                wanted.add(HealthStatus.HEALTHY.wireName());
            }
            return String.join(" and ", wanted);
        }
    }
}
