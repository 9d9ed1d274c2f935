package dev.driftless.cli;

import dev.driftless.client.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code driftless project list}. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List projects with their source repositories, destinations, keys held and applications.")
final class ProjectListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        return client.run(api -> {
            List<Project> projects = api.listProjects();
            PrintWriter out = spec.commandLine().getOut();
            if (output.machineReadable()) {
                ClientOptions.print(out, output, projects);
                return ExitCodes.OK;
            }
            Table table = new Table("NAME", "ORIGIN", "SOURCES", "DESTINATIONS", "KEYS", "APPLICATIONS");
            projects.forEach(project -> table.row(project.name(), ClientOptions.cell(project.origin()),
                    ClientOptions.cell(String.join(",", project.sourceRepos())),
                    ClientOptions.cell(destinations(project)), keys(project.sopsKeys()),
                    Integer.toString(project.applications().size())));
            table.print(out);
            out.flush();
            return ExitCodes.OK;
        });
    }

    static String destinations(Project project) {
        return project.destinations().stream().map(destination -> destination.cluster() + "/" + destination.namespace())
                .collect(Collectors.joining(","));
    }

    static String keys(Project.SopsKeys keys) {
        return keys.ageIdentities() + " age, " + keys.pgpKeys() + " pgp";
    }
}
