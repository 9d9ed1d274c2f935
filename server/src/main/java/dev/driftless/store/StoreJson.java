package dev.driftless.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.model.Revision;
import dev.driftless.engine.sync.ResourceResult;
import dev.driftless.engine.sync.SyncAction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON columns: labels, a commit and per-resource results. Written by hand because the model has Instants. */
final class StoreJson {

    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };

    private StoreJson() {
    }

    static String labels(Map<String, String> labels) {
        return write(Documents.JSON.valueToTree(new TreeMap<>(labels)));
    }

    static Map<String, String> labels(String json) {
        try {
            return Documents.JSON.readValue(json, LABELS);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored labels are not a JSON object of strings: " + e.getOriginalMessage());
        }
    }

    static String groups(List<String> groups) {
        return write(Documents.JSON.valueToTree(groups));
    }

    static List<String> groups(String json) {
        try {
            return List.of(Documents.JSON.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new StoreException("stored groups are not a JSON array of strings: " + e.getOriginalMessage());
        }
    }

    static String commit(Revision commit) {
        if (commit == null) {
            return null;
        }
        ObjectNode node = Documents.JSON.createObjectNode()
                .put("requested", commit.requested())
                .put("sha", commit.sha())
                .put("commitTime", text(commit.commitTime()))
                .put("message", commit.message());
        node.set("author", person(commit.author()));
        node.set("committer", person(commit.committer()));
        return write(node);
    }

    static Revision commit(String json) {
        if (json == null) {
            return null;
        }
        JsonNode node = read(json);
        return new Revision(textOrNull(node, "requested"), textOrNull(node, "sha"), person(node.path("author")),
                person(node.path("committer")), instant(node, "commitTime"), textOrNull(node, "message"));
    }

    static String resources(List<ResourceResult> results) {
        ArrayNode array = Documents.JSON.createArrayNode();
        for (ResourceResult result : results) {
            ResourceKey key = result.key();
            array.addObject()
                    .put("group", key.group())
                    .put("kind", key.kind())
                    .put("namespace", key.namespace())
                    .put("name", key.name())
                    .put("action", result.action() == null ? null : result.action().name())
                    .put("message", result.message());
        }
        return write(array);
    }

    static List<ResourceResult> resources(String json) {
        List<ResourceResult> results = new ArrayList<>();
        for (JsonNode node : read(json)) {
            ResourceKey key = new ResourceKey(textOrNull(node, "group"), textOrNull(node, "kind"),
                    textOrNull(node, "namespace"), textOrNull(node, "name"));
            String action = textOrNull(node, "action");
            results.add(new ResourceResult(key, action == null ? null : SyncAction.valueOf(action),
                    textOrNull(node, "message")));
        }
        return results;
    }

    private static ObjectNode person(Revision.Person person) {
        if (person == null) {
            return null;
        }
        return Documents.JSON.createObjectNode()
                .put("name", person.name())
                .put("email", person.email())
                .put("when", text(person.when()));
    }

    private static Revision.Person person(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        return new Revision.Person(textOrNull(node, "name"), textOrNull(node, "email"), instant(node, "when"));
    }

    private static String text(Instant time) {
        return time == null ? null : time.toString();
    }

    private static Instant instant(JsonNode node, String field) {
        String text = textOrNull(node, field);
        return text == null ? null : Instant.parse(text);
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonNode read(String json) {
        try {
            return Documents.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored JSON column is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String write(JsonNode node) {
        try {
            return Documents.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Jackson cannot write a tree it built", e);
        }
    }
}
