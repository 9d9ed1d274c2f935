package dev.driftless.cli;

import dev.driftless.client.Cluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code driftless cluster list}. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List clusters with their API server, labels and where they were defined; the sandbox is marked.")
final class ClusterListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        return client.run(api -> {
            List<Cluster> clusters = api.listClusters();
            PrintWriter out = spec.commandLine().getOut();
            if (output.machineReadable()) {
                ClientOptions.print(out, output, clusters);
                return ExitCodes.OK;
            }
            if (clusters.isEmpty()) {
                out.println("no clusters");
            } else {
                Table table = new Table("NAME", "SERVER", "LABELS", "ORIGIN");
                clusters.forEach(cluster -> table.row(
                        cluster.sandbox() ? cluster.name() + " (SANDBOX)" : cluster.name(),
                        ClientOptions.cell(cluster.server()), ClientOptions.cell(labels(cluster.labels())),
                        ClientOptions.cell(cluster.origin())));
                table.print(out);
            }
            out.flush();
            return ExitCodes.OK;
        });
    }

    private static String labels(Map<String, String> labels) {
        return labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(label -> label.getKey() + "=" + label.getValue()).collect(Collectors.joining(","));
    }
}
