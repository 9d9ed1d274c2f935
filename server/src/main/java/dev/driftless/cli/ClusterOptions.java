package dev.driftless.cli;

import dev.driftless.engine.cluster.ApplyMode;
import dev.driftless.engine.cluster.Cluster;
import picocli.CommandLine.Option;

import java.io.File;
import java.nio.file.Path;

/** Which cluster to talk to and how to write to it. */
final class ClusterOptions {

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context (default: its current context).")
    String context;

    @Option(names = "--apply-mode", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (server-side apply where supported, else client-side merge), server_side or client_side (default: ${DEFAULT-VALUE}).")
    ApplyMode applyMode;

    Cluster connect() {
        return Cluster.connect(kubeconfigPath(), context);
    }

    private Path kubeconfigPath() {
        if (kubeconfig != null) {
            return kubeconfig;
        }
        String fromEnvironment = System.getenv("KUBECONFIG");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment.split(File.pathSeparator)[0]);
        }
        return Path.of(System.getProperty("user.home"), ".kube", "config");
    }
}
