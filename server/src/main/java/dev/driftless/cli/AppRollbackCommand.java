package dev.driftless.cli;

import dev.driftless.client.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code driftless app rollback NAME ID}: sync the revision of an earlier operation. */
@Command(name = "rollback", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sync the revision an earlier operation applied (an ID from 'driftless app history').",
                "This turns automated sync off for the application until it is enabled again."})
final class AppRollbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The application.")
    String name;

    @Parameters(index = "1", paramLabel = "ID", description = "The history entry to go back to.")
    long id;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        return client.run(api -> {
            Operation operation = api.rollback(name, id);
            PrintWriter out = spec.commandLine().getOut();
            if (output.machineReadable()) {
                ClientOptions.print(out, output, operation);
                return ExitCodes.OK;
            }
            out.println("rollback of " + name + " to operation " + id + " started: operation " + operation.id() + " "
                    + ClientOptions.cell(operation.phase()) + " at revision "
                    + ClientOptions.cell(AppListCommand.shortRevision(operation.revision())));
            out.println("automated sync of " + name + " is off until it is enabled again");
            out.flush();
            return ExitCodes.OK;
        });
    }
}
