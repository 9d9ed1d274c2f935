package dev.driftless.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.client.ClusterInput;
import dev.driftless.engine.model.Documents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code driftless cluster add NAME --kubeconfig FILE}: the kubeconfig's content goes to the service once. */
@Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Add a cluster from a kubeconfig. The file's content is sent to the service, which stores it encrypted;",
                "it is never printed."})
final class ClusterAddCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The name applications use in destination.cluster.")
    String name;

    @Option(names = "--kubeconfig", required = true, paramLabel = "FILE", description = "The kubeconfig to send.")
    Path kubeconfig;

    @Option(names = "--context", description = "The kubeconfig context to use (default: its current context).")
    String context;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A label, e.g. env=prod (repeatable).")
    List<String> labels = new ArrayList<>();

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws Exception {
        Map<String, String> labelMap = ClientOptions.labels(labels, "--label");
        String content = ClientOptions.readSecret(kubeconfig, "--kubeconfig");
        checkKubeconfig(content);
        ClusterInput input = new ClusterInput(name, content, context, labelMap);
        return client.run(api -> {
            api.addCluster(input);
            PrintWriter out = spec.commandLine().getOut();
            out.println("cluster " + name + " added");
            out.flush();
            return ExitCodes.OK;
        });
    }

    /** Catches the wrong file before it is sent; parser messages are left out as they may quote credentials. */
    private void checkKubeconfig(String content) {
        JsonNode config;
        try {
            config = Documents.YAML.readTree(content);
        } catch (JsonProcessingException e) {
            throw new InputException("--kubeconfig " + kubeconfig + ": not YAML"
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (config == null || !config.path("clusters").isArray() || !config.path("contexts").isArray()) {
            throw new InputException("--kubeconfig " + kubeconfig + ": not a kubeconfig (no clusters and contexts)");
        }
        String wanted = context != null ? context : config.path("current-context").asText("");
        if (wanted.isEmpty()) {
            throw new InputException("--kubeconfig " + kubeconfig + ": it has no current-context; give --context");
        }
        boolean found = false;
        for (JsonNode entry : config.path("contexts")) {
            found |= wanted.equals(entry.path("name").asText());
        }
        if (!found) {
            throw new InputException("--kubeconfig " + kubeconfig + ": it has no context " + wanted);
        }
    }
}
