package dev.driftless.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code driftless app refresh NAME}: compare now instead of at the next poll. */
@Command(name = "refresh", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ask the service to compare an application with Git and its cluster now (and sync it if it is",
                "automated and out of sync). Returns at once; 'driftless app wait' or 'get' shows the outcome."})
final class AppRefreshCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The application.")
    String name;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws Exception {
        return client.run(api -> {
            api.refresh(name);
            PrintWriter out = spec.commandLine().getOut();
            out.println("refresh of " + name + " requested");
            out.flush();
            return ExitCodes.OK;
        });
    }
}
