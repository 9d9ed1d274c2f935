package dev.driftless.bench;

import dev.driftless.engine.cluster.Cluster;
import dev.driftless.engine.diff.DiffFormatter;
import dev.driftless.engine.diff.Differ;
import dev.driftless.engine.diff.ResourceDiff;
import dev.driftless.engine.reconcile.Application;
import dev.driftless.engine.reconcile.ApplicationSource;
import dev.driftless.engine.reconcile.Comparison;
import dev.driftless.engine.reconcile.DesiredStateLoader;
import dev.driftless.engine.reconcile.Reconciler;
import dev.driftless.engine.render.RenderOptions;
import dev.driftless.engine.render.RenderRequest;
import dev.driftless.engine.render.Renderers;
import dev.driftless.engine.source.GitSource;
import dev.driftless.engine.sync.ResourceResult;
import dev.driftless.engine.sync.SyncAction;
import dev.driftless.engine.sync.SyncListener;
import dev.driftless.engine.sync.SyncOptions;
import org.eclipse.jgit.util.FileUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Times the engine on one generated application against fabric8's in-memory API server: rendering a directory,
 * comparing an in-sync cluster (its live reads and its pure diff apart), and checks that a sync of an in-sync
 * application writes nothing. Prints figures; asserts no timing. Exits with 1 when a correctness check fails.
 *
 * <p>Usage: {@code EngineBench [objects]}, 1000 objects by default.
 */
public final class EngineBench {

    private static final String APP = "bench";
    private static final String APP_PATH = "apps";
    private static final int SHOWN_PROBLEMS = 5;

    private final List<Row> rows = new ArrayList<>();

    private record Row(String metric, String value, String unit) {
    }

    private EngineBench() {
    }

