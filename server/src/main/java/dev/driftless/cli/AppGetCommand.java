package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.client.Application;
import dev.driftless.client.ApplicationStatus;
import dev.driftless.client.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code driftless app get NAME}: one application, its status and its objects. */
@Command(name = "get", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show an application: source, destination, sync and health, the objects it manages, errors.")
final class AppGetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The application.")
    String name;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        return client.run(api -> {
            Application application = api.getApplication(name);
            PrintWriter out = spec.commandLine().getOut();
            if (output.machineReadable()) {
                ClientOptions.print(out, output, application);
            } else {
                printText(out, application);
            }
            return ExitCodes.OK;
        });
    }

    private static void printText(PrintWriter out, Application application) {
        JsonNode spec = application.definition() == null ? null : application.definition().path("spec");
        JsonNode source = spec == null ? null : spec.path("source");
        JsonNode destination = spec == null ? null : spec.path("destination");
        ApplicationStatus status = application.status();
        Table fields = new Table("Name:", application.name());
        fields.row("Origin:", ClientOptions.cell(application.origin()));
        if (source != null) {
            fields.row("Source:", ClientOptions.cell(source.path("repoURL").asText(null))
                    + " path " + ClientOptions.cell(source.path("path").asText(null))
                    + " at " + ClientOptions.cell(source.path("revision").asText(null)));
            fields.row("Destination:", ClientOptions.cell(destination.path("cluster").asText(null))
                    + " namespace " + ClientOptions.cell(destination.path("namespace").asText(null)));
            fields.row("Sync policy:", spec.path("syncPolicy").path("automated").asBoolean(false) ? "automated" : "manual");
        }
        if (status != null) {
            fields.row("Sync:", ClientOptions.cell(status.sync()));
            fields.row("Health:", ClientOptions.cell(status.health())
                    + (status.healthMessage() == null ? "" : " (" + status.healthMessage() + ")"));
            fields.row("Revision:", ClientOptions.cell(status.revision()));
            if (status.waiting() != null) {
                fields.row("Waiting:", status.waiting());
            }
            if (status.lastOperation() != null) {
                Operation operation = status.lastOperation();
                fields.row("Last operation:", operation.id() + " " + ClientOptions.cell(operation.phase())
                        + " at " + ClientOptions.cell(AppListCommand.shortRevision(operation.revision()))
                        + " by " + ClientOptions.cell(operation.initiatedBy())
                        + (operation.result() == null ? "" : ": " + operation.result()));
            }
            fields.row("Reconciled:", ClientOptions.cell(status.reconciledAt()));
        }
        fields.print(out);
        if (status == null) {
            return;
        }
        status.errors().forEach(error -> out.println("ERROR " + error));
        if (!status.resources().isEmpty()) {
            out.println();
            Table resources = new Table("KEY", "SYNC", "HEALTH", "MESSAGE");
            status.resources().forEach(resource -> resources.row(resource.key(), ClientOptions.cell(resource.sync()),
                    ClientOptions.cell(resource.health()), ClientOptions.cell(resource.healthMessage())));
            resources.print(out);
        }
        out.flush();
    }
}
