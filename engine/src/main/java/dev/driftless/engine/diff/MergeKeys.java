package dev.driftless.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which lists are maps in disguise, and by which fields their items are identified: the list-map keys the
 * Kubernetes API declares for server-side apply. A list not named here compares position by position.
 */
final class MergeKeys {

    /**
     * The fields identifying an item; a field with a default (a port's protocol) takes it when the item omits it,
     * as the API server does.
     */
    record MergeKey(List<String> fields, Map<String, String> defaults) {

        static MergeKey of(String... fields) {
            return new MergeKey(List.of(fields), Map.of());
        }

        static MergeKey withTcpProtocol(String field) {
            return new MergeKey(List.of(field, "protocol"), Map.of("protocol", "TCP"));
        }

        /** The item's identity, or empty when the item is not an object or lacks a key field without default. */
        Optional<FieldPath.Item> identify(JsonNode item) {
            if (!item.isObject()) {
                return Optional.empty();
            }
            List<String> values = new ArrayList<>();
            for (String field : fields) {
                JsonNode value = item.get(field);
                if (value != null && value.isValueNode() && !value.isNull()) {
                    values.add(value.asText());
                } else if (defaults.containsKey(field)) {
                    values.add(defaults.get(field));
                } else {
                    return Optional.empty();
                }
            }
            return Optional.of(new FieldPath.Item(fields, values));
        }
    }

    private static final MergeKey NAME = MergeKey.of("name");

    private static final Map<String, List<MergeKey>> BY_FIELD = Map.ofEntries(
            Map.entry("containers", List.of(NAME)),
            Map.entry("initContainers", List.of(NAME)),
            Map.entry("ephemeralContainers", List.of(NAME)),
            Map.entry("ports", List.of(MergeKey.withTcpProtocol("containerPort"), MergeKey.withTcpProtocol("port"))),
            Map.entry("env", List.of(NAME)),
            Map.entry("volumes", List.of(NAME)),
            Map.entry("volumeMounts", List.of(MergeKey.of("mountPath"))),
            Map.entry("volumeDevices", List.of(MergeKey.of("devicePath"))),
            Map.entry("imagePullSecrets", List.of(NAME)),
            Map.entry("hostAliases", List.of(MergeKey.of("ip"))),
            Map.entry("resourceClaims", List.of(NAME)),
            Map.entry("topologySpreadConstraints", List.of(MergeKey.of("topologyKey", "whenUnsatisfiable"))));

    private MergeKeys() {
    }

    /**
     * The key of a list field, when the field is a known list-map, every desired item carries the key and no
     * key repeats in either list. Repeated keys (the API server tolerates duplicate env names) make matching
     * ambiguous, so such a list falls back to positional comparison.
     */
    static Optional<MergeKey> of(String fieldName, List<JsonNode> desired, List<JsonNode> live) {
        for (MergeKey key : BY_FIELD.getOrDefault(fieldName, List.of())) {
            if (desired.stream().allMatch(item -> key.identify(item).isPresent())
                    && uniquelyKeyed(key, desired) && uniquelyKeyed(key, live)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** The items of a list by key, in list order; items without a key are left out. */
    static Map<FieldPath.Item, JsonNode> index(MergeKey key, Iterable<JsonNode> items) {
        Map<FieldPath.Item, JsonNode> byKey = new LinkedHashMap<>();
        for (JsonNode item : items) {
            key.identify(item).ifPresent(identity -> byKey.putIfAbsent(identity, item));
        }
        return byKey;
    }

    private static boolean uniquelyKeyed(MergeKey key, List<JsonNode> items) {
        Set<FieldPath.Item> seen = new HashSet<>();
        for (JsonNode item : items) {
            Optional<FieldPath.Item> identity = key.identify(item);
            if (identity.isPresent() && !seen.add(identity.get())) {
                return false;
            }
        }
        return true;
    }
}
