package dev.driftless.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code driftless project delete NAME}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a project created through the API; refused while applications belong to it.")
final class ProjectDeleteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The project.")
    String name;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws Exception {
        return client.run(api -> {
            api.deleteProject(name);
            PrintWriter out = spec.commandLine().getOut();
            out.println("project " + name + " deleted");
            out.flush();
            return ExitCodes.OK;
        });
    }
}
