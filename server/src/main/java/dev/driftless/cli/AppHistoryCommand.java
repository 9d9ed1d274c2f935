package dev.driftless.cli;

import dev.driftless.client.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code driftless app history NAME}: the operations the service recorded, newest first. */
@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List an application's operations, newest first, with the revision, its commit and who started it.",
                "Any ID can be given to 'driftless app rollback'."})
final class AppHistoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The application.")
    String name;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N entries (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        if (limit < 1) {
            throw new InputException("--limit " + limit + ": must be at least 1");
        }
        return client.run(api -> {
            List<Operation> history = api.history(name, limit);
            PrintWriter out = spec.commandLine().getOut();
            if (output.machineReadable()) {
                ClientOptions.print(out, output, history);
                return ExitCodes.OK;
            }
            if (history.isEmpty()) {
                out.println("no operations recorded for " + name);
            } else {
                Table table = new Table("ID", "STARTED", "PHASE", "REVISION", "INITIATED BY", "AUTHOR", "MESSAGE");
                history.forEach(operation -> table.row(String.valueOf(operation.id()),
                        ClientOptions.cell(operation.startedAt()), ClientOptions.cell(operation.phase()),
                        ClientOptions.cell(AppListCommand.shortRevision(operation.revision())),
                        ClientOptions.cell(operation.initiatedBy()), ClientOptions.cell(operation.author()),
                        ClientOptions.cell(firstLine(operation.message()))));
                table.print(out);
            }
            out.flush();
            return ExitCodes.OK;
        });
    }

    /** What an operation did to each object, one line each, as {@code driftless sync} prints it. */
    static void printResults(PrintWriter out, Operation operation) {
        operation.resources().forEach(result -> out.printf("  %-10s %s  %s%n",
                ClientOptions.cell(result.action()).toLowerCase(Locale.ROOT), result.key(),
                result.message() == null ? "" : result.message()));
    }

    private static String firstLine(String message) {
        return message == null ? null : message.lines().findFirst().orElse("");
    }
}
