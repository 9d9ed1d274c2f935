package dev.driftless.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code driftless app delete NAME [--cascade]}. */
@Command(name = "delete", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Delete an application. Its objects stay in the cluster unless --cascade is given.")
final class AppDeleteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The application.")
    String name;

    @Option(names = "--cascade", description = "Also delete the objects the application tracks in its cluster.")
    boolean cascade;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws Exception {
        return client.run(api -> {
            api.deleteApplication(name, cascade);
            PrintWriter out = spec.commandLine().getOut();
            out.println("application " + name + " deleted" + (cascade
                    ? " with the objects it tracked"
                    : "; the objects it tracked stay in the cluster"));
            out.flush();
            return ExitCodes.OK;
        });
    }
}
