package dev.driftless.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.client.DriftlessClient;
import dev.driftless.engine.model.Documents;
import dev.driftless.service.DriftlessServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The service's REST API and webhook as a client sees them: plain HTTP, a session token (of the admin, signed in with
 * the password of the service's first start, unless another user is named), JSON bodies.
 */
final class ServiceApi {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;
    private final String token;

    ServiceApi(DriftlessServer server) {
        this(server, "admin", adminPassword(server));
    }

    /** Signed in as another user. */
    ServiceApi(DriftlessServer server, String user, String password) {
        this.base = server.url();
        this.token = DriftlessClient.signIn(base, user, password).token();
    }

    /** The password {@code server} created admin with; the benchmarks always start on an empty data directory. */
    static String adminPassword(DriftlessServer server) {
        return server.initialAdminPassword().orElseThrow(() -> new IllegalStateException(
                "the benchmark needs an empty data directory, so that the service creates admin and its password"));
    }

    /** GET {@code /api/applications?query}; fails unless the answer is 200. */
    JsonNode applications(String query) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/applications?" + query))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        return Documents.JSON.readTree(checked("GET /api/applications?" + query, response));
    }

    /** How many applications match the filters in {@code query}. */
    int count(String query) throws IOException, InterruptedException {
        return applications("limit=1&" + query).path("total").asInt();
    }

    /** Delivers a GitHub push event for one commit that modified {@code path}. */
    void pushWebhook(String repoUrl, String sha, String path) throws IOException, InterruptedException {
        var body = Documents.JSON.createObjectNode();
        body.put("ref", "refs/heads/main").put("after", sha);
        body.putObject("repository").put("clone_url", repoUrl);
        body.putObject("pusher").put("name", "bench");
        var commit = body.putArray("commits").addObject().put("id", sha);
        commit.putArray("added");
        commit.putArray("removed");
        commit.putArray("modified").add(path);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/webhook"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "push")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Documents.JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        checked("POST /api/webhook", response);
    }

    private static String checked(String request, HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(request + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
