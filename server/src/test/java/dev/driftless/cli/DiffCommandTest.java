package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.engine.model.Documents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code driftless diff}: offline between two files, and its failures before any cluster answers. */
class DiffCommandTest {

    private static final String DESIRED_PASSWORD = "desired-pw-7Hq2";
    private static final String LIVE_PASSWORD = "live-pw-Zx93";

    @TempDir
    Path work;

    @Test
    void anImageChangedWithKubectlEditIsDriftNamingFieldValuesAndManager() throws Exception {
        CliRun diff = offlineDiff(desiredDeployment("nginx:1.27"), liveDeployment("nginx:1.27-debug", true));

        assertThat(diff.exitCode()).as(diff.all()).isEqualTo(1);
        assertThat(diff.out()).contains("OUT_OF_SYNC apps/Deployment:shop/web")
                .contains("spec.template.spec.containers[name=web].image: \"nginx:1.27-debug\" → \"nginx:1.27\"")
                .contains("(changed by kubectl-edit (Update))")
                .contains("1 objects: 1 out of sync");
        assertThat(diff.out().lines().filter(line -> line.startsWith("  "))).as("only the image drifted").hasSize(1);
    }

    @Test
    void fieldsOnlyTheServerSetAreNotDrift() throws Exception {
        CliRun diff = offlineDiff(desiredDeployment("nginx:1.27"), liveDeployment("nginx:1.27", false));

        assertThat(diff.exitCode()).as(diff.all()).isZero();
        assertThat(diff.out()).isEqualTo("1 objects: 1 synced\n");
    }

    @Test
    void secretValuesNeverShowOnlyRedactionMarkers() throws Exception {
        String desired = """
                apiVersion: v1
                kind: Secret
                metadata: {name: credentials, namespace: shop}
                stringData: {password: %s}
                """.formatted(DESIRED_PASSWORD);
        String live = """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: credentials
                  namespace: shop
                  uid: 0b7c4a2e-55d6-4d8e-9f0e-3f1b2c3d4e5f
                  resourceVersion: "81234"
                  creationTimestamp: "2024-05-01T10:00:00Z"
                type: Opaque
                data: {password: %s}
                """.formatted(base64(LIVE_PASSWORD));

        for (String format : new String[]{"text", "json", "yaml"}) {
            CliRun diff = offlineDiff(desired, live, "-o", format, "--unified");

            assertThat(diff.exitCode()).as(format + ": " + diff.all()).isEqualTo(1);
            assertThat(diff.out()).as(format).contains("<redacted sha256:");
            assertThat(diff.all()).as(format).doesNotContain(DESIRED_PASSWORD, LIVE_PASSWORD,
                    base64(DESIRED_PASSWORD), base64(LIVE_PASSWORD));
        }
    }

    @Test
    void jsonOutputListsEveryObjectWithItsStateIncludingMissingOnes() throws Exception {
        String desired = desiredDeployment("nginx:1.27") + """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: shop}
                data: {mode: production}
                """;

        CliRun diff = offlineDiff(desired, liveDeployment("nginx:1.27-debug", true), "-o", "json");

        assertThat(diff.exitCode()).as(diff.all()).isEqualTo(1);
        JsonNode results = Documents.JSON.readTree(diff.out());
        assertThat(results).hasSize(2);
        JsonNode web = results.get(0);
        assertThat(web.get("key").asText()).isEqualTo("apps/Deployment:shop/web");
        assertThat(web.get("state").asText()).isEqualTo("OUT_OF_SYNC");
        JsonNode image = web.get("fields").get(0);
        assertThat(image.get("path").asText()).isEqualTo("spec.template.spec.containers[name=web].image");
        assertThat(image.get("live").asText()).isEqualTo("nginx:1.27-debug");
        assertThat(image.get("desired").asText()).isEqualTo("nginx:1.27");
        assertThat(image.get("manager").asText()).isEqualTo("kubectl-edit (Update)");
        JsonNode settings = results.get(1);
        assertThat(settings.get("kind").asText()).isEqualTo("ConfigMap");
        assertThat(settings.get("name").asText()).isEqualTo("settings");
        assertThat(settings.get("state").asText()).isEqualTo("MISSING");
        assertThat(settings.get("fields")).isEmpty();
    }

