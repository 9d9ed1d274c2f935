package dev.driftless.cli;

import dev.driftless.client.Operation;
import dev.driftless.client.SyncRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** {@code driftless app sync NAME}: start a sync on the service. */
@Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ask the service to sync an application now. The sync runs on the service;",
                "follow it with 'driftless app wait NAME' or 'driftless app history NAME'."})
final class AppSyncCommand implements Callable<Integer> {

    /** {@code group/Kind:namespace/name}; the group and namespace may be empty, the name may hold colons. */
    private static final Pattern RESOURCE_KEY = Pattern.compile("[^/:]*/[^/:]+:[^/:]*/.+");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The application.")
    String name;

    @Option(names = "--revision", paramLabel = "REV", description = "Sync this branch, tag or commit instead of the application's revision.")
    String revision;

    @Option(names = "--prune", description = "Delete tracked objects that are no longer in Git.")
    boolean prune;

    @Option(names = "--dry-run", description = "Show what would change without changing anything.")
    boolean dryRun;

    @Option(names = "--resource", paramLabel = "KEY",
            description = "Sync only this object, as group/Kind:namespace/name, e.g. apps/Deployment:shop/web or /ConfigMap:shop/settings (repeatable).")
    List<String> resources = new ArrayList<>();

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        resources.stream().filter(key -> !RESOURCE_KEY.matcher(key).matches()).findFirst().ifPresent(key -> {
            throw new InputException("--resource " + key + ": expected group/Kind:namespace/name, e.g. apps/Deployment:shop/web");
        });
        SyncRequest request = new SyncRequest(revision, prune ? Boolean.TRUE : null, dryRun ? Boolean.TRUE : null, resources);
        return client.run(api -> {
            Operation operation = api.sync(name, request);
            PrintWriter out = spec.commandLine().getOut();
            if (output.machineReadable()) {
                ClientOptions.print(out, output, operation);
                return ExitCodes.OK;
            }
            out.println((dryRun ? "dry run of " : "sync of ") + name + " started: operation " + operation.id() + " "
                    + ClientOptions.cell(operation.phase()) + " at revision "
                    + ClientOptions.cell(AppListCommand.shortRevision(operation.revision())));
            AppHistoryCommand.printResults(out, operation);
            out.flush();
            return ExitCodes.OK;
        });
    }
}
