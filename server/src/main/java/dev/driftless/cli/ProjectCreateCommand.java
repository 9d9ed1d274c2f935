package dev.driftless.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.client.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code driftless project create -f FILE}: a project from its declarative document. */
@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create a project from a YAML or JSON document (kind: Project, metadata, spec), as it would be",
                "written in the configuration directory, with its SOPS keys from files."})
final class ProjectCreateCommand implements Callable<Integer> {

    static final String KIND = "Project";

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The Project document.")
    Path file;

    @Mixin
    ProjectKeyOptions keys;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        ObjectNode document = keys.addTo(AppCreateCommand.read(file, KIND));
        return client.run(api -> {
            Project created = api.createProject(document);
            PrintWriter out = spec.commandLine().getOut();
            if (output.machineReadable()) {
                ClientOptions.print(out, output, created);
            } else {
                out.println("project " + created.name() + " created");
                out.flush();
            }
            return ExitCodes.OK;
        });
    }
}
