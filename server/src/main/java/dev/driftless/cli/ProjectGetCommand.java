package dev.driftless.cli;

import dev.driftless.client.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code driftless project get NAME}. */
@Command(name = "get", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show a project's limits, roles, how many SOPS keys it holds and its applications.")
final class ProjectGetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The project.")
    String name;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        return client.run(api -> {
            Project project = api.getProject(name);
            PrintWriter out = spec.commandLine().getOut();
            if (output.machineReadable()) {
                ClientOptions.print(out, output, project);
                return ExitCodes.OK;
            }
            line(out, "Name", project.name());
            line(out, "Description", project.description());
            line(out, "Origin", project.origin());
            line(out, "Sources", String.join(", ", project.sourceRepos()));
            line(out, "Destinations", ProjectListCommand.destinations(project));
            line(out, "Cluster kinds", kinds(project.clusterResourceWhitelist()));
            line(out, "Denied kinds", kinds(project.namespaceResourceBlacklist()));
            line(out, "Applies as", project.destinationServiceAccounts().stream()
                    .map(account -> account.cluster() + "/" + account.namespace() + ": " + account.serviceAccount())
                    .collect(Collectors.joining(", ")));
            line(out, "SOPS keys", ProjectListCommand.keys(project.sopsKeys()));
            line(out, "Applications", String.join(", ", project.applications()));
            for (Project.Role role : project.roles()) {
                line(out, "Role " + role.name(), "groups " + String.join(", ", role.groups()));
                role.policies().forEach(policy -> out.println("  " + policy));
            }
            out.flush();
            return ExitCodes.OK;
        });
    }

    private static void line(PrintWriter out, String label, String value) {
        out.println(label + ": " + ClientOptions.cell(value));
    }

    private static String kinds(List<Project.GroupKind> kinds) {
        return kinds.stream().map(kind -> kind.group().isEmpty() ? kind.kind() : kind.group() + "/" + kind.kind())
                .collect(Collectors.joining(", "));
    }
}
