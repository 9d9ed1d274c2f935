package dev.driftless.cli;

import picocli.CommandLine.Option;

/** The application's name and destination namespace: they decide tracking, ownership and namespace defaults. */
final class AppOptions {

    @Option(names = "--app", paramLabel = "NAME", defaultValue = "default",
            description = "Application name; objects are tracked and pruned per application (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", defaultValue = "default",
            description = "Destination namespace for namespaced objects that name none (default: ${DEFAULT-VALUE}).")
    String namespace;
}
