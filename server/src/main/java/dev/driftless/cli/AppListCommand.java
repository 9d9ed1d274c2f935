package dev.driftless.cli;

import dev.driftless.client.ApplicationPage;
import dev.driftless.client.ApplicationQuery;
import dev.driftless.client.ApplicationSummary;
import dev.driftless.client.HealthStatus;
import dev.driftless.client.SyncStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code driftless app list}: one page of applications, filtered by the server. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List applications with their sync and health status; filters and paging apply on the server.")
final class AppListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--name", paramLabel = "TEXT", description = "Only names containing TEXT.")
    String name;

    @Option(names = "--project", description = "Only this project.")
    String project;

    @Option(names = "--cluster", description = "Only applications deploying to this cluster.")
    String cluster;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Only applications with this label (repeatable; all must match).")
    List<String> labels = new ArrayList<>();

    @Option(names = "--sync", paramLabel = "STATUS", description = "Only this sync status: Synced, OutOfSync or Unknown.")
    String sync;

    @Option(names = "--health", paramLabel = "STATUS",
            description = "Only this health: Healthy, Progressing, Degraded, Suspended, Missing or Unknown.")
    String health;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + ApplicationQuery.DEFAULT_LIMIT,
            description = "At most N applications (default: ${DEFAULT-VALUE}, at most " + ApplicationQuery.MAX_LIMIT + ").")
    int limit;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Skip the first N (default: ${DEFAULT-VALUE}).")
    int offset;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        ApplicationQuery query = query();
        return client.run(api -> {
            print(api.listApplications(query));
            return ExitCodes.OK;
        });
    }

    private ApplicationQuery query() {
        ClientOptions.labels(labels, "--label");
        try {
            return new ApplicationQuery(limit, offset, name, project, cluster, labels,
                    sync == null ? null : SyncStatus.parse(sync),
                    health == null ? null : HealthStatus.parse(health));
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
    }

    private void print(ApplicationPage page) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.machineReadable()) {
            ClientOptions.print(out, output, page);
            return;
        }
        if (page.items().isEmpty()) {
            out.println(page.total() == 0 ? "no applications" : "no applications at offset " + page.offset()
                    + " (" + page.total() + " in all)");
            out.flush();
            return;
        }
        Table table = new Table("NAME", "SYNC", "HEALTH", "REVISION", "CLUSTER", "NAMESPACE", "PROJECT", "AUTO");
        for (ApplicationSummary app : page.items()) {
            table.row(app.name(), ClientOptions.cell(app.sync()), ClientOptions.cell(app.health()),
                    ClientOptions.cell(shortRevision(app.revision())), ClientOptions.cell(app.cluster()),
                    ClientOptions.cell(app.namespace()), ClientOptions.cell(app.project()), app.automated() ? "yes" : "no");
        }
        table.print(out);
        int shownUpTo = page.offset() + page.items().size();
        if (page.offset() > 0 || shownUpTo < page.total()) {
            out.println("applications " + (page.offset() + 1) + "-" + shownUpTo + " of " + page.total()
                    + (shownUpTo < page.total() ? "; next page: --offset " + shownUpTo : ""));
        }
        out.flush();
    }

    /** A full commit SHA is shortened as Git prints it; branch names and tags stay whole. */
    static String shortRevision(String revision) {
        return revision != null && revision.matches("[0-9a-f]{40}") ? revision.substring(0, 7) : revision;
    }
}
