package dev.driftless.cli;

import dev.driftless.engine.health.Health;
import dev.driftless.engine.health.HealthAssessor;
import dev.driftless.engine.model.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code driftless health -f FILE}: the health of every object in a file, as Driftless would judge it live. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Print the health of every object in FILE (live objects as the cluster returns them).")
final class HealthCommand implements Callable<Integer> {

    /** One line of output; field order is the JSON order. */
    record ObjectHealth(String kind, String name, String status, String message) {
    }

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "YAML or JSON file of objects.")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputOptions.Format format;

    @Override
    public Integer call() throws Exception {
        HealthAssessor assessor = new HealthAssessor();
        List<ObjectHealth> results = new ArrayList<>();
        for (Manifest manifest : ManifestFiles.read(file)) {
            Health health = assessor.assess(manifest.body());
            results.add(new ObjectHealth(manifest.kind(), manifest.key().name(),
                    health.status().displayName(), health.message()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputOptions.Format.TEXT) {
            Table table = new Table("KIND", "NAME", "HEALTH", "MESSAGE");
            results.forEach(r -> table.row(r.kind(), r.name(), r.status(), r.message()));
            table.print(out);
        } else {
            OutputOptions.write(out, format, results);
        }
        return ExitCodes.OK;
    }
}
