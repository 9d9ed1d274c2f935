package dev.driftless.ui;

import dev.driftless.client.DriftlessClient;
import dev.driftless.service.DriftlessServer;
import dev.driftless.service.ServeSettings;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import static dev.driftless.ui.Elements.click;
import static dev.driftless.ui.Elements.type;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole {@code driftless serve} with the sandbox cluster, as the browser tests use it: a session token of admin
 * (signed in with the password of the first start), a client
 * of the sandbox cluster, the API called with the token, and logging a browser in through the form.
 */
final class SandboxService implements AutoCloseable {

    private final DriftlessServer server;
    private final String token;
    private final String password;
    private final KubernetesClient cluster;
    private final HttpClient http = HttpClient.newHttpClient();

    private SandboxService(DriftlessServer server, String token, String password, KubernetesClient cluster) {
        this.server = server;
        this.token = token;
        this.password = password;
        this.cluster = cluster;
    }

    static SandboxService start(Path dataDir) throws IOException {
        DriftlessServer server = DriftlessServer.start(ServeSettings.defaults(dataDir).withHost("127.0.0.1").withPort(0)
                .withLocalRepositoriesAllowed(true));
        String password = server.initialAdminPassword().orElseThrow();
        String token = DriftlessClient.signIn(server.url(), "admin", password).token();
        KubernetesClient cluster = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(server.sandboxUrl().orElseThrow()).withTrustCerts(true).build()).build();
        return new SandboxService(server, token, password, cluster);
    }

    URI url() {
        return server.url();
    }

    /** The admin's password, printed at the first start. */
    String password() {
        return password;
    }

    KubernetesClient cluster() {
        return cluster;
    }

    HttpClient http() {
        return http;
    }

    /** Calls the API with the admin token and checks the status code; {@code body} null sends none. */
    String send(String method, String path, String body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.url().resolve(path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body();
    }

    /** Creates a project through the API that allows any repository, destination and kind. */
    void createOpenProject(String name) throws IOException, InterruptedException {
        send("POST", "api/projects", """
                {"apiVersion": "driftless.dev/v1alpha1", "kind": "Project", "metadata": {"name": "%s"},
                 "spec": {"sourceRepos": ["*"], "destinations": [{"cluster": "*", "namespace": "*"}],
                          "clusterResourceWhitelist": [{"group": "*", "kind": "*"}]}}""".formatted(name), 201);
    }

    /** Opens {@code page} (a hash route, or "" for the list), which asks who you are, and logs in as admin. */
    void logIn(WebDriver browser, WebDriverWait wait, String page) {
        browser.get(server.url().resolve("/" + page).toString());
        type(wait, "login-username", "admin");
        type(wait, "login-password", password);
        click(wait, "login-submit");
    }

    @Override
    public void close() {
        cluster.close();
        server.close();
    }
}
