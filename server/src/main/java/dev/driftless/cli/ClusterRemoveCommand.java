package dev.driftless.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code driftless cluster remove NAME}. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Remove a cluster from the service; the objects deployed there stay.")
final class ClusterRemoveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The cluster.")
    String name;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws Exception {
        return client.run(api -> {
            api.removeCluster(name);
            PrintWriter out = spec.commandLine().getOut();
            out.println("cluster " + name + " removed");
            out.flush();
            return ExitCodes.OK;
        });
    }
}
