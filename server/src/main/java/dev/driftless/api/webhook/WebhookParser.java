package dev.driftless.api.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.driftless.api.webhook.WebhookOutcome.Ignored;
import dev.driftless.api.webhook.WebhookOutcome.Ping;
import dev.driftless.api.webhook.WebhookOutcome.Push;
import dev.driftless.api.webhook.WebhookOutcome.Rejected;
import dev.driftless.api.webhook.WebhookOutcome.Rejected.Reason;
import dev.driftless.engine.model.Documents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Recognises which product sent a webhook delivery, checks its signature or token against the configured secret,
 * and reads the push it reports. Pure: the same request always gives the same outcome.
 */
public final class WebhookParser {

    /** GitHub caps its payloads at 25 MB but push payloads are far smaller; 5 MB leaves room for large pushes. */
    public static final int DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

    private static final String BASIC = "Basic ";

    private final WebhookSecrets secrets;
    private final int maxBodyBytes;

    public WebhookParser(WebhookSecrets secrets, int maxBodyBytes) {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
        }
        this.secrets = secrets;
        this.maxBodyBytes = maxBodyBytes;
    }

    public WebhookParser(WebhookSecrets secrets) {
        this(secrets, DEFAULT_MAX_BODY_BYTES);
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The delivery's outcome; never throws for bad input, which becomes {@link Rejected}. */
    public WebhookOutcome parse(WebhookRequest request) {
        byte[] body = request.body();
        if (body.length > maxBodyBytes) {
            return new Rejected(Reason.TOO_LARGE,
                    "webhook body exceeds the limit of " + maxBodyBytes + " bytes");
        }
        ParsedBody parsed = ParsedBody.of(body);
        Optional<Delivery> delivery = byHeaders(request).or(() -> azureDevOps(parsed.json()));
        if (delivery.isEmpty()) {
            return new Rejected(Reason.UNRECOGNISED, "not a recognised webhook: no X-GitHub-Event, X-Gitlab-Event,"
                    + " X-Gitea-Event, X-Gogs-Event or X-Event-Key header, and the body is not an Azure DevOps"
                    + " service hook (eventType, publisherId)");
        }
        Optional<Rejected> denied = verify(delivery.get().provider(), request, body);
        if (denied.isPresent()) {
            return denied.get();
        }
        if (parsed.syntaxError() != null) {
            return malformed(delivery.get(), "body is not JSON: " + parsed.syntaxError());
        }
        if (!parsed.json().isObject()) {
            return malformed(delivery.get(), "body is not a JSON object");
        }
        try {
            return interpret(delivery.get(), parsed.json());
        } catch (MalformedPayloadException missingField) {
            return malformed(delivery.get(), missingField.getMessage());
        }
    }

    private static Optional<Delivery> byHeaders(WebhookRequest request) {
        // Gitea also sends X-Gogs-Event and X-GitHub-Event for compatibility, so its own header is looked at first.
        Optional<String> gitea = request.header("X-Gitea-Event");
        if (gitea.isPresent()) {
            return Optional.of(new Delivery(GitProvider.GITEA, gitea.get()));
        }
        Optional<String> gogs = request.header("X-Gogs-Event");
        if (gogs.isPresent()) {
            return Optional.of(new Delivery(GitProvider.GOGS, gogs.get()));
        }
        Optional<String> gitHub = request.header("X-GitHub-Event");
        if (gitHub.isPresent()) {
            return Optional.of(new Delivery(GitProvider.GITHUB, gitHub.get()));
        }
        Optional<String> gitLab = request.header("X-Gitlab-Event");
        if (gitLab.isPresent()) {
            return Optional.of(new Delivery(GitProvider.GITLAB, gitLab.get()));
        }
        return request.header("X-Event-Key").map(key -> new Delivery(
                isBitbucketCloud(request, key) ? GitProvider.BITBUCKET_CLOUD : GitProvider.BITBUCKET_SERVER, key));
    }

    /** Azure DevOps sends no identifying header: its service hooks name the event in the body. */
    private static Optional<Delivery> azureDevOps(JsonNode json) {
        return json.path("eventType").isTextual() && json.path("publisherId").isTextual()
                ? Optional.of(new Delivery(GitProvider.AZURE_DEVOPS, json.path("eventType").asText()))
                : Optional.empty();
    }

    /** Both Bitbucket products send X-Event-Key; only Cloud sends X-Hook-UUID, and their event names differ. */
    private static boolean isBitbucketCloud(WebhookRequest request, String eventKey) {
        return request.header("X-Hook-UUID").isPresent() || eventKey.equals("repo:push")
                || eventKey.startsWith("pullrequest:") || eventKey.startsWith("issue:");
    }

    private Optional<Rejected> verify(GitProvider provider, WebhookRequest request, byte[] body) {
        Optional<String> secret = secrets.forProvider(provider);
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        return switch (provider) {
            case GITHUB -> hmac(provider, secret.get(), request, body, "X-Hub-Signature-256", "sha256=");
            case GITEA -> hmac(provider, secret.get(), request, body, "X-Gitea-Signature", "");
            case GOGS -> hmac(provider, secret.get(), request, body, "X-Gogs-Signature", "");
            case BITBUCKET_CLOUD, BITBUCKET_SERVER ->
                    hmac(provider, secret.get(), request, body, "X-Hub-Signature", "sha256=");
            case GITLAB -> token(provider, secret.get(), request.header("X-Gitlab-Token"), "X-Gitlab-Token");
            case AZURE_DEVOPS -> token(provider, secret.get(), request.header("Authorization")
                    .filter(value -> value.regionMatches(true, 0, BASIC, 0, BASIC.length()))
                    .map(WebhookParser::basicPassword), "Authorization (Basic)");
        };
    }

    private static Optional<Rejected> hmac(GitProvider provider, String secret, WebhookRequest request, byte[] body,
                                           String header, String prefix) {
        Optional<String> signature = request.header(header);
        if (signature.isEmpty()) {
            return Optional.of(missingSignature(provider, header));
        }
        String given = signature.get();
        boolean matches = given.regionMatches(true, 0, prefix, 0, prefix.length())
                && Signatures.hmacSha256Matches(secret, body, given.substring(prefix.length()));
        return matches ? Optional.empty() : Optional.of(badSignature(provider, header));
    }

    private static Optional<Rejected> token(GitProvider provider, String secret, Optional<String> given,
                                            String header) {
        if (given.isEmpty()) {
            return Optional.of(missingSignature(provider, header));
        }
        return Signatures.tokenMatches(secret, given.get()) ? Optional.empty() : Optional.of(badSignature(provider, header));
    }

    /** The password of Basic credentials; empty, so never matching, when they do not decode. */
    private static String basicPassword(String authorization) {
        try {
            String credentials = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
                    StandardCharsets.UTF_8);
            int colon = credentials.indexOf(':');
            return colon < 0 ? "" : credentials.substring(colon + 1);
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
    }

    private static Rejected missingSignature(GitProvider provider, String header) {
        return new Rejected(Reason.MISSING_SIGNATURE, provider.displayName() + " webhook: a secret is configured but"
                + " the request has no " + header + " header");
    }

    private static Rejected badSignature(GitProvider provider, String header) {
        return new Rejected(Reason.BAD_SIGNATURE, provider.displayName() + " webhook: " + header
                + " does not match the configured secret");
    }

    private static WebhookOutcome interpret(Delivery delivery, JsonNode json) throws MalformedPayloadException {
        GitProvider provider = delivery.provider();
        String event = delivery.event();
        return switch (provider) {
            case GITHUB -> switch (event) {
                case "push" -> new Push(PushPayloads.gitHubStyle(provider, json));
                case "ping" -> new Ping(provider);
                default -> new Ignored(provider, event);
            };
            case GITEA, GOGS -> event.equals("push")
                    ? new Push(PushPayloads.gitHubStyle(provider, json))
                    : new Ignored(provider, event);
            case GITLAB -> isGitLabPush(event, json) ? new Push(PushPayloads.gitLab(json)) : new Ignored(provider, event);
            case BITBUCKET_CLOUD -> event.equals("repo:push")
                    ? new Push(PushPayloads.bitbucketCloud(json))
                    : new Ignored(provider, event);
            case BITBUCKET_SERVER -> switch (event) {
                case "repo:refs_changed" -> new Push(PushPayloads.bitbucketServer(json));
                case "diagnostics:ping" -> new Ping(provider);
                default -> new Ignored(provider, event);
            };
            case AZURE_DEVOPS -> event.equals("git.push")
                    ? new Push(PushPayloads.azureDevOps(json))
                    : new Ignored(provider, event);
        };
    }

    /** Project hooks name the event in the header; system hooks carry every event under one header. */
    private static boolean isGitLabPush(String event, JsonNode json) {
        return switch (event) {
            case "Push Hook", "Tag Push Hook" -> true;
            case "System Hook" -> List.of("push", "tag_push").contains(json.path("event_name").asText());
            default -> false;
        };
    }

    private static Rejected malformed(Delivery delivery, String reason) {
        return new Rejected(Reason.MALFORMED,
                delivery.provider().displayName() + " " + delivery.event() + " webhook: " + reason);
    }

    private record Delivery(GitProvider provider, String event) {
    }

    /** The body as JSON, or why it is not JSON; parsed once, before the provider is known for Azure DevOps. */
    private record ParsedBody(JsonNode json, String syntaxError) {

        static ParsedBody of(byte[] body) {
            try {
                return new ParsedBody(Documents.JSON.readTree(body), null);
            } catch (IOException notJson) {
                return new ParsedBody(MissingNode.getInstance(), notJson instanceof JsonProcessingException processing
                        ? processing.getOriginalMessage()
                        : notJson.getMessage());
            }
        }
    }
}
