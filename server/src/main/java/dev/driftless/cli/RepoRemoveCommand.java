package dev.driftless.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code driftless repo remove URL_PREFIX}. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Remove the credentials stored for a URL prefix.")
final class RepoRemoveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "URL_PREFIX", description = "The prefix exactly as 'driftless repo list' shows it.")
    String urlPrefix;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws Exception {
        return client.run(api -> {
            api.removeRepository(urlPrefix);
            PrintWriter out = spec.commandLine().getOut();
            out.println("credentials for " + urlPrefix + " removed");
            out.flush();
            return ExitCodes.OK;
        });
    }
}
