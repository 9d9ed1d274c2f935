package dev.driftless.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.driftless.engine.app.ProjectKeys;
import dev.driftless.engine.health.HealthStatus;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.reconcile.SyncRequest;
import dev.driftless.service.ApplicationFilter;
import dev.driftless.store.EventQuery;
import dev.driftless.store.PageRequest;
import dev.driftless.store.StoredCluster;
import dev.driftless.store.StoredRepository;
import dev.driftless.store.StoredRepository.CredentialType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads query parameters and request bodies into the service's requests. Every problem is an
 * {@link IllegalArgumentException} naming the parameter or field, which the server answers with 400. Messages never
 * quote a body: a malformed body may be a credential with a typo in it.
 */
final class ApiRequests {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = PageRequest.MAX_LIMIT;
    static final int DEFAULT_HISTORY_LIMIT = 50;

    private static final List<String> HEALTH_NAMES = Arrays.stream(HealthStatus.values())
            .map(HealthStatus::displayName).toList();

    private ApiRequests() {
    }

    /** The filters of {@code GET /api/applications}. */
    static ApplicationFilter applicationFilter(Map<String, List<String>> query) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String label : query.getOrDefault("label", List.of())) {
            int equals = label.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("label: expected key=value, got '" + label + "'");
            }
            String key = label.substring(0, equals);
            String value = label.substring(equals + 1);
            String earlier = labels.putIfAbsent(key, value);
            if (earlier != null && !earlier.equals(value)) {
                throw new IllegalArgumentException("label: " + key + " is asked to be both '" + earlier
                        + "' and '" + value + "'");
            }
        }
        return new ApplicationFilter(single(query, "name"), single(query, "project"), single(query, "cluster"), labels,
                oneOf(query, "sync", Metrics.SYNC_STATUSES), oneOf(query, "health", HEALTH_NAMES), single(query, "q"));
    }

    /** The filter and page of {@code GET /api/events}; {@code action} may be given several times. */
    static EventQuery eventQuery(Map<String, List<String>> query) {
        List<String> actions = query.getOrDefault("action", List.of());
        if (actions.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("action: must not be empty");
        }
        return new EventQuery(single(query, "application"), null, actions.stream().distinct().toList(),
                single(query, "q"), new PageRequest(integer(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
                integer(query, "offset", 0, 0, Integer.MAX_VALUE)));
    }

    /**
     * The filter and page of {@code GET /api/audit} and {@code /api/audit/export}: {@code actor}, {@code action}
     * (repeatable), {@code application}, {@code result}, {@code q}, {@code since} and {@code until} (ISO-8601).
     */
    static EventQuery auditQuery(Map<String, List<String>> query) {
        List<String> actions = query.getOrDefault("action", List.of());
        if (actions.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("action: must not be empty");
        }
        return new EventQuery(single(query, "application"), single(query, "actor"),
                actions.stream().distinct().toList(), single(query, "result"), single(query, "q"),
                instant(query, "since"), instant(query, "until"),
                new PageRequest(integer(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
                        integer(query, "offset", 0, 0, Integer.MAX_VALUE)));
    }

    private static Instant instant(Map<String, List<String>> query, String name) {
        String text = single(query, name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": expected an ISO-8601 time such as 2025-03-01T10:00:00Z, got '"
                    + text + "'");
        }
    }

    /** An integer parameter between {@code min} and {@code max}, {@code fallback} when absent. */
    static int integer(Map<String, List<String>> query, String name, int fallback, int min, int max) {
        String text = single(query, name);
        if (text == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": expected an integer, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** A parameter that must be given once. */
    static String required(Map<String, List<String>> query, String name) {
        String value = single(query, name);
        if (value == null) {
            throw new IllegalArgumentException(name + ": required");
        }
        return value;
    }

    static boolean bool(Map<String, List<String>> query, String name) {
        String text = single(query, name);
        if (text == null || text.equals("false")) {
            return false;
        }
        if (text.equals("true")) {
            return true;
        }
        throw new IllegalArgumentException(name + ": expected true or false, got '" + text + "'");
    }

    /**
     * A JSON body. An empty body reads as an empty object when {@code emptyAllowed}; the error for malformed JSON
     * gives only where it broke.
     */
    static JsonNode body(String text, boolean emptyAllowed) {
        if (text == null || text.isBlank()) {
            if (emptyAllowed) {
                return JsonNodeFactory.instance.objectNode();
            }
            throw new IllegalArgumentException("request body: a JSON object is required");
        }
        JsonNode body;
        try {
            body = Documents.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("request body: malformed JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        }
        if (!body.isObject()) {
            throw new IllegalArgumentException("request body: expected a JSON object");
        }
        return body;
    }

    /** The body of {@code POST /api/applications/{name}/sync}. */
    static SyncRequest syncRequest(JsonNode body, String actor) {
        onlyFields(body, "revision", "prune", "dryRun", "resources");
        Optional<String> revision = Optional.ofNullable(text(body, "revision", false)).filter(r -> !r.isBlank());
        Optional<Boolean> prune = body.hasNonNull("prune") ? Optional.of(flag(body, "prune")) : Optional.empty();
        boolean dryRun = body.hasNonNull("dryRun") && flag(body, "dryRun");
        Set<ResourceKey> resources = new HashSet<>();
        JsonNode keys = body.path("resources");
        if (!keys.isMissingNode() && !keys.isNull()) {
            if (!keys.isArray()) {
                throw new IllegalArgumentException("resources: expected an array of group/Kind:namespace/name");
            }
            for (int i = 0; i < keys.size(); i++) {
                resources.add(resourceKey(keys.get(i), "resources[" + i + "]"));
            }
        }
        return new SyncRequest(revision, prune, dryRun, resources, actor);
    }

    /** {@code group/Kind:namespace/name}, as {@link ResourceKey#toString()} writes it. */
    static ResourceKey resourceKey(JsonNode node, String field) {
        String text = node.isTextual() ? node.asText() : "";
        int colon = text.indexOf(':');
        int kindSlash = colon < 0 ? -1 : text.lastIndexOf('/', colon);
        int nameSlash = colon < 0 ? -1 : text.indexOf('/', colon);
        if (kindSlash < 0 || nameSlash < 0 || kindSlash + 1 == colon || nameSlash + 1 == text.length()
                || text.indexOf('/') != kindSlash || text.indexOf('/', nameSlash + 1) >= 0) {
            throw new IllegalArgumentException(field + ": expected group/Kind:namespace/name (e.g. "
                    + "apps/Deployment:shop/web or /ConfigMap:shop/settings), got " + node);
        }
        return new ResourceKey(text.substring(0, kindSlash), text.substring(kindSlash + 1, colon),
                text.substring(colon + 1, nameSlash), text.substring(nameSlash + 1));
    }

    /** The {@code id} of {@code POST /api/applications/{name}/rollback}. */
    static long rollbackId(JsonNode body) {
        onlyFields(body, "id");
        JsonNode id = body.path("id");
        if (!id.canConvertToLong() || !id.isIntegralNumber()) {
            throw new IllegalArgumentException("id: the history entry to roll back to is required, as an integer");
        }
        return id.asLong();
    }

    /** {@code ClusterInput}. */
    static StoredCluster cluster(JsonNode body) {
        onlyFields(body, "name", "kubeconfig", "context", "labels");
        return new StoredCluster(text(body, "name", true), text(body, "kubeconfig", true), text(body, "context", false),
                labels(body));
    }

    /** {@code RepositoryInput}: the credential type follows from which secret is given. */
    static StoredRepository repository(JsonNode body) {
        onlyFields(body, "urlPrefix", "username", "password", "token", "sshPrivateKey", "knownHosts");
        if (body.hasNonNull("knownHosts")) {
            throw new IllegalArgumentException("knownHosts: not supported through the API yet; declare the repository"
                    + " in the configuration to pin SSH host keys");
        }
        String urlPrefix = text(body, "urlPrefix", true);
        String username = text(body, "username", false);
        Map<CredentialType, String> secrets = new LinkedHashMap<>();
        putIfGiven(secrets, CredentialType.BASIC, text(body, "password", false));
        putIfGiven(secrets, CredentialType.TOKEN, text(body, "token", false));
        putIfGiven(secrets, CredentialType.SSH_KEY, text(body, "sshPrivateKey", false));
        if (secrets.size() > 1) {
            throw new IllegalArgumentException("repository " + urlPrefix
                    + ": give one of password, token or sshPrivateKey, not several");
        }
        if (secrets.isEmpty()) {
            return new StoredRepository(urlPrefix, CredentialType.NONE, username, null);
        }
        Map.Entry<CredentialType, String> secret = secrets.entrySet().iterator().next();
        return new StoredRepository(urlPrefix, secret.getKey(), username, secret.getValue());
    }

    private static void putIfGiven(Map<CredentialType, String> secrets, CredentialType type, String secret) {
        if (secret != null && !secret.isEmpty()) {
            secrets.put(type, secret);
        }
    }

    private static Map<String, String> labels(JsonNode body) {
        JsonNode labels = body.path("labels");
        if (labels.isMissingNode() || labels.isNull()) {
            return Map.of();
        }
        if (!labels.isObject()) {
            throw new IllegalArgumentException("labels: expected an object of strings");
        }
        Map<String, String> result = new LinkedHashMap<>();
        labels.properties().forEach(label -> {
            if (!label.getValue().isTextual()) {
                throw new IllegalArgumentException("labels." + label.getKey() + ": expected a string");
            }
            result.put(label.getKey(), label.getValue().asText());
        });
        return result;
    }

    /** The {@code sops} field of a project request: key material as text, both parts optional. */
    static ProjectKeys projectKeys(JsonNode sops) {
        if (!sops.isObject()) {
            throw new IllegalArgumentException("sops: expected an object with ageKey and/or pgpKey");
        }
        onlyFields(sops, "ageKey", "pgpKey");
        try {
            return new ProjectKeys(text(sops, "ageKey", false), text(sops, "pgpKey", false));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sops: " + e.getMessage());
        }
    }

    private static void onlyFields(JsonNode body, String... known) {
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            unknown.add(names.next());
        }
        unknown.removeAll(List.of(known));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("request body: unknown field(s) " + unknown + "; known are "
                    + List.of(known));
        }
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException(field + ": required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + ": expected a string");
        }
        return value.asText();
    }

    private static boolean flag(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(field + ": expected true or false");
        }
        return value.asBoolean();
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new IllegalArgumentException(name + ": given " + values.size() + " times, expected once");
        }
        return values.isEmpty() || values.getFirst().isEmpty() ? null : values.getFirst();
    }

    private static String oneOf(Map<String, List<String>> query, String name, List<String> allowed) {
        String value = single(query, name);
        if (value != null && !allowed.contains(value)) {
            throw new IllegalArgumentException(name + ": expected one of " + allowed + ", got '" + value + "'");
        }
        return value;
    }
}
