package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code replicas} transformer: sets {@code spec.replicas} of the Deployments, ReplicaSets, StatefulSets and
 * ReplicationControllers (of any group and version) whose current or any earlier name is the entry's name.
 * An entry that matches none of them is an error, as in kustomize; other kinds are never touched.
 */
final class Replicas {

    /** Kustomize's built-in {@code replicas} field specs. */
    static final List<FieldSpec> FIELD_SPECS = List.of(
            new FieldSpec("", "", "Deployment", "spec/replicas", true),
            new FieldSpec("", "", "StatefulSet", "spec/replicas", true),
            new FieldSpec("", "", "ReplicaSet", "spec/replicas", true),
            new FieldSpec("", "", "ReplicationController", "spec/replicas", true));

    private static final Set<String> FIELDS = Set.of("name", "count");

    /** One {@code replicas} entry; a missing count means zero, as in kustomize. */
    record Replica(String name, long count) {
    }

    private Replicas() {
    }

    static List<Resource> apply(Kustomization kustomization, List<Resource> resources, Build build) {
        List<Resource> result = new ArrayList<>(resources);
        List<JsonNode> entries = kustomization.list("replicas");
        for (int i = 0; i < entries.size(); i++) {
            String field = "replicas[" + i + "]";
            Replica replica = parse(kustomization, entries.get(i), field);
            boolean found = false;
            for (int r = 0; r < result.size(); r++) {
                Resource resource = result.get(r);
                for (FieldSpec spec : FIELD_SPECS) {
                    if (spec.appliesTo(resource.id()) && hasName(resource, replica.name())) {
                        ObjectNode object = resource.object().deepCopy();
                        FieldPaths.edit(object, spec.path(), spec.create(),
                                old -> count(object, replica.count()));
                        resource = resource.withObject(object);
                        found = true;
                    }
                }
                result.set(r, resource);
            }
            if (!found) {
                throw kustomization.error(field, "no Deployment, StatefulSet, ReplicaSet or ReplicationController "
                        + "is named '" + replica.name() + "'");
            }
        }
        return result;
    }

    /** An int node when the count fits, as YAML parsers read small numbers. */
    private static JsonNode count(ObjectNode factory, long count) {
        return count == (int) count ? factory.numberNode((int) count) : factory.numberNode(count);
    }

    private static boolean hasName(Resource resource, String name) {
        return resource.allIds().stream().anyMatch(id -> id.name().equals(name));
    }

    private static Replica parse(Kustomization kustomization, JsonNode entry, String field) {
        if (!entry.isObject()) {
            throw kustomization.error(field, "must be a map with name and count");
        }
        kustomization.knownFields(field, entry, FIELDS);
        JsonNode name = entry.path("name");
        if (!name.isMissingNode() && !name.isNull() && !name.isTextual()) {
            throw kustomization.error(field + ".name", "must be a string");
        }
        JsonNode count = entry.path("count");
        if (!count.isMissingNode() && !count.isNull() && !(count.isIntegralNumber() && count.canConvertToLong())) {
            throw kustomization.error(field + ".count", "must be a whole number, not '" + count.asText() + "'");
        }
        return new Replica(name.asText(""), count.asLong(0));
    }
}
