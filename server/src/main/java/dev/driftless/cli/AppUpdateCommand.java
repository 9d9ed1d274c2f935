package dev.driftless.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.client.Application;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code driftless app update NAME -f FILE}: replaces the definition of an application created through the API. */
@Command(name = "update", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replace the definition of an application created through the API with a YAML or JSON document",
                "(kind: Application, metadata, spec), as 'driftless app create' takes it. Applications declared in",
                "files or Git are changed there."})
final class AppUpdateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The application; the document's metadata.name must be the same.")
    String name;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The Application document.")
    Path file;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        ObjectNode document = AppCreateCommand.read(file);
        String named = document.path("metadata").path("name").asText();
        if (!named.equals(name)) {
            throw new InputException(file + ": metadata.name is " + named + ", not " + name
                    + " (an application cannot be renamed)");
        }
        return client.run(api -> {
            Application updated = api.updateApplication(name, document);
            PrintWriter out = spec.commandLine().getOut();
            if (output.machineReadable()) {
                ClientOptions.print(out, output, updated);
            } else {
                out.println("application " + updated.name() + " updated");
                out.flush();
            }
            return ExitCodes.OK;
        });
    }
}
