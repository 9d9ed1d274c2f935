package dev.driftless.cli;

import dev.driftless.client.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code driftless repo list}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the URL prefixes that have credentials, with the kind of credential (never the secret).")
final class RepoListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        return client.run(api -> {
            List<Repository> repositories = api.listRepositories();
            PrintWriter out = spec.commandLine().getOut();
            if (output.machineReadable()) {
                ClientOptions.print(out, output, repositories);
                return ExitCodes.OK;
            }
            if (repositories.isEmpty()) {
                out.println("no repository credentials");
            } else {
                Table table = new Table("URL PREFIX", "TYPE", "USERNAME", "ORIGIN");
                repositories.forEach(repository -> table.row(repository.urlPrefix(), ClientOptions.cell(repository.type()),
                        ClientOptions.cell(repository.username()), ClientOptions.cell(repository.origin())));
                table.print(out);
            }
            out.flush();
            return ExitCodes.OK;
        });
    }
}
