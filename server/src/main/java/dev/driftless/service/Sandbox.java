package dev.driftless.service;

import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.DestinationSpec;
import dev.driftless.engine.app.NotificationTrigger;
import dev.driftless.engine.app.ProjectSpec;
import dev.driftless.engine.app.SourceSpec;
import dev.driftless.engine.app.SyncPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The sandbox: an in-process cluster (fabric8's CRUD mock server, never a real cluster) and an example application
 * from a repository bundled with Driftless, so that {@code driftless serve} shows the whole loop with no setup.
 *
 * <p>The mock runs no controllers, so the sandbox plays the Deployment controller: it marks every Deployment's
 * replicas updated and available, which turns the example Healthy. That is sandbox behaviour only.
 */
final class Sandbox implements AutoCloseable {

    static final String CLUSTER = "sandbox";
    static final String APPLICATION = "example";
    static final Map<String, String> LABELS = Map.of("sandbox", "true");

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
    private static final String RESOURCES = "/sandbox/";
    private static final String NAMESPACE = "example";

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Path repository;
    private final DeploymentRollouts rollouts;

    private Sandbox(KubernetesMockServer server, KubernetesClient client, Path repository) {
        this.server = server;
        this.client = client;
        this.repository = repository;
        this.rollouts = DeploymentRollouts.start(client, "sandbox");
    }

    /** Starts the sandbox cluster and creates the example repository under {@code dataDir/sandbox} unless it exists. */
    /**
     * The mock API server logs every request it receives at INFO; a sandbox would drown the service's own log.
     * Held in a field because java.util.logging keeps its loggers weakly and would forget the level.
     */
    private static final java.util.logging.Logger MOCK_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static Sandbox start(Path dataDir) {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        Path repository = dataDir.resolve("sandbox").resolve("example.git");
        if (!Files.isDirectory(repository)) {
            createExampleRepository(repository);
        }
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init();
        KubernetesClient client = server.createClient();
        return new Sandbox(server, client, repository);
    }

    KubernetesClient client() {
        return client;
    }

    ClusterView view() {
        return new ClusterView(CLUSTER, url(), LABELS, true, Origin.SANDBOX, 0, ClusterView.Connection.CONNECTED,
                "the sandbox's API server runs inside the service");
    }

    /** The sandbox API server's URL. */
    String url() {
        return server.url("/").replaceAll("/$", "");
    }

    /** The example: automated, pruning and self-healing, with every notification trigger selected. */
    ApplicationSpec application() {
        return new ApplicationSpec(APPLICATION, ProjectSpec.DEFAULT, LABELS,
                new SourceSpec(repository.toUri().toString(), "main", "example", null),
                new DestinationSpec(CLUSTER, NAMESPACE),
                new SyncPolicy(true, true, true, false, true, SyncPolicy.Retry.defaults(), List.of()),
                List.of(), Set.of(NotificationTrigger.values()));
    }

    Path repository() {
        return repository;
    }

    /** Copies the bundled example into a new bare repository, as one commit on {@code main}. */
    private static void createExampleRepository(Path bare) {
        Path work;
        try {
            work = Files.createTempDirectory("driftless-sandbox-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the sandbox repository", e);
        }
        try {
            Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
            try (Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
                for (String file : bundledFiles()) {
                    Path target = work.resolve(file);
                    Files.createDirectories(target.getParent());
                    try (InputStream content = resource(file)) {
                        Files.copy(content, target);
                    }
                }
                git.add().addFilepattern(".").call();
                PersonIdent author = new PersonIdent("Driftless", "sandbox@driftless.dev");
                git.commit().setMessage("The Driftless sandbox example").setAuthor(author).setCommitter(author)
                        .setSign(false).call();
                git.push().setRemote(bare.toUri().toString()).add("main").call();
            }
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException("cannot create the sandbox repository " + bare + ": " + e.getMessage(), e);
        } finally {
            deleteRecursively(work);
        }
    }

    private static List<String> bundledFiles() throws IOException {
        try (InputStream index = resource("index.txt")) {
            return new String(index.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
        }
    }

    private static InputStream resource(String file) {
        return Objects.requireNonNull(Sandbox.class.getResourceAsStream(RESOURCES + file),
                "the sandbox resource " + file + " is missing from the build");
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            LOG.warn("cannot remove the temporary directory {}: {}", directory, e.getMessage());
        }
    }

    @Override
    public void close() {
        rollouts.close();
        client.close();
        server.destroy();
    }
}
