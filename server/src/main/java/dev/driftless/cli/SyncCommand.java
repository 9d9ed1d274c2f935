package dev.driftless.cli;

import dev.driftless.engine.cluster.Cluster;
import dev.driftless.engine.health.Health;
import dev.driftless.engine.health.HealthAssessor;
import dev.driftless.engine.health.HealthStatus;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.reconcile.Application;
import dev.driftless.engine.reconcile.Reconciler;
import dev.driftless.engine.sync.ResourceResult;
import dev.driftless.engine.sync.SyncAction;
import dev.driftless.engine.sync.SyncListener;
import dev.driftless.engine.sync.SyncOptions;
import dev.driftless.engine.sync.SyncPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code driftless sync}: apply what Git says, optionally prune and wait for health. */
@Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Apply the desired objects to the cluster: only objects that differ are written.",
                "With --prune, delete objects this application applied before that Git no longer has;",
                "an empty or failed render never deletes anything (unless --allow-empty)."})
final class SyncCommand implements Callable<Integer> {

    /** The machine-readable result. */
    record Report(String application, String revision, List<ResourceResult> resources, List<SyncPlan.Skip> kept,
                  Map<String, Health> health, boolean succeeded) {
    }

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions source;

    @Mixin
    AppOptions app;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--prune", description = "Delete tracked objects that Git no longer has.")
    boolean prune;

    @Option(names = "--allow-empty", description = "Let a sync with no desired objects prune everything the application owns.")
    boolean allowEmpty;

    @Option(names = "--create-namespace", description = "Create the destination namespace if it does not exist.")
    boolean createNamespace;

    @Option(names = "--dry-run", description = "Show what would be done; write nothing.")
    boolean dryRun;

    @Option(names = "--wait", description = "Wait until every object is healthy.")
    boolean await;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "With --wait, give up after this many seconds (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        boolean text = !output.machineReadable();
        SyncOptions options = SyncOptions.defaults(app.namespace).withPrune(prune).withAllowEmpty(allowEmpty)
                .withCreateNamespace(createNamespace).withDryRun(dryRun).withApplyMode(cluster.applyMode);
        Application application = Engines.application(source, app, options); // usage errors before connecting
        try (Cluster connected = cluster.connect()) {
            Reconciler reconciler = new Reconciler(Engines.loader(source), connected);
            SyncListener progress = text ? result -> printResult(out, result) : SyncListener.NONE;
            Reconciler.SyncOutcome outcome = reconciler.sync(application, progress);
            Map<ResourceKey, Health> health = new LinkedHashMap<>();
            if (await && outcome.result().succeeded() && !dryRun) {
                Reconciler.HealthListener healthProgress = text
                        ? (key, now) -> out.printf("  %-12s %s  %s%n", now.status().displayName(), key, now.message())
                        : Reconciler.HealthListener.NONE;
                if (text) {
                    out.println("waiting for health...");
                }
                health = reconciler.awaitHealthy(outcome.comparison(), Duration.ofSeconds(timeoutSeconds),
                        Duration.ofSeconds(1), healthProgress);
            }
            boolean healthy = health.values().stream()
                    .allMatch(h -> h.status() == HealthStatus.HEALTHY || h.status() == HealthStatus.SUSPENDED);
            boolean succeeded = outcome.result().succeeded() && healthy;
            String revision = outcome.comparison().revision().map(r -> r.sha()).orElse("local");
            if (text) {
                outcome.plan().skipped().forEach(kept -> out.printf("  %-10s %s  %s%n", "kept", kept.key(), kept.reason()));
                printSummary(out, outcome, health, revision, succeeded);
            } else {
                Map<String, Health> healthByKey = new LinkedHashMap<>();
                health.forEach((key, h) -> healthByKey.put(key.toString(), h));
                output.print(out, new Report(app.name, revision, outcome.result().resources(), outcome.plan().skipped(),
                        healthByKey, succeeded));
            }
            return succeeded ? ExitCodes.OK : ExitCodes.DIFFERENCES;
        }
    }

    private static void printResult(PrintWriter out, ResourceResult result) {
        out.printf("  %-10s %s  %s%n", result.action().name().toLowerCase(Locale.ROOT), result.key(), result.message());
        out.flush();
    }

    private void printSummary(PrintWriter out, Reconciler.SyncOutcome outcome, Map<ResourceKey, Health> health,
                              String revision, boolean succeeded) {
        Map<SyncAction, Long> counts = new LinkedHashMap<>();
        outcome.result().resources().forEach(r -> counts.merge(r.action(), 1L, Long::sum));
        StringBuilder summary = new StringBuilder();
        counts.forEach((action, count) -> summary.append(", ").append(count).append(' ')
                .append(action.name().toLowerCase(Locale.ROOT)));
        out.printf("%s %s at %s%s%s%n", dryRun ? "Dry run of" : "Synced", app.name, revision,
                summary.isEmpty() ? "" : ":" + summary.substring(1),
                health.isEmpty() ? "" : "; health " + HealthAssessor.worst(health.values()).displayName());
        if (!succeeded) {
            outcome.result().failures().forEach(f -> out.println("FAILED " + f.key() + ": " + f.message()));
            health.forEach((key, h) -> {
                if (h.status() != HealthStatus.HEALTHY && h.status() != HealthStatus.SUSPENDED) {
                    out.println("NOT HEALTHY " + key + ": " + h.status().displayName() + " " + h.message());
                }
            });
        }
        out.flush();
    }
}
