package dev.driftless.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.cluster.ResourceType;
import dev.driftless.engine.diff.Redaction;
import dev.driftless.engine.diff.ResourceDiff;
import dev.driftless.engine.diff.SyncState;
import dev.driftless.engine.health.HealthAssessor;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.reconcile.Comparison;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.StreamSupport;

/**
 * An application's objects with the live objects they own, found by the owners' UIDs in owner references, to any
 * depth (a CronJob's Jobs and their Pods). Only the kinds controllers create for the usual workloads are read, and
 * only in the namespaces the application's objects are in.
 */
final class ResourceTree {

    /** What workload controllers create: Deployment → ReplicaSet → Pod, StatefulSet/DaemonSet/Job → Pod, CronJob → Job. */
    private static final List<String[]> CHILD_KINDS = List.of(
            new String[] {"apps", "ReplicaSet"}, new String[] {"batch", "Job"}, new String[] {"", "Pod"});

    private final Comparison comparison;
    private final Map<ResourceKey, Manifest> desired = new HashMap<>();
    /** Owned objects with their owner's key, in the order they were found. */
    private final Map<ResourceKey, Owned> children = new LinkedHashMap<>();

    private record Owned(ObjectNode live, ResourceKey parent) {
    }

    /** @param list the live objects of a kind in a namespace, as {@code Cluster.list} reads them */
    ResourceTree(Comparison comparison, BiFunction<ResourceType, String, List<ObjectNode>> list) {
        this.comparison = comparison;
        comparison.desired().forEach(manifest -> desired.put(manifest.key(), manifest));
        Map<String, ResourceKey> owners = new HashMap<>();
        Set<String> namespaces = new TreeSet<>();
        for (ResourceDiff diff : comparison.diffs()) {
            ObjectNode live = comparison.live().get(diff.key());
            if (live != null) {
                putOwner(owners, live, diff.key());
            }
            if (!diff.key().namespace().isEmpty()) {
                namespaces.add(diff.key().namespace());
            }
        }
        List<ObjectNode> candidates = new ArrayList<>();
        for (String[] kind : CHILD_KINDS) {
            Optional<ResourceType> type = comparison.mapper().find(kind[0], kind[1]);
            type.ifPresent(found -> namespaces.forEach(namespace -> candidates.addAll(list.apply(found, namespace))));
        }
        adopt(candidates, owners);
    }

    /** Adds candidates whose owner is known until no more are added, so grandchildren find their parents too. */
    private void adopt(List<ObjectNode> candidates, Map<String, ResourceKey> owners) {
        boolean added = true;
        while (added) {
            added = false;
            for (ObjectNode candidate : candidates) {
                ResourceKey key = ResourceKey.of(candidate);
                if (children.containsKey(key) || comparison.live().containsKey(key)) {
                    continue;
                }
                Optional<ResourceKey> parent = owner(candidate, owners);
                if (parent.isPresent()) {
                    children.put(key, new Owned(candidate, parent.get()));
                    putOwner(owners, candidate, key);
                    added = true;
                }
            }
        }
    }

    /** The controlling owner when it is known, else the first known owner. */
    private static Optional<ResourceKey> owner(ObjectNode object, Map<String, ResourceKey> owners) {
        JsonNode references = object.path("metadata").path("ownerReferences");
        return StreamSupport.stream(references.spliterator(), false)
                .filter(reference -> owners.containsKey(reference.path("uid").asText("")))
                .sorted((a, b) -> Boolean.compare(b.path("controller").asBoolean(), a.path("controller").asBoolean()))
                .map(reference -> owners.get(reference.path("uid").asText()))
                .findFirst();
    }

    /** The application's objects in the comparison's order, then the owned objects in the order found. */
    List<ResourceNode> nodes(HealthAssessor health) {
        List<ResourceNode> nodes = new ArrayList<>();
        for (ResourceDiff diff : comparison.diffs()) {
            ObjectNode live = comparison.live().get(diff.key());
            Manifest wanted = desired.get(diff.key());
            ObjectNode shown = live != null ? live : wanted == null ? null : wanted.body();
            nodes.add(new ResourceNode(diff.key(), version(shown), Optional.empty(), true,
                    Optional.of(diff.state()), health.assess(live), createdAt(live)));
        }
        children.forEach((key, owned) -> nodes.add(new ResourceNode(key, version(owned.live()),
                Optional.of(owned.parent()), false, Optional.<SyncState>empty(), health.assess(owned.live()),
                createdAt(owned.live()))));
        return nodes;
    }

    /** The object's live and desired forms, or empty when it is neither the application's nor owned by it. */
    Optional<ResourceManifest> manifest(ResourceKey key) {
        Owned owned = children.get(key);
        if (owned != null) {
            return Optional.of(new ResourceManifest(key, Optional.of(shown(owned.live())), Optional.empty()));
        }
        if (comparison.diffs().stream().noneMatch(diff -> diff.key().equals(key))) {
            return Optional.empty();
        }
        return Optional.of(new ResourceManifest(key, Optional.ofNullable(comparison.live().get(key)).map(ResourceTree::shown),
                Optional.ofNullable(desired.get(key)).map(manifest -> shown(manifest.body()))));
    }

    /** Redacted, without the field managers' bookkeeping. */
    private static ObjectNode shown(ObjectNode object) {
        ObjectNode copy = Redaction.redact(object);
        if (copy.path("metadata") instanceof ObjectNode metadata) {
            metadata.remove("managedFields");
        }
        return copy;
    }

    private static void putOwner(Map<String, ResourceKey> owners, ObjectNode object, ResourceKey key) {
        String uid = object.path("metadata").path("uid").asText();
        if (!uid.isEmpty()) {
            owners.put(uid, key);
        }
    }

    private static String version(ObjectNode object) {
        String apiVersion = object == null ? "" : object.path("apiVersion").asText();
        return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }

    private static Optional<Instant> createdAt(ObjectNode live) {
        if (live == null || !live.path("metadata").hasNonNull("creationTimestamp")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(live.path("metadata").path("creationTimestamp").asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
