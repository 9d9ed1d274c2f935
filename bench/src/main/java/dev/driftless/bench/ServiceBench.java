package dev.driftless.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.driftless.service.ConfigSource;
import dev.driftless.service.DriftlessServer;
import dev.driftless.service.ServeSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.eclipse.jgit.util.FileUtils;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A scenario benchmark of {@code driftless serve} (issue 4): the service against N in-process mock clusters and a
 * loopback {@code git daemon}, measured through its REST API, its webhook and watches on the clusters. Prints a
 * table of figures and which aims they meet; asserts nothing. See bench/README.md.
 */
public final class ServiceBench {

    private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final int LIST_TEAMS = 100;
    private static final int LIST_WARM_UPS = 5;

    private final Options options;
    private final Path workDir;
    private final List<Row> rows = new ArrayList<>();

    private ServiceBench(Options options, Path workDir) {
        this.options = options;
        this.workDir = workDir;
    }

    /**
     * The benchmark's size.
     *
     * @param coldTimeout how long the cold start may take before the figure is reported as not reached
     * @param listSettle  how long the listed applications may take to be compared before the list is timed anyway
     */
    record Options(int apps, int objects, int clusters, int listApps, int samples, Duration idle,
                   Duration coldTimeout, Duration listSettle) {

        static Options parse(String[] args) {
            Map<String, Integer> values = new HashMap<>(Map.of("apps", 1000, "objects", 20, "clusters", 4,
                    "list-apps", 10_000, "samples", 20, "idle", 30));
            boolean quick = List.of(args).contains("--quick");
            if (quick) {
                values.putAll(Map.of("apps", 100, "clusters", 2, "list-apps", 1000, "samples", 10, "idle", 10));
            }
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--quick")) {
                    continue;
                }
                String name = args[i].startsWith("--") ? args[i].substring(2) : "";
                if (!values.containsKey(name) || i + 1 == args.length) {
                    throw new IllegalArgumentException("unknown or incomplete option '" + args[i] + "'; usage: "
                            + "bench/service [--quick] [--apps N] [--objects N] [--clusters N] [--list-apps N]"
                            + " [--samples N] [--idle SECONDS]");
                }
                values.put(name, positive(args[i], args[++i]));
            }
            if (values.get("objects") < ServiceManifests.FIXED_OBJECTS) {
                throw new IllegalArgumentException("--objects must be at least " + ServiceManifests.FIXED_OBJECTS
                        + " (a Deployment, a Service and the ConfigMap the benchmark changes)");
            }
            return new Options(values.get("apps"), values.get("objects"), values.get("clusters"),
                    values.get("list-apps"), values.get("samples"), Duration.ofSeconds(values.get("idle")),
                    Duration.ofMinutes(quick ? 3 : 15), Duration.ofSeconds(quick ? 60 : 300));
        }

        private static int positive(String option, String value) {
            try {
                int number = Integer.parseInt(value);
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException notANumber) {
                // reported below with the option's name
            }
            throw new IllegalArgumentException(option + " needs a positive whole number, got '" + value + "'");
        }
    }

    /** One line of the printed table; {@code aim} is empty when the issue sets none. */
    private record Row(String metric, String value, String aim, String met) {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path workDir = Files.createTempDirectory("driftless-service-bench-");
        try {
            ServiceBench bench = new ServiceBench(options, workDir);
            bench.run();
            bench.print();
        } finally {
            FileUtils.delete(workDir.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.IGNORE_ERRORS);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        List<ServiceCluster> clusters = IntStream.range(0, options.clusters())
                .mapToObj(i -> new ServiceCluster("c" + i)).toList();
        try (ServiceGitServer git = new ServiceGitServer(workDir.resolve("git"))) {
            scenario(git, clusters);
            list(git, clusters.getFirst());
        } finally {
            clusters.forEach(ServiceCluster::close);
        }
    }

    // --- the scenario: cold start, commit to live, drift to reverted, steady state ---

    private void scenario(ServiceGitServer git, List<ServiceCluster> clusters) throws Exception {
        progress("generating a monorepo of %d applications of %d objects", options.apps(), options.objects());
        ServiceGitServer.Repo mono = git.create("mono", ServiceManifests.monorepo(options.apps(), options.objects()));
        Path config = Files.createDirectories(workDir.resolve("scenario-config"));
        List<String> documents = new ArrayList<>();
        documents.add(ServiceManifests.openProject("bench"));
        for (ServiceCluster cluster : clusters) {
            Files.writeString(config.resolve(cluster.name() + ".kubeconfig"), cluster.kubeconfig());
            documents.add(ServiceManifests.cluster(cluster.name(), cluster.name() + ".kubeconfig"));
        }
        for (int i = 0; i < options.apps(); i++) {
            documents.add(ServiceManifests.automatedApplication(ServiceManifests.appName(i), mono.url(),
                    "apps/" + ServiceManifests.appName(i), clusterOf(clusters, i).name()));
        }
        Files.writeString(config.resolve("bench.yaml"), ServiceManifests.documents(documents));

        progress("starting the service and waiting for every application to be Synced and Healthy");
        int clusterRequestsBefore = requests(clusters);
        long gitRequestsBefore = git.requestCount();
        long start = System.nanoTime();
        try (DriftlessServer server = DriftlessServer.start(settings("scenario-data", config))) {
            long started = System.nanoTime();
            ServiceApi api = new ServiceApi(server);
            int healthy = awaitCount(api, "sync=Synced&health=Healthy", options.apps(), options.coldTimeout());
            long cold = System.nanoTime() - start;
            row("start() returned (config read, store opened, listening)", seconds(started - start), "", "");
            if (healthy == options.apps()) {
                row("cold: %d apps x %d objects Synced and Healthy".formatted(options.apps(), options.objects()),
                        seconds(cold), "< 60 s", verdict(cold < Duration.ofSeconds(60).toNanos()));
            } else {
                row("cold: %d apps x %d objects Synced and Healthy".formatted(options.apps(), options.objects()),
                        "only %d after %s".formatted(healthy, seconds(cold)), "< 60 s", "no");
            }
            row("cold: API requests to the clusters, per application",
                    "%.0f".formatted((requests(clusters) - clusterRequestsBefore) / (double) options.apps()), "", "");
            row("cold: Git requests (ls-remote or fetch), per application",
                    "%.1f".formatted((git.requestCount() - gitRequestsBefore) / (double) options.apps()), "", "");
            Map<Integer, String> values = new HashMap<>();
            commitToLive(api, mono, clusters, values);
            driftToReverted(clusters, values);
            steadyState(clusters);
        }
    }

    private void commitToLive(ServiceApi api, ServiceGitServer.Repo mono, List<ServiceCluster> clusters,
                              Map<Integer, String> values) throws Exception {
        progress("commit to live: %d commits, each announced by a webhook", options.samples());
        List<Long> latencies = new ArrayList<>();
        for (int sample = 0; sample < options.samples(); sample++) {
            int app = spread(sample, 0);
            String value = "commit-" + sample;
            try (ServiceChangeWatch watch = watchSettings(clusterOf(clusters, app).client(), app, List.of(value))) {
                String sha = mono.commit("change " + ServiceManifests.appName(app),
                        Map.of(ServiceManifests.settingsPath(app), ServiceManifests.settings(value)));
                long delivered = System.nanoTime();
                api.pushWebhook(mono.url(), sha, ServiceManifests.settingsPath(app));
                latencies.add(watch.await(SAMPLE_TIMEOUT).getFirst() - delivered);
            }
            values.put(app, value);
            pause(Duration.ofMillis(300));
        }
        progress("  commit to live, each sample: %s", millisList(latencies));
        Samples samples = new Samples(latencies);
        row("commit to live (webhook sent -> ConfigMap changed), p50", millis(samples.percentileMillis(0.5)),
                "< 1 s", verdict(samples.percentileMillis(0.5) < 1000));
        row("commit to live, p99", millis(samples.percentileMillis(0.99)), "", "");
    }

    private void driftToReverted(List<ServiceCluster> clusters, Map<Integer, String> values) throws Exception {
        progress("drift to reverted: %d edits made directly in the clusters", options.samples());
        List<Long> latencies = new ArrayList<>();
        for (int sample = 0; sample < options.samples(); sample++) {
            int app = spread(sample, 1);
            String drifted = "drifted-" + sample;
            String expected = values.getOrDefault(app, ServiceManifests.INITIAL_VALUE);
            KubernetesClient client = clusterOf(clusters, app).client();
            try (ServiceChangeWatch watch = watchSettings(client, app, List.of(drifted, expected))) {
                client.configMaps().inNamespace(ServiceManifests.appName(app))
                        .withName(ServiceManifests.CHANGED_CONFIG_MAP).edit(map -> {
                            map.getData().put(ServiceManifests.CHANGED_KEY, drifted);
                            return map;
                        });
                List<Long> seen = watch.await(SAMPLE_TIMEOUT);
                latencies.add(seen.get(1) - seen.get(0));
            }
            pause(Duration.ofMillis(300));
        }
        progress("  drift to reverted, each sample: %s", millisList(latencies));
        Samples samples = new Samples(latencies);
        row("drift to reverted (edit seen -> revert seen), p50", millis(samples.percentileMillis(0.5)), "< 1 s",
                verdict(samples.percentileMillis(0.5) < 1000));
        row("drift to reverted, p99", millis(samples.percentileMillis(0.99)), "", "");
    }

    private void steadyState(List<ServiceCluster> clusters) {
        progress("steady state: %d s with nothing changing", options.idle().toSeconds());
        pause(SETTLE);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        memory.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        int requestsBefore = requests(clusters);
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        pause(options.idle());
        long cpu = os.getProcessCpuTime() - cpuBefore;
        long wall = System.nanoTime() - wallBefore;
        int requests = requests(clusters) - requestsBefore;
        memory.gc();
        long heapAfter = memory.getHeapMemoryUsage().getUsed();
        row("steady: heap used after GC, before / after the idle period",
                "%.0f / %.0f MB".formatted(heapBefore / 1e6, heapAfter / 1e6), "", "");
        row("steady: process CPU over %d s idle".formatted(options.idle().toSeconds()),
                "%.2f%% of one core (%.0f ms)".formatted(100.0 * cpu / wall, cpu / 1e6), "", "");
        row("steady: API requests to the clusters while idle", String.valueOf(requests), "", "");
        row("steady: live threads", String.valueOf(ManagementFactory.getThreadMXBean().getThreadCount()), "", "");
    }

    // --- the list of many applications ---

    private void list(ServiceGitServer git, ServiceCluster cluster) throws Exception {
        int apps = options.listApps();
        progress("list: %d applications on a one-object repository", apps);
        ServiceGitServer.Repo tiny = git.create("tiny", Map.of("app/config.yaml", ServiceManifests.settings("tiny")));
        Path config = Files.createDirectories(workDir.resolve("list-config"));
        Files.writeString(config.resolve("cluster.kubeconfig"), cluster.kubeconfig());
        List<String> documents = new ArrayList<>();
        documents.add(ServiceManifests.cluster(cluster.name(), "cluster.kubeconfig"));
        documents.add(ServiceManifests.openProject("list"));
        for (int i = 0; i < apps; i++) {
            documents.add(ServiceManifests.listedApplication(i, LIST_TEAMS, tiny.url(), cluster.name()));
        }
        Files.writeString(config.resolve("list.yaml"), ServiceManifests.documents(documents));
        long start = System.nanoTime();
        try (DriftlessServer server = DriftlessServer.start(settings("list-data", config))) {
            long started = System.nanoTime();
            row("list: start() with %d applications declared".formatted(apps), seconds(started - start), "", "");
            ServiceApi api = new ServiceApi(server);
            int unknown = awaitCount(api, "sync=Unknown", 0, options.listSettle());
            long settled = System.nanoTime() - start;
            row("list: every application compared once (from start)", unknown == 0 ? seconds(settled)
                    : "%d of %d after %s".formatted(apps - unknown, apps, seconds(settled)), "", "");
            timeList(api, "first page", "limit=100");
            timeList(api, "last page", "limit=100&offset=" + Math.max(0, apps - 100));
            timeList(api, "label filter", "limit=100&label=team%3D" + ServiceManifests.team(7));
            timeList(api, "name filter", "limit=100&name=list-0099");
            timeList(api, "sync filter", "limit=100&sync=Synced");
        }
    }

    private void timeList(ServiceApi api, String what, String query) throws Exception {
        Samples samples = Samples.measure(LIST_WARM_UPS, options.samples(), () -> api.applications(query));
        row("list %d apps, %s (%s), p50 / p99".formatted(options.listApps(), what, query),
                "%.1f / %.1f ms".formatted(samples.percentileMillis(0.5), samples.percentileMillis(0.99)),
                "< 100 ms", verdict(samples.percentileMillis(0.99) < 100));
    }

    // --- helpers ---

    private ServeSettings settings(String dataDir, Path config) {
        return ServeSettings.defaults(workDir.resolve(dataDir)).withHost("127.0.0.1").withPort(0)
                .withSandbox(false).withConfig(new ConfigSource.Directory(config)).withLocalRepositoriesAllowed(true);
    }

    /** Polls until {@code query} matches {@code wanted} applications or the time is up; returns the last count. */
    private static int awaitCount(ServiceApi api, String query, int wanted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextReport = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int count = api.count(query);
        while (count != wanted && System.nanoTime() < deadline) {
            pause(Duration.ofMillis(100));
            count = api.count(query);
            if (System.nanoTime() > nextReport) {
                progress("  %s: %d (waiting for %d)", query, count, wanted);
                nextReport += Duration.ofSeconds(10).toNanos();
            }
        }
        return count;
    }

    private static ServiceChangeWatch watchSettings(KubernetesClient client, int app, List<String> values) {
        return new ServiceChangeWatch(client, ServiceManifests.appName(app), ServiceManifests.CHANGED_CONFIG_MAP,
                ServiceManifests.CHANGED_KEY, values);
    }

    /** Sample {@code sample}'s application, spread over all of them; {@code offset} keeps two series apart. */
    private int spread(int sample, int offset) {
        return (int) (((long) sample * options.apps() / options.samples() + offset) % options.apps());
    }

    /** Requests the clusters have received, the Deployment controller's and the benchmark's watches included. */
    private static int requests(List<ServiceCluster> clusters) {
        return clusters.stream().mapToInt(ServiceCluster::requestCount).sum();
    }

    private static ServiceCluster clusterOf(List<ServiceCluster> clusters, int app) {
        return clusters.get(app % clusters.size());
    }

    private void row(String metric, String value, String aim, String met) {
        rows.add(new Row(metric, value, aim, met));
        progress("  %s: %s", metric, value);
    }

    private void print() {
        int width = rows.stream().mapToInt(row -> row.metric().length()).max().orElse(10);
        int valueWidth = rows.stream().mapToInt(row -> row.value().length()).max().orElse(10);
        String format = "%-" + width + "s  %" + valueWidth + "s  %-9s %s%n";
        System.out.printf("%nDriftless service: %d apps x %d objects on %d clusters, %d samples, %d listed apps%n%n",
                options.apps(), options.objects(), options.clusters(), options.samples(), options.listApps());
        System.out.printf(format, "metric", "value", "aim", "met");
        for (Row row : rows) {
            System.out.printf(format, row.metric(), row.value(), row.aim(), row.met());
        }
    }

    private static String verdict(boolean met) {
        return met ? "yes" : "no";
    }

    private static String seconds(long nanos) {
        return "%.1f s".formatted(nanos / 1e9);
    }

    private static String millis(double millis) {
        return "%.0f ms".formatted(millis);
    }

    private static String millisList(List<Long> nanos) {
        return nanos.stream().map(sample -> "%.0f".formatted(sample / 1e6)).toList() + " ms";
    }

    private static void progress(String format, Object... arguments) {
        System.err.printf("bench: " + format + "%n", arguments);
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
