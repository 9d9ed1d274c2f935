package dev.driftless.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.driftless.engine.model.Documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A typed client of the Driftless REST API ({@code /api/openapi.yaml}). Every call blocks; the client is thread-safe.
 * Error answers become {@link ApiException}, failures to get any answer {@link ServerUnreachableException}.
 * The token is sent only in the {@code Authorization} header and never appears in messages or {@link #toString()}.
 */
public final class DriftlessClient {

    /** Accepts answers from newer servers that carry fields this client does not know yet, and omits unset fields. */
    static final ObjectMapper JSON = Documents.JSON.copy()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final String REDACTED = "<redacted>";
    /** An error answer longer than this is not the API's own and is not read further. */
    private static final int MAX_ERROR_BYTES = 64 * 1024;

    private final URI server;
    private final String token;
    private final HttpClient http;

    /**
     * @param server the service's base URL, e.g. {@code http://localhost:8080}; a path prefix is kept
     * @param token  the bearer token, or null to send none
     */
    public DriftlessClient(URI server, String token) {
        this.server = validated(server);
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    public URI server() {
        return server;
    }

    public ApplicationPage listApplications(ApplicationQuery query) {
        List<String> parameters = new ArrayList<>();
        parameters.add("limit=" + query.limit());
        parameters.add("offset=" + query.offset());
        addParameter(parameters, "name", query.name());
        addParameter(parameters, "project", query.project());
        addParameter(parameters, "cluster", query.cluster());
        query.labels().forEach(label -> addParameter(parameters, "label", label));
        addParameter(parameters, "sync", query.sync() == null ? null : query.sync().wireName());
        addParameter(parameters, "health", query.health() == null ? null : query.health().wireName());
        return send("GET", "/api/applications?" + String.join("&", parameters), null, type(ApplicationPage.class));
    }

    public Application getApplication(String name) {
        return send("GET", applicationPath(name), null, type(Application.class));
    }

    /** Creates an application from its declarative document ({@code metadata}, {@code spec}). */
    public Application createApplication(ObjectNode document) {
        return send("POST", "/api/applications", Objects.requireNonNull(document, "document"), type(Application.class));
    }

    /** Replaces the definition of an application created through the API. */
    public Application updateApplication(String name, ObjectNode document) {
        return send("PUT", applicationPath(name), Objects.requireNonNull(document, "document"), type(Application.class));
    }

    /** @param cascade also delete the objects the application tracks in its cluster */
    public void deleteApplication(String name, boolean cascade) {
        send("DELETE", applicationPath(name) + "?cascade=" + cascade, null, null);
    }

    public Operation sync(String name, SyncRequest request) {
        return send("POST", applicationPath(name) + "/sync", Objects.requireNonNull(request, "request"),
                type(Operation.class));
    }

    /** Asks the server to compare the application with Git and the cluster now. */
    public void refresh(String name) {
        send("POST", applicationPath(name) + "/refresh", null, null);
    }

    public List<ResourceDiff> diff(String name) {
        return send("GET", applicationPath(name) + "/diff", null, listOf(ResourceDiff.class));
    }

    /** Operations, newest first. */
    public List<Operation> history(String name, int limit) {
        return send("GET", applicationPath(name) + "/history?limit=" + positive(limit), null, listOf(Operation.class));
    }

    /** Syncs the revision of history entry {@code operationId}; the server turns automated sync off. */
    public Operation rollback(String name, long operationId) {
        return send("POST", applicationPath(name) + "/rollback", Map.of("id", operationId), type(Operation.class));
    }

    public List<Cluster> listClusters() {
        return send("GET", "/api/clusters", null, listOf(Cluster.class));
    }

    public void addCluster(ClusterInput cluster) {
        send("POST", "/api/clusters", Objects.requireNonNull(cluster, "cluster"), null);
    }

    public void removeCluster(String name) {
        send("DELETE", "/api/clusters/" + segment(name), null, null);
    }

    public List<Repository> listRepositories() {
        return send("GET", "/api/repositories", null, listOf(Repository.class));
    }

    public void addRepository(RepositoryInput repository) {
        send("POST", "/api/repositories", Objects.requireNonNull(repository, "repository"), null);
    }

    public void removeRepository(String urlPrefix) {
        send("DELETE", "/api/repositories/" + segment(urlPrefix), null, null);
    }

    public List<Project> listProjects() {
        return send("GET", "/api/projects", null, listOf(Project.class));
    }

    public Project getProject(String name) {
        return send("GET", "/api/projects/" + segment(name), null, type(Project.class));
    }

    /** Creates a project from its document ({@code kind: Project}), with its SOPS keys in a {@code sops} field. */
    public Project createProject(ObjectNode document) {
        return send("POST", "/api/projects", Objects.requireNonNull(document, "document"), type(Project.class));
    }

    /** Replaces a project created through the API; without a {@code sops} field its keys are kept. */
    public Project updateProject(String name, ObjectNode document) {
        return send("PUT", "/api/projects/" + segment(name), Objects.requireNonNull(document, "document"),
                type(Project.class));
    }

    public void deleteProject(String name) {
        send("DELETE", "/api/projects/" + segment(name), null, null);
    }

    /** Events newest first, of one application or, with a null {@code application}, of all. */
    public List<Event> events(String application, int limit, int offset) {
        List<String> parameters = new ArrayList<>();
        addParameter(parameters, "application", application);
        parameters.add("limit=" + positive(limit));
        if (offset < 0) {
            throw new IllegalArgumentException("offset " + offset + ": must not be negative");
        }
        parameters.add("offset=" + offset);
        return send("GET", "/api/events?" + String.join("&", parameters), null, listOf(Event.class));
    }

    /**
     * Copies the audit log to {@code out} as JSON lines, oldest first, as the server streams it ({@code since} and
     * {@code until}, either may be null, bound the entries' times); each line carries its hashes.
     */
    public void exportAudit(Instant since, Instant until, OutputStream out) {
        List<String> parameters = new ArrayList<>();
        addParameter(parameters, "since", since == null ? null : since.toString());
        addParameter(parameters, "until", until == null ? null : until.toString());
        URI uri = URI.create(server.toString().replaceAll("/+$", "") + "/api/audit/export"
                + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters)));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/x-ndjson").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response = exchange(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                String text = new String(body.readNBytes(MAX_ERROR_BYTES), StandardCharsets.UTF_8);
                throw new ApiException(response.statusCode(), redact(errorText(response.statusCode(), text,
                        "GET " + uri.getRawPath())));
            }
            body.transferTo(out);
        } catch (IOException e) {
            throw new ServerUnreachableException("the audit export from " + server + " broke off: " + reason(e), e);
        }
    }

    /** A value of this API as the JSON tree the server sends, e.g. for printing it; timestamps stay ISO-8601. */
    /**
     * Signs in with a user name and password.
     *
     * @return the session, whose token authenticates later calls until it expires or is signed out
     */
    public static SignedIn signIn(URI server, String username, String password) {
        return new DriftlessClient(server, null).send("POST", "/api/session",
                Map.of("username", username, "password", password), type(SignedIn.class));
    }

    /** Ends the session this client's token belongs to; an API token is not affected. */
    public void signOut() {
        send("DELETE", "/api/session", null, null);
    }

    /** Replaces the signed-in local user's password. */
    public void changePassword(String currentPassword, String newPassword) {
        send("PUT", "/api/account/password", Map.of("currentPassword", currentPassword, "newPassword", newPassword),
                null);
    }

    public List<User> listUsers() {
        return send("GET", "/api/users", null, listOf(User.class));
    }

    public void createUser(String name, String password) {
        send("POST", "/api/users", Map.of("username", name, "password", password), null);
    }

    public void deleteUser(String name) {
        send("DELETE", "/api/users/" + segment(name), null, null);
    }

    /**
     * Creates an API token, whose value is in this answer only.
     *
     * @param project   the project whose role it acts as, or null to act as the signed-in user
     * @param expiresIn e.g. {@code 24h} or {@code P30D}; null for no expiry
     */
    public ApiToken createToken(String project, String role, String expiresIn, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        addField(body, "project", project);
        addField(body, "role", role);
        addField(body, "expiresIn", expiresIn);
        addField(body, "description", description);
        return send("POST", "/api/tokens", body, type(ApiToken.class));
    }

    /** The caller's tokens (every token for those who may get accounts), never their values. */
    public List<ApiToken> listTokens() {
        return send("GET", "/api/tokens", null, listOf(ApiToken.class));
    }

    public void revokeToken(String id) {
        send("DELETE", "/api/tokens/" + segment(id), null, null);
    }

    private static void addField(Map<String, String> body, String field, String value) {
        if (value != null && !value.isBlank()) {
            body.put(field, value);
        }
    }

    public static JsonNode toJson(Object value) {
        return JSON.valueToTree(value);
    }

    @Override
    public String toString() {
        return "DriftlessClient[server=" + server + ", token=" + (token == null ? "none" : REDACTED) + "]";
    }

    private <T> T send(String method, String pathAndQuery, Object body, JavaType answerType) {
        URI uri = URI.create(server.toString().replaceAll("/+$", "") + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(json(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = exchange(request.build());
        String call = method + " " + uri.getRawPath();
        if (response.statusCode() / 100 != 2) {
            throw new ApiException(response.statusCode(), redact(errorText(response, call)));
        }
        if (answerType == null) {
            return null;
        }
        try {
            return JSON.readValue(response.body(), answerType);
        } catch (JsonProcessingException e) {
            throw new ApiException(response.statusCode(),
                    redact("the answer to " + call + " is not what the API describes: " + e.getOriginalMessage()));
        }
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        return exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private <B> HttpResponse<B> exchange(HttpRequest request, HttpResponse.BodyHandler<B> body) {
        try {
            return http.send(request, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnreachableException("interrupted while waiting for the Driftless server at " + server, e);
        } catch (IOException e) {
            throw new ServerUnreachableException("cannot reach the Driftless server at " + server + ": " + reason(e), e);
        }
    }

    /**
     * The JDK wraps a refused connection in several exceptions without messages, so the chain is searched for
     * the kind of failure.
     */
    private static String reason(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
        }
        boolean connectFailed = false;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            if (cause instanceof ConnectException connect) {
                if (connect.getMessage() != null) {
                    return connect.getMessage();
                }
                connectFailed = true;
            }
        }
        if (connectFailed) {
            return "connection refused";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** The {@code error} field of the answer; a body that is not the API's error document is not echoed. */
    private static String errorText(HttpResponse<String> response, String call) {
        return errorText(response.statusCode(), response.body(), call);
    }

    private static String errorText(int status, String body, String call) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isTextual() && !error.asText().isBlank()) {
                return error.asText();
            }
        } catch (JsonProcessingException notJson) {
            // Proxies and crashed servers answer with HTML or nothing; the status line below says enough.
        }
        return call + " answered HTTP " + status;
    }

    /** A server that echoes the request must still not bring the token into messages. */
    private String redact(String message) {
        return token == null ? message : message.replace(token, REDACTED);
    }

    private static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static URI validated(URI server) {
        Objects.requireNonNull(server, "server");
        if (server.getRawUserInfo() != null || server.getRawQuery() != null || server.getRawFragment() != null) {
            throw new IllegalArgumentException("server URL " + server.getScheme() + "://" + server.getHost()
                    + ": must not carry user information, a query or a fragment; the token goes in a file");
        }
        String scheme = server.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || server.getHost() == null) {
            throw new IllegalArgumentException("server URL " + server + ": expected http://HOST[:PORT] or https://HOST[:PORT]");
        }
        return server;
    }

    private static String applicationPath(String name) {
        return "/api/applications/" + segment(name);
    }

    /** Encodes everything but unreserved characters, so a URL prefix with slashes stays one path segment. */
    private static String segment(String value) {
        Objects.requireNonNull(value, "path segment");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("an empty name cannot be part of a path");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void addParameter(List<String> parameters, String name, String value) {
        if (value != null) {
            parameters.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static int positive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit + ": must be at least 1");
        }
        return limit;
    }

    private static JavaType type(Class<?> type) {
        return JSON.constructType(type);
    }

    private static JavaType listOf(Class<?> element) {
        return JSON.getTypeFactory().constructCollectionType(List.class, element);
    }
}
