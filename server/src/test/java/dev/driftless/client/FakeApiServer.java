package dev.driftless.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for {@code driftless serve} on a free loopback port: it answers routes the test sets up, as the
 * OpenAPI contract describes, checks the bearer token and records every request.
 */
public final class FakeApiServer implements AutoCloseable {

    /** One request as it arrived; {@code path} and {@code query} are raw (still percent-encoded). */
    public record Request(String method, String path, String query, String body, String authorization) {
    }

    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final String token;
    private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeApiServer(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A server that answers 401 unless {@code Authorization: Bearer token} is sent. */
    public static FakeApiServer start(String token) throws IOException {
        return new FakeApiServer(token);
    }

    /**
     * Answers {@code method rawPath} (without query) with this status and JSON body; several answers for one route
     * are given in turn and the last one repeats.
     */
    public FakeApiServer answer(String method, String rawPath, int status, String body) {
        answers.computeIfAbsent(method + " " + rawPath, route -> new ArrayDeque<>()).add(new Answer(status, body));
        return this;
    }

    public URI uri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public Request onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + requests);
        }
        return requests.getFirst();
    }

    /** A loopback URL nobody listens on, for connection-refused tests. */
    public static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String path = exchange.getRequestURI().getRawPath();
        requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(), body, authorization));
        Answer answer;
        if (!("Bearer " + token).equals(authorization)) {
            answer = new Answer(401, "{\"error\":\"missing or wrong token\"}");
        } else {
            Deque<Answer> queue = answers.get(exchange.getRequestMethod() + " " + path);
            answer = queue == null ? new Answer(404, "{\"error\":\"no route " + exchange.getRequestMethod() + " " + path + "\"}")
                    : queue.size() > 1 ? queue.poll() : queue.peek();
        }
        byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
