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

/** {@code driftless project update -f FILE}: replaces a project created through the API. */
@Command(name = "update", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replace a project created through the API with a document (kind: Project, metadata, spec);",
                "its SOPS keys are kept unless key files are given."})
final class ProjectUpdateCommand implements Callable<Integer> {

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
        ObjectNode document = keys.addTo(AppCreateCommand.read(file, ProjectCreateCommand.KIND));
        return client.run(api -> {
            Project updated = api.updateProject(document.path("metadata").path("name").asText(), document);
            PrintWriter out = spec.commandLine().getOut();
            if (output.machineReadable()) {
                ClientOptions.print(out, output, updated);
            } else {
                out.println("project " + updated.name() + " updated");
                out.flush();
            }
            return ExitCodes.OK;
        });
    }
}
