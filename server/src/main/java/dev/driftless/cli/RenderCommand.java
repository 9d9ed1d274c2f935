package dev.driftless.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.diff.Redaction;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.reconcile.DesiredState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code driftless render}: the desired objects, as Driftless would apply them. */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the desired objects rendered from Git (or a local tree) as YAML.",
                "Secret values are replaced by redaction markers: rendering never prints them."})
final class RenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions source;

    @Mixin
    AppOptions app;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        DesiredState desired = Engines.loader(source).load(source.toSource(app.name, app.namespace));
        List<ObjectNode> objects = desired.manifests().stream().map(Manifest::body).map(Redaction::redact).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (output.format == OutputOptions.Format.JSON) {
            output.print(out, objects);
        } else {
            for (ObjectNode object : objects) {
                out.println("---");
                out.print(Documents.YAML.writeValueAsString(object));
            }
            out.flush();
        }
        return ExitCodes.OK;
    }
}
