package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * kustomize 4.5.4's default ("legacy") output: objects sorted by kind (namespaces and other prerequisites
 * first, webhook configurations last, unknown kinds in between), then by group, version and kind, then by
 * namespace (none last) and name; and every object's fields in key order, as kustomize prints them.
 */
final class OutputOrder {

    private static final List<String> FIRST = List.of(
            "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount",
            "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret",
            "Endpoints", "Service", "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim",
            "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget");
    private static final List<String> LAST = List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");

    private static final Map<String, Integer> KIND_RANK = kindRanks();

    /**
     * Missing parts sort after present ones: kustomize spells an empty group, version, kind or namespace with a
     * leading {@code ~}.
     */
    private static final Comparator<ResId> ORDER = Comparator
            .<ResId>comparingInt(id -> KIND_RANK.getOrDefault(id.kind(), 0))
            .thenComparing(id -> orEmpty(id.group(), "~G") + "_" + orEmpty(id.version(), "~V") + "_"
                    + orEmpty(id.kind(), "~K"))
            .thenComparing(id -> orEmpty(id.namespace(), "~X") + "|" + orEmpty(id.name(), "~N"));

    private OutputOrder() {
    }

    static List<Resource> legacy(List<Resource> resources) {
        List<Resource> sorted = new ArrayList<>(resources);
        sorted.sort(Comparator.comparing(Resource::id, ORDER));
        return sorted.stream().map(resource -> resource.withObject((ObjectNode) sortedKeys(resource.object())))
                .toList();
    }

    private static JsonNode sortedKeys(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode sorted = object.objectNode();
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.sort(Comparator.naturalOrder());
            for (String name : names) {
                sorted.set(name, sortedKeys(object.get(name)));
            }
            return sorted;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode sorted = array.arrayNode();
            array.forEach(item -> sorted.add(sortedKeys(item)));
            return sorted;
        }
        return node;
    }

    private static String orEmpty(String value, String placeholder) {
        return value.isEmpty() ? placeholder : value;
    }

    private static Map<String, Integer> kindRanks() {
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < FIRST.size(); i++) {
            ranks.put(FIRST.get(i), i - FIRST.size());
        }
        for (int i = 0; i < LAST.size(); i++) {
            ranks.put(LAST.get(i), i + 1);
        }
        return Map.copyOf(ranks);
    }
}
