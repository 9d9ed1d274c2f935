package dev.driftless.api.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The real webhook payloads in {@code shared/fixtures/webhooks} (from go-playground/webhooks), found by walking up
 * from the working directory, with the headers their README says each is delivered with.
 */
public final class WebhookFixtures {

    /** The secret that {@link #GITEA_SIGNATURE} was computed with, as the fixtures' README gives it. */
    public static final String GITEA_SECRET = "IsWishesWereHorsesWedAllBeEatingSteak!";
    public static final String GITEA_SIGNATURE = "60fe446c74fa0cb9474f98cc557db79e10c7aaf22cf324ad65239600b9e4d915";

    /** One fixture file and the headers it is sent with (without signatures the test computes itself). */
    public record Delivery(String file, Map<String, String> headers) {
    }

    public static final List<Delivery> DELIVERIES = List.of(
            new Delivery("github/push.json", Map.of("X-GitHub-Event", "push")),
            new Delivery("github/ping.json", Map.of("X-GitHub-Event", "ping")),
            new Delivery("gitlab/push-event.json", Map.of("X-Gitlab-Event", "Push Hook")),
            new Delivery("gitlab/system-push-event.json", Map.of("X-Gitlab-Event", "System Hook")),
            new Delivery("gitea/push-event.json", Map.of("X-Gitea-Event", "push", "X-Gitea-Signature", GITEA_SIGNATURE)),
            new Delivery("gogs/push-event.json", Map.of("X-Gogs-Event", "push")),
            new Delivery("bitbucket/repo-push.json", Map.of("X-Event-Key", "repo:push")),
            new Delivery("bitbucket-server/repo-refs-changed.json", Map.of("X-Event-Key", "repo:refs_changed")),
            new Delivery("azuredevops/git.push.json", Map.of()));

    private WebhookFixtures() {
    }

    /** {@code shared/fixtures/webhooks}, beside the project root. */
    public static Path directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/webhooks");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/fixtures/webhooks not found in " + Path.of("").toAbsolutePath()
                + " or any parent: the webhook tests need the shared fixtures beside the project root");
    }

    /** Every JSON file in the fixtures directory, relative to it, with '/' separators. */
    public static List<String> allFiles() {
        Path root = directory();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".json"))
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] read(String file) {
        try {
            return Files.readAllBytes(directory().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HMAC-SHA256 in hex, computed here with the JDK so the production helper is not checked against itself. */
    public static String hmacHex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
