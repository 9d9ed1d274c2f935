package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.testing.ClusterMock;
import dev.driftless.engine.testing.GitServers;
import dev.driftless.engine.testing.GitTestRepo;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole loop through the command line: a repository served by real Git servers on loopback, fabric8's CRUD mock
 * as the cluster, and the test playing the controllers.
 */
class EndToEndTest {

    private static final String SECRET_VALUE = "hunter2-do-not-print";

    @TempDir
    static Path serverDir;

    static GitServers git;

    @TempDir
    Path work;

    ClusterMock cluster;
    Path kubeconfig;
    GitTestRepo repo;

    @BeforeAll
    static void startGitServers() {
        git = new GitServers(serverDir);
    }

    @AfterAll
    static void stopGitServers() {
        git.close();
    }

    @BeforeEach
    void startCluster() throws Exception {
        cluster = ClusterMock.start();
        kubeconfig = work.resolve("kubeconfig");
        Files.writeString(kubeconfig, cluster.kubeconfig());
        repo = git.createRepo("shop-" + System.nanoTime());
        repo.commit("first version")
                .write("deploy/web.yaml", deployment("web", "nginx:1.25"))
                .write("deploy/api.yaml", deployment("api", "api:1.0"))
                .write("deploy/config.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: settings}
                        data: {mode: production}
                        ---
                        apiVersion: v1
                        kind: Secret
                        metadata: {name: credentials}
                        stringData: {password: %s}
                        """.formatted(SECRET_VALUE))
                .create();
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"git-daemon", "http-backend"})
    void firstSyncCreatesEverythingAndASecondSyncWritesNothing(String server) {
        String url = server.equals("git-daemon") ? git.daemonUrl(repo) : git.httpUrl(repo);

        CliRun sync = cli("sync", "--repo", url);

        assertThat(sync.exitCode()).as(sync.all()).isZero();
        assertThat(sync.out()).contains("created", "apps/Deployment:shop/web", "/Secret:shop/credentials");
        assertThat(deploymentImage("web")).isEqualTo("nginx:1.25");
        assertThat(cluster.client().configMaps().inNamespace("shop").withName("settings").get().getData())
                .containsEntry("mode", "production");
        assertThat(sync.all()).doesNotContain(SECRET_VALUE);

        cluster.takeWrites();
        CliRun again = cli("sync", "--repo", url);
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(cluster.takeWrites()).isEmpty();
        assertThat(cli("diff", "--repo", url).exitCode()).isZero();
    }

    @Test
    void aCommitChangingAnImageIsDetectedAndApplied() {
        String url = git.httpUrl(repo);
        assertThat(cli("sync", "--repo", url).exitCode()).isZero();
        repo.commit("web to 1.27").write("deploy/web.yaml", deployment("web", "nginx:1.27")).create();

        CliRun diff = cli("diff", "--repo", url);
        assertThat(diff.exitCode()).as(diff.all()).isEqualTo(1);
        assertThat(diff.out()).contains("spec.template.spec.containers[name=web].image", "nginx:1.25", "nginx:1.27");
        assertThat(diff.out()).doesNotContain("apps/Deployment:shop/api").contains("4 objects: 3 synced, 1 out of sync");

        CliRun sync = cli("sync", "--repo", url);
        assertThat(sync.exitCode()).as(sync.all()).isZero();
        assertThat(deploymentImage("web")).as(sync.out()).isEqualTo("nginx:1.27");
        assertThat(cli("diff", "--repo", url).exitCode()).isZero();
    }

    @Test
    void aDeploymentRemovedFromGitIsPrunedOnlyWithPrune() {
        String url = git.daemonUrl(repo);
        assertThat(cli("sync", "--repo", url).exitCode()).isZero();
        repo.commit("retire api").delete("deploy/api.yaml").create();

        CliRun diff = cli("diff", "--repo", url);
        assertThat(diff.exitCode()).isEqualTo(1);
        assertThat(diff.out()).contains("EXTRANEOUS", "apps/Deployment:shop/api");

        CliRun withoutPrune = cli("sync", "--repo", url);
        assertThat(withoutPrune.exitCode()).isZero();
        assertThat(withoutPrune.out()).contains("kept", "apps/Deployment:shop/api", "prune is off");
        assertThat(deployment("api")).as("kept without --prune").isNotNull();

        CliRun prune = cli("sync", "--repo", url, "--prune");
        assertThat(prune.exitCode()).as(prune.all()).isZero();
        assertThat(prune.out()).contains("pruned", "apps/Deployment:shop/api");
        assertThat(deployment("api")).isNull();
        assertThat(deployment("web")).isNotNull();
    }

    @Test
    void aManualChangeInTheClusterShowsAsDriftNamingTheField() {
        String url = git.httpUrl(repo);
        assertThat(cli("sync", "--repo", url).exitCode()).isZero();
        cluster.client().apps().deployments().inNamespace("shop").withName("web")
                .edit(d -> { d.getSpec().setReplicas(5); return d; });

        CliRun diff = cli("diff", "--repo", url, "--output", "json");

        assertThat(diff.exitCode()).isEqualTo(1);
        List<JsonNode> drifted = new ArrayList<>();
        json(diff.out()).forEach(object -> {
            if (!object.path("state").asText().equals("SYNCED")) {
                drifted.add(object);
            }
        });
        assertThat(drifted).hasSize(1);
        JsonNode web = drifted.getFirst();
        assertThat(web.path("key").asText()).isEqualTo("apps/Deployment:shop/web");
        assertThat(web.path("state").asText()).isEqualTo("OUT_OF_SYNC");
        assertThat(web.path("fields")).hasSize(1);
        assertThat(web.path("fields").get(0).path("path").asText()).isEqualTo("spec.replicas");
        assertThat(web.path("fields").get(0).path("live").asInt()).isEqualTo(5);
        assertThat(web.path("fields").get(0).path("desired").asInt()).isEqualTo(2);
    }

    @Test
    void fieldsDefaultedByTheServerAreNotDrift() {
        String url = git.httpUrl(repo);
        assertThat(cli("sync", "--repo", url).exitCode()).isZero();
        // Play the API server's defaulting: fields Git never set appear on the live objects.
        cluster.client().apps().deployments().inNamespace("shop").withName("web").edit(d -> {
            d.getSpec().setRevisionHistoryLimit(10);
            d.getSpec().setProgressDeadlineSeconds(600);
            d.getSpec().getTemplate().getSpec().setDnsPolicy("ClusterFirst");
            d.getSpec().getTemplate().getSpec().setRestartPolicy("Always");
            var container = d.getSpec().getTemplate().getSpec().getContainers().getFirst();
            container.setImagePullPolicy("IfNotPresent");
            container.setTerminationMessagePath("/dev/termination-log");
            container.getResources().getLimits().put("cpu", new io.fabric8.kubernetes.api.model.Quantity("500m"));
            return d;
        });

        CliRun diff = cli("diff", "--repo", url);

        assertThat(diff.exitCode()).as(diff.all()).isZero();
    }

    @Test
    void anEmptyRenderDeletesNothingEvenWithPrune() {
        String url = git.daemonUrl(repo);
        assertThat(cli("sync", "--repo", url).exitCode()).isZero();
        repo.commit("oops, everything gone").delete("deploy/web.yaml").delete("deploy/api.yaml")
                .delete("deploy/config.yaml").write("deploy/README.md", "nothing here").create();

        CliRun sync = cli("sync", "--repo", url, "--prune");

        assertThat(deployment("web")).isNotNull();
        assertThat(deployment("api")).isNotNull();
        assertThat(cluster.client().secrets().inNamespace("shop").withName("credentials").get()).isNotNull();
        assertThat(sync.all()).doesNotContain("pruned ").contains("kept", "the desired set is empty");
    }

    @Test
    void aDryRunReportsWhatItWouldDoAndWritesNothing() {
        String url = git.httpUrl(repo);
        cluster.takeWrites();

        CliRun dryRun = cli("sync", "--repo", url, "--dry-run", "--output", "json");

        assertThat(dryRun.exitCode()).as(dryRun.all()).isZero();
        assertThat(cluster.takeWrites()).isEmpty();
        assertThat(deployment("web")).isNull();
        JsonNode report = json(dryRun.out());
        assertThat(report.path("application").asText()).isEqualTo("shop");
        assertThat(report.path("revision").asText()).isEqualTo(repo.sha(GitTestRepo.DEFAULT_BRANCH));
        assertThat(report.path("resources")).extracting(r -> r.path("action").asText()).containsOnly("CREATED");
        assertThat(report.path("resources")).hasSize(4);
        assertThat(dryRun.out()).doesNotContain(SECRET_VALUE);
    }

    @Test
    void waitingForHealthThatNeverComesFailsWithTheReason() {
        CliRun sync = cli("sync", "--repo", git.httpUrl(repo), "--wait", "--timeout", "2");

        assertThat(sync.exitCode()).isEqualTo(1);
        assertThat(sync.out()).contains("NOT HEALTHY apps/Deployment:shop/web: Progressing");
        assertThat(deployment("web")).as("applied even though it never became healthy").isNotNull();
    }

    @Test
    void aFailedRenderDeletesNothingAndSaysWhichFileIsBroken() {
        String url = git.httpUrl(repo);
        assertThat(cli("sync", "--repo", url).exitCode()).isZero();
        repo.commit("broken").delete("deploy/api.yaml")
                .write("deploy/web.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web\n").create();
        cluster.takeWrites();

        CliRun sync = cli("sync", "--repo", url, "--prune");

        assertThat(sync.exitCode()).isEqualTo(2);
        assertThat(sync.err()).contains("deploy/web.yaml");
        assertThat(cluster.takeWrites()).isEmpty();
        assertThat(deployment("api")).isNotNull();
    }

    @Test
    void syncWaitsUntilTheControllersReportHealthy() throws Exception {
        ScheduledExecutorService controller = Executors.newSingleThreadScheduledExecutor();
        try {
            Future<?> playing = controller.scheduleWithFixedDelay(this::playDeploymentController, 200, 200, TimeUnit.MILLISECONDS);
            CliRun sync = cli("sync", "--repo", git.httpUrl(repo), "--wait", "--timeout", "60");
            playing.cancel(false);

            assertThat(sync.exitCode()).as(sync.all()).isZero();
            assertThat(sync.out()).contains("Progressing", "Healthy", "apps/Deployment:shop/web");
        } finally {
            controller.shutdownNow();
        }
    }

    @Test
    void renderPrintsTheDesiredObjectsWithSecretValuesRedacted() throws Exception {
        CliRun render = cli("render", "--repo", git.httpUrl(repo), "--path", "deploy");

        assertThat(render.exitCode()).as(render.all()).isZero();
        List<JsonNode> documents = new ArrayList<>();
        Documents.YAML.readerFor(JsonNode.class).readValues(render.out()).forEachRemaining(d -> documents.add((JsonNode) d));
        assertThat(documents).extracting(d -> d.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("web", "api", "settings", "credentials");
        assertThat(render.out()).doesNotContain(SECRET_VALUE).contains("<redacted sha256:");
    }

    @Test
    void aMissingRevisionIsAClearErrorNamingRepositoryAndRevision() {
        String url = git.httpUrl(repo);

        CliRun sync = cli("sync", "--repo", url, "--revision", "no-such-branch");

        assertThat(sync.exitCode()).isEqualTo(3);
        assertThat(sync.err()).contains("no-such-branch", url);
    }

    @Test
    void wrongCredentialsAreRefusedWithoutPrintingThePassword() throws Exception {
        Path passwordFile = work.resolve("password");
        Files.writeString(passwordFile, "not-the-password-xyz");

        CliRun render = CliRun.of("render", "--repo", git.privateHttpUrl(repo), "--username", GitServers.HTTP_USER,
                "--password-file", passwordFile.toString(), "--cache-dir", work.resolve("cache").toString());

        assertThat(render.exitCode()).isEqualTo(3);
        assertThat(render.err()).contains(git.privateHttpUrl(repo)).doesNotContain("not-the-password-xyz");
    }

    @Test
    void rightCredentialsRenderFromThePrivateLocation() throws Exception {
        Path passwordFile = work.resolve("password");
        Files.writeString(passwordFile, git.httpPassword());

        CliRun render = CliRun.of("render", "--repo", git.privateHttpUrl(repo), "--path", "deploy", "--username",
                GitServers.HTTP_USER, "--password-file", passwordFile.toString(),
                "--cache-dir", work.resolve("cache").toString());

        assertThat(render.exitCode()).as(render.all()).isZero();
        assertThat(render.out()).contains("name: web").doesNotContain(git.httpPassword());
    }

    @Test
    void diffOfALocalWorkingTreeNeedsNoRepository() throws Exception {
        assertThat(cli("sync", "--repo", git.httpUrl(repo)).exitCode()).isZero();
        Path tree = work.resolve("checkout");
        Files.createDirectories(tree.resolve("deploy"));
        Files.writeString(tree.resolve("deploy/web.yaml"), deployment("web", "nginx:1.26-local"));

        CliRun diff = CliRun.of("diff", "--local", tree.toString(), "--path", "deploy", "--app", "shop",
                "--namespace", "shop", "--kubeconfig", kubeconfig.toString(), "--context", "mock");

        assertThat(diff.exitCode()).as(diff.all()).isEqualTo(1);
        assertThat(diff.out()).contains("nginx:1.26-local");
    }

    private void playDeploymentController() {
        Deployment web = deployment("web");
        if (web == null) {
            return;
        }
        long generation = web.getMetadata().getGeneration() == null ? 1 : web.getMetadata().getGeneration();
        Map<String, Object> status = Map.of("observedGeneration", generation, "replicas", 2, "updatedReplicas", 2,
                "readyReplicas", 2, "availableReplicas", 2);
        for (String name : List.of("web", "api")) {
            var resource = cluster.client().genericKubernetesResources("apps/v1", "Deployment")
                    .inNamespace("shop").withName(name);
            GenericKubernetesResource current = resource.get();
            if (current != null && current.getAdditionalProperties().get("status") == null) {
                current.setAdditionalProperty("status", status);
                resource.updateStatus(current);
            }
        }
    }

    private CliRun cli(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(more));
        if (!args.contains("--path")) {
            args.addAll(List.of("--path", "deploy"));
        }
        if (!command.equals("render")) {
            args.addAll(List.of("--app", "shop", "--namespace", "shop", "--kubeconfig", kubeconfig.toString(),
                    "--context", "mock"));
        }
        args.addAll(List.of("--cache-dir", work.resolve("cache").toString()));
        return CliRun.of(args.toArray(String[]::new));
    }

    private Deployment deployment(String name) {
        KubernetesClient client = cluster.client();
        return client.apps().deployments().inNamespace("shop").withName(name).get();
    }

    private String deploymentImage(String name) {
        return deployment(name).getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
    }

    private static JsonNode json(String text) {
        try {
            return Documents.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static String deployment(String name, String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                  labels: {app: %1$s}
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: %1$s}
                  template:
                    metadata:
                      labels: {app: %1$s}
                    spec:
                      containers:
                      - name: %1$s
                        image: %2$s
                        ports:
                        - containerPort: 8080
                        resources:
                          limits: {cpu: "0.5", memory: 256Mi}
                """.formatted(name, image);
    }
}
