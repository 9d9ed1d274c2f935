package dev.driftless.engine.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.model.Tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code metadata.managedFields} (format FieldsV1) to tell who last wrote a field: the manager owning the
 * field itself or, for a field the cluster does not track on its own, its closest owned ancestor.
 */
final class ManagedFields {

    private record Entry(String manager, String operation, String subresource, JsonNode fields) {

        /** {@code manager (Operation)}, or {@code manager (Operation, subresource)} for a write through a subresource such as scale. */
        String describe() {
            String details = subresource.isEmpty() ? operation : operation + ", " + subresource;
            return details.isEmpty() ? manager : manager + " (" + details + ")";
        }
    }

    private final List<Entry> entries;

    private ManagedFields(List<Entry> entries) {
        this.entries = entries;
    }

    static ManagedFields of(JsonNode live) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode entry : live.path("metadata").path("managedFields")) {
            if (entry.path("fieldsV1").isObject()) {
                entries.add(new Entry(entry.path("manager").asText(""), entry.path("operation").asText(""),
                        entry.path("subresource").asText(""), entry.get("fieldsV1")));
            }
        }
        return new ManagedFields(entries);
    }

    /**
     * The manager owning the path most closely, as {@link Entry#describe()} words it; null when no manager records
     * the path or when only Driftless does, since naming Driftless explains nothing about a drift.
     */
    String ownerOf(FieldPath path) {
        int deepest = 0;
        List<Entry> owners = new ArrayList<>();
        for (Entry entry : entries) {
            int depth = ownedDepth(entry.fields(), path);
            if (depth > deepest) {
                deepest = depth;
                owners.clear();
            }
            if (depth == deepest && depth > 0) {
                owners.add(entry);
            }
        }
        return owners.stream()
                .filter(owner -> !owner.manager().equals(Tracking.FIELD_MANAGER))
                .findFirst()
                .map(Entry::describe)
                .orElse(null);
    }

    /** How many segments of the path, from the root, lead to the deepest node this manager owns; 0 for none. */
    private static int ownedDepth(JsonNode fields, FieldPath path) {
        int owned = 0;
        JsonNode node = fields;
        List<FieldPath.Segment> segments = path.segments();
        for (int depth = 0; depth < segments.size(); depth++) {
            node = child(node, segments.get(depth));
            if (node == null) {
                break;
            }
            if (node.isEmpty() || node.has(".")) {
                owned = depth + 1;
            }
        }
        return owned;
    }

    private static JsonNode child(JsonNode node, FieldPath.Segment segment) {
        return switch (segment) {
            case FieldPath.Field field -> node.get("f:" + field.name());
            case FieldPath.Item item -> keyedChild(node, item);
            case FieldPath.Index index -> node.get("i:" + index.index());
        };
    }

    private static JsonNode keyedChild(JsonNode node, FieldPath.Item item) {
        for (Map.Entry<String, JsonNode> candidate : node.properties()) {
            if (candidate.getKey().startsWith("k:") && keyMatches(candidate.getKey().substring(2), item)) {
                return candidate.getValue();
            }
        }
        return null;
    }

    private static boolean keyMatches(String keyJson, FieldPath.Item item) {
        JsonNode key;
        try {
            key = Documents.JSON.readTree(keyJson);
        } catch (JsonProcessingException e) {
            return false;
        }
        if (!key.isObject() || key.size() != item.names().size()) {
            return false;
        }
        for (int i = 0; i < item.names().size(); i++) {
            JsonNode value = key.get(item.names().get(i));
            if (value == null || !value.asText().equals(item.values().get(i))) {
                return false;
            }
        }
        return true;
    }
}