    public static void main(String[] args) throws Exception {
        int objects = args.length == 0 ? 1000 : parseObjects(args[0]);
        Path workDir = Files.createTempDirectory("driftless-bench-");
        int status;
        try (MockApiServer server = new MockApiServer()) {
            status = new EngineBench().run(objects, workDir, server);
        } finally {
            FileUtils.delete(workDir.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
        }
        System.exit(status);
    }

    private static int parseObjects(String argument) {
        try {
            int objects = Integer.parseInt(argument);
            if (objects > 0) {
                return objects;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the same message as a non-positive number
        }
        System.err.println("usage: EngineBench [objects]; objects must be a positive whole number, got '" + argument + "'");
        System.exit(2);
        throw new IllegalStateException("unreachable");
    }

    private int run(int objects, Path workDir, MockApiServer server) throws Exception {
        Map<String, String> files = ManifestTree.files(objects);
        ManifestTree.write(workDir.resolve(APP_PATH), files);
        System.out.printf("JVM: %s %s (%s), %d processors, max heap %d MiB%n", System.getProperty("java.vm.name"),
                Runtime.version(), System.getProperty("java.vm.vendor"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("Objects: %d in %d files under %s/%n%n", objects, files.size(), APP_PATH);
        add("objects", Integer.toString(objects), "count");
        add("manifest files", Integer.toString(files.size()), "count");

        RenderOptions.Directory directory = new RenderOptions.Directory(true, List.of(), List.of());
        Renderers renderers = new Renderers();
        RenderRequest request = new RenderRequest(workDir, APP_PATH, directory);
        int rendered = renderers.render(request).size();
        if (rendered != objects) {
            System.err.printf("FAIL: rendered %d objects, generated %d%n", rendered, objects);
            return 1;
        }
        addTimes("render (DirectoryRenderer)", Samples.measure(10, 20, () -> renderers.render(request)));

        Cluster cluster = Cluster.of(server.client());
        Reconciler reconciler = new Reconciler(
                new DesiredStateLoader(new GitSource(workDir.resolve("git-cache")), renderers), cluster);
        Application app = new Application(APP, new ApplicationSource.Local(workDir, APP_PATH, directory),
                SyncOptions.defaults(APP));

        long firstSyncStart = System.nanoTime();
        Reconciler.SyncOutcome firstSync = reconciler.sync(app, SyncListener.NONE);
        add("first sync (creates all)", millis(System.nanoTime() - firstSyncStart), "ms");
        if (!firstSync.result().succeeded()) {
            System.err.println("FAIL: the first sync failed for " + firstSync.result().failures().size() + " objects:");
            firstSync.result().failures().stream().limit(SHOWN_PROBLEMS).forEach(failure -> System.err.println("  " + failure));
            return 1;
        }
        long firstSyncWrites = server.takeRequests().stream().filter(MockApiServer::isWrite).count();
        add("first sync: write requests", Long.toString(firstSyncWrites), "count");

        int compareRuns = 10;
        AtomicReference<Comparison> lastComparison = new AtomicReference<>();
        Samples compare = Samples.measure(15, compareRuns, () -> lastComparison.set(reconciler.compare(app)));
        List<String> compareRequests = server.takeRequests();
        Comparison comparison = lastComparison.get();
        addTimes("compare, whole (render + read + diff)", compare);
        addTimes("compare: live read (Cluster.liveState)", Samples.measure(3, compareRuns,
                () -> cluster.liveState(app.name(), comparison.desired(), comparison.mapper())));
        addTimes("compare: pure diff (Differ.diffAll)", Samples.measure(10, 30,
                () -> Differ.diffAll(app.name(), comparison.desired(), comparison.live())));
        add("API requests per compare", Integer.toString(compareRequests.size() / (15 + compareRuns)), "count");
        server.takeRequests();

        List<ResourceDiff> notSynced = comparison.diffs().stream().filter(diff -> !diff.inSync()).toList();
        add("objects compared", Integer.toString(comparison.diffs().size()), "count");
        add("not SYNCED after a sync", Integer.toString(notSynced.size()), "count");

        long noOpStart = System.nanoTime();
        Reconciler.SyncOutcome noOp = reconciler.sync(app, SyncListener.NONE);
        add("no-op sync", millis(System.nanoTime() - noOpStart), "ms");
        List<String> writes = server.takeRequests().stream().filter(MockApiServer::isWrite).toList();
        List<ResourceResult> touched = noOp.result().resources().stream()
                .filter(result -> result.action() != SyncAction.UNCHANGED).toList();
        add("no-op sync: objects not UNCHANGED", Integer.toString(touched.size()), "count");
        add("no-op sync: write requests", Integer.toString(writes.size()), "count");

        printTable();
        return report(notSynced, touched, writes);
    }

    private static int report(List<ResourceDiff> notSynced, List<ResourceResult> touched, List<String> writes) {
        boolean failed = false;
        if (!notSynced.isEmpty()) {
            failed = true;
            System.err.printf("%nFAIL: %d objects are not SYNCED right after a successful sync; the first ones:%n", notSynced.size());
            notSynced.stream().limit(SHOWN_PROBLEMS).forEach(diff -> System.err.print(DiffFormatter.text(diff)));
        }
        if (!touched.isEmpty()) {
            failed = true;
            System.err.printf("%nFAIL: a sync of an in-sync application acted on %d objects; the first ones:%n", touched.size());
            touched.stream().limit(SHOWN_PROBLEMS).forEach(result -> System.err.println("  " + result));
        }
        if (!writes.isEmpty()) {
            failed = true;
            System.err.printf("%nFAIL: a sync of an in-sync application sent %d write requests; the first ones:%n", writes.size());
            writes.stream().limit(SHOWN_PROBLEMS).forEach(write -> System.err.println("  " + write));
        }
        return failed ? 1 : 0;
    }

    private void addTimes(String metric, Samples samples) {
        add(metric + ", min", "%.1f".formatted(samples.minMillis()), "ms");
        add(metric + ", median", "%.1f".formatted(samples.medianMillis()), "ms");
    }

    private void add(String metric, String value, String unit) {
        rows.add(new Row(metric, value, unit));
    }

    private void printTable() {
        Row header = new Row("metric", "value", "unit");
        List<Row> table = new ArrayList<>(List.of(header));
        table.addAll(rows);
        int metricWidth = table.stream().mapToInt(row -> row.metric().length()).max().orElse(0);
        int valueWidth = table.stream().mapToInt(row -> row.value().length()).max().orElse(0);
        String format = "%-" + metricWidth + "s  %" + valueWidth + "s  %s%n";
        table.forEach(row -> System.out.printf(format, row.metric(), row.value(), row.unit()));
    }

    private static String millis(long nanos) {
        return "%.1f".formatted(nanos / 1e6);
    }
}