    @Test
    void aMissingObjectShowsInTheTextCount() throws Exception {
        String desired = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                data: {mode: production}
                """;

        CliRun diff = offlineDiff(desired, liveDeployment("nginx:1.27", false));

        assertThat(diff.exitCode()).as(diff.all()).isEqualTo(1);
        assertThat(diff.out()).contains("MISSING", "ConfigMap", "settings").contains("1 objects: 1 missing");
    }

    @Test
    void desiredWithoutLiveIsAUsageError() throws Exception {
        Path desired = write("desired.yaml", desiredDeployment("nginx:1.27"));

        CliRun diff = CliRun.of("diff", "--desired", desired.toString());

        assertThat(diff.exitCode()).isEqualTo(2);
        assertThat(diff.err()).contains("--live");
        assertThat(diff.out()).isEmpty();
    }

    @Test
    void liveWithoutDesiredIsAUsageError() throws Exception {
        Path live = write("live.yaml", liveDeployment("nginx:1.27", false));

        CliRun diff = CliRun.of("diff", "--live", live.toString());

        assertThat(diff.exitCode()).isEqualTo(2);
        assertThat(diff.err()).contains("--desired");
    }

    @Test
    void aMissingDesiredFileIsBadInputNamingIt() throws Exception {
        Path live = write("live.yaml", liveDeployment("nginx:1.27", false));
        Path missing = work.resolve("nowhere.yaml");

        CliRun diff = CliRun.of("diff", "--desired", missing.toString(), "--live", live.toString());

        assertThat(diff.exitCode()).isEqualTo(2);
        assertThat(diff.err()).contains(missing.toString());
    }

    @Test
    void anUnreadableKubeconfigIsAnUnreachableClusterNamingTheFile() throws Exception {
        Path tree = Files.createDirectories(work.resolve("tree"));
        Files.writeString(tree.resolve("web.yaml"), desiredDeployment("nginx:1.27"));
        Path kubeconfig = work.resolve("no-such-kubeconfig");

        CliRun diff = CliRun.of("diff", "--local", tree.toString(), "--kubeconfig", kubeconfig.toString());

        assertThat(diff.exitCode()).as(diff.all()).isEqualTo(3);
        assertThat(diff.err()).contains(kubeconfig.toString());
    }

    @Test
    void aKubeconfigThatIsNotOneIsAnUnreachableClusterNamingTheFile() throws Exception {
        Path tree = Files.createDirectories(work.resolve("tree"));
        Files.writeString(tree.resolve("web.yaml"), desiredDeployment("nginx:1.27"));
        Path kubeconfig = write("kubeconfig", "clusters: [this is: not: a kubeconfig\n");

        CliRun diff = CliRun.of("diff", "--local", tree.toString(), "--kubeconfig", kubeconfig.toString());

        assertThat(diff.exitCode()).as(diff.all()).isEqualTo(3);
        assertThat(diff.err()).contains(kubeconfig.toString());
    }

    private CliRun offlineDiff(String desired, String live, String... more) throws Exception {
        Path desiredFile = write("desired.yaml", desired);
        Path liveFile = write("live.yaml", live);
        String[] args = new String[4 + more.length];
        args[0] = "diff";
        args[1] = "--desired=" + desiredFile;
        args[2] = "--live=" + liveFile;
        args[3] = "--app=shop";
        System.arraycopy(more, 0, args, 4, more.length);
        return CliRun.of(args);
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(work.resolve(name), text);
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String desiredDeployment(String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  labels: {app: web}
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                      - name: web
                        image: %s
                        ports:
                        - containerPort: 8080
                        resources:
                          limits: {cpu: "0.5", memory: 256Mi}
                """.formatted(image);
    }

