package dev.driftless.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.cluster.Cluster;
import dev.driftless.engine.diff.DiffFormatter;
import dev.driftless.engine.diff.Differ;
import dev.driftless.engine.diff.ResourceDiff;
import dev.driftless.engine.diff.SyncState;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.reconcile.Application;
import dev.driftless.engine.reconcile.Comparison;
import dev.driftless.engine.reconcile.Reconciler;
import dev.driftless.engine.sync.SyncOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code driftless diff}: what differs between Git and the cluster, or between two files. */
@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show the drift between Git (or a local tree) and a cluster, field by field.",
                "Only fields Git sets count: defaults and fields other controllers own never show as drift.",
                "With --desired and --live, compare two files offline instead.",
                "Exit code 0 when everything is in sync, 1 when anything is out of sync, missing or extraneous."})
final class DiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions source;

    @Mixin
    AppOptions app;

    @Mixin
    ClusterOptions cluster;

    @ArgGroup(exclusive = false, heading = "%nOffline comparison:%n")
    Offline offline;

    @Option(names = "--unified", description = "Also print a unified YAML diff of each drifted object.")
    boolean unified;

    @Mixin
    OutputOptions output;

    static final class Offline {
        @Option(names = "--desired", required = true, paramLabel = "FILE", description = "Objects as Git has them.")
        Path desired;

        @Option(names = "--live", required = true, paramLabel = "FILE",
                description = "The same objects as the cluster returns them (with or without Driftless's last-applied record).")
        Path live;
    }

    @Override
    public Integer call() throws Exception {
        List<ResourceDiff> diffs = offline != null ? offlineDiffs() : clusterDiffs();
        print(diffs);
        return diffs.stream().allMatch(ResourceDiff::inSync) ? ExitCodes.OK : ExitCodes.DIFFERENCES;
    }

    /** The application is built first, so that a usage error is reported before any cluster is contacted. */
    private List<ResourceDiff> clusterDiffs() throws Exception {
        Application application = Engines.application(source, app, SyncOptions.defaults(app.namespace));
        try (Cluster connected = cluster.connect()) {
            Comparison comparison = new Reconciler(Engines.loader(source), connected).compare(application);
            return comparison.diffs();
        }
    }

    /**
     * Pairs objects by key; a live object with no desired counterpart is ignored, as it is not Git's business.
     * A desired object that names no namespace pairs with the live object of that name and takes its namespace,
     * as a sync would have assigned it one.
     */
    private List<ResourceDiff> offlineDiffs() throws Exception {
        Map<ResourceKey, ObjectNode> live = ManifestFiles.read(offline.live).stream()
                .collect(Collectors.toMap(Manifest::key, Manifest::body, (first, second) -> {
                    throw new InputException(offline.live + ": the same object appears twice");
                }));
        List<ResourceDiff> diffs = new ArrayList<>();
        for (Manifest desired : ManifestFiles.read(offline.desired)) {
            ObjectNode desiredObject = desired.body();
            ObjectNode liveObject = live.get(desired.key());
            if (liveObject == null && desired.key().namespace().isEmpty()) {
                liveObject = live.entrySet().stream()
                        .filter(entry -> entry.getKey().withNamespace("").equals(desired.key()))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                if (liveObject != null) {
                    desiredObject = desiredObject.deepCopy();
                    desiredObject.withObjectProperty("metadata").put("namespace", ResourceKey.of(liveObject).namespace());
                }
            }
            diffs.add(Differ.diff(desiredObject, liveObject));
        }
        return diffs;
    }

    /** People see only what differs, then a count; machine output lists every object with its state. */
    private void printText(PrintWriter out, List<ResourceDiff> diffs) {
        List<ResourceDiff> drifted = diffs.stream().filter(diff -> !diff.inSync()).toList();
        out.print(DiffFormatter.text(drifted, unified));
        Map<SyncState, Long> counts = new EnumMap<>(SyncState.class);
        diffs.forEach(diff -> counts.merge(diff.state(), 1L, Long::sum));
        out.println(diffs.size() + " objects: " + counts.entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .collect(Collectors.joining(", ")));
    }

    private void print(List<ResourceDiff> diffs) {
        PrintWriter out = spec.commandLine().getOut();
        switch (output.format) {
            case JSON -> out.println(DiffFormatter.json(diffs));
            case YAML -> out.print(DiffFormatter.yaml(diffs));
            case TEXT -> printText(out, diffs);
        }
        out.flush();
    }
}