    /**
     * The Deployment as {@code kubectl get -o yaml} returns it: server defaults, status, and managedFields where
     * Driftless applied everything and, when {@code editedByKubectl}, {@code kubectl edit} later took the image.
     */
    private static String liveDeployment(String image, boolean editedByKubectl) {
        String imageOwner = editedByKubectl ? "" : " ".repeat(16) + "f:image: {}";
        String kubectlEdit = !editedByKubectl ? "" : """
                  - apiVersion: apps/v1
                    fieldsType: FieldsV1
                    fieldsV1:
                      f:spec:
                        f:template:
                          f:spec:
                            f:containers:
                              k:{"name":"web"}:
                                f:image: {}
                    manager: kubectl-edit
                    operation: Update
                    time: "2024-05-02T08:30:00Z"
                """;
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  annotations:
                    deployment.kubernetes.io/revision: "3"
                  creationTimestamp: "2024-05-01T10:00:00Z"
                  generation: 3
                  labels: {app: web}
                  managedFields:
                  - apiVersion: apps/v1
                    fieldsType: FieldsV1
                    fieldsV1:
                      f:metadata:
                        f:labels:
                          f:app: {}
                      f:spec:
                        f:replicas: {}
                        f:selector: {}
                        f:template:
                          f:metadata:
                            f:labels:
                              f:app: {}
                          f:spec:
                            f:containers:
                              k:{"name":"web"}:
                                .: {}
                %s
                                f:name: {}
                                f:ports:
                                  k:{"containerPort":8080,"protocol":"TCP"}:
                                    .: {}
                                    f:containerPort: {}
                                f:resources:
                                  f:limits:
                                    f:cpu: {}
                                    f:memory: {}
                    manager: driftless
                    operation: Apply
                    time: "2024-05-01T10:00:00Z"
                %s
                  - apiVersion: apps/v1
                    fieldsType: FieldsV1
                    fieldsV1:
                      f:metadata:
                        f:annotations:
                          .: {}
                          f:deployment.kubernetes.io/revision: {}
                      f:status:
                        f:availableReplicas: {}
                        f:observedGeneration: {}
                        f:readyReplicas: {}
                        f:replicas: {}
                        f:updatedReplicas: {}
                    manager: kube-controller-manager
                    operation: Update
                    subresource: status
                    time: "2024-05-02T08:31:00Z"
                  name: web
                  namespace: shop
                  resourceVersion: "81234"
                  uid: 4f1c2b7a-3e8d-4c6b-9a51-0d2e7f8a9b10
                spec:
                  progressDeadlineSeconds: 600
                  replicas: 2
                  revisionHistoryLimit: 10
                  selector:
                    matchLabels: {app: web}
                  strategy:
                    rollingUpdate: {maxSurge: 25%%, maxUnavailable: 25%%}
                    type: RollingUpdate
                  template:
                    metadata:
                      creationTimestamp: null
                      labels: {app: web}
                    spec:
                      containers:
                      - image: %s
                        imagePullPolicy: IfNotPresent
                        name: web
                        ports:
                        - containerPort: 8080
                          protocol: TCP
                        resources:
                          limits: {cpu: 500m, memory: 256Mi}
                        terminationMessagePath: /dev/termination-log
                        terminationMessagePolicy: File
                      dnsPolicy: ClusterFirst
                      restartPolicy: Always
                      schedulerName: default-scheduler
                      securityContext: {}
                      terminationGracePeriodSeconds: 30
                status:
                  availableReplicas: 2
                  conditions:
                  - type: Available
                    status: "True"
                    reason: MinimumReplicasAvailable
                    lastTransitionTime: "2024-05-01T10:00:10Z"
                    lastUpdateTime: "2024-05-01T10:00:10Z"
                    message: Deployment has minimum availability.
                  observedGeneration: 3
                  readyReplicas: 2
                  replicas: 2
                  updatedReplicas: 2
                """.formatted(imageOwner, kubectlEdit, image);
    }
}
