package dev.driftless.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.app.IgnoreDifference;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.model.Tracking;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares desired objects (from Git) with live ones (from a cluster or a file) without false drift.
 *
 * <p>Only fields the desired object sets count, plus fields Driftless applied before (its last-applied record on
 * the live object) that Git has since removed and that are still live. Server defaults and fields other
 * controllers own are never drift. Values are compared after normalisation: quantities by value in resource
 * fields, numbers by value, int-or-string by value, empty equal to absent, Secret stringData folded into data.
 * Secret values are redacted before comparison, so no result ever holds one.
 */
public final class Differ {

    /** Maps whose values are resource quantities, and single fields that are. */
    private static final Set<String> QUANTITY_MAPS = Set.of("limits", "requests", "capacity", "allocatable", "hard", "used",
            "podFixed", "default", "defaultRequest", "min", "max", "maxLimitRequestRatio");
    private static final Set<String> QUANTITY_FIELDS = Set.of("sizeLimit");

    private Differ() {
    }

    /**
     * Compares one desired object with its live counterpart.
     *
     * @param desired the object as Git renders it
     * @param live    the object as the cluster returns it (any LastApplied record on it is used), or null when absent
     * @return {@link SyncState#MISSING} without live, else {@link SyncState#SYNCED} or {@link SyncState#OUT_OF_SYNC}
     * @throws IllegalArgumentException when live is a different object than desired
     */
    public static ResourceDiff diff(ObjectNode desired, ObjectNode live) {
        return diff(desired, live, IgnoreRules.NONE);
    }

    /**
     * Compares one desired object with its live counterpart, leaving out of the comparison (and of both views) the
     * fields the rules ignore for it.
     */
    public static ResourceDiff diff(ObjectNode desired, ObjectNode live, IgnoreRules ignored) {
        Objects.requireNonNull(desired, "desired");
        ResourceKey key = ResourceKey.of(desired);
        if (live == null) {
            return new ResourceDiff(key, SyncState.MISSING, List.of(), Normalisation.prepare(desired), null);
        }
        requireSameObject(key, ResourceKey.of(live));
        ObjectNode desiredView = ignored.without(key, Normalisation.prepare(desired));
        ObjectNode applied = LastApplied.read(live).map(record -> ignored.without(key, Normalisation.prepare(record)))
                .orElse(null);
        Walk walk = new Walk(ManagedFields.of(live));
        JsonNode liveView = walk.compare(FieldPath.ROOT, desiredView, ignored.without(key, Normalisation.prepare(live)), applied);
        SyncState state = walk.drifts.isEmpty() ? SyncState.SYNCED : SyncState.OUT_OF_SYNC;
        return new ResourceDiff(key, state, walk.drifts, desiredView, (ObjectNode) liveView);
    }

    /** A live object that no desired object matches: a prune candidate, shown redacted and without server fields. */
    public static ResourceDiff extraneous(ObjectNode live) {
        return new ResourceDiff(ResourceKey.of(live), SyncState.EXTRANEOUS, List.of(), null, Normalisation.prepare(live));
    }

    /**
     * Compares an application's desired objects with the live ones: one result per desired object, in the given
     * order, then one {@link SyncState#EXTRANEOUS} result, ordered by key, per live object that is not desired and
     * whose tracking annotation names this application and this very object (a copy of a tracked object made
     * elsewhere keeps the annotation but no longer matches, so it is never a prune candidate).
     *
     * @param app     the application name as written in tracking annotations
     * @param desired the rendered objects, with namespaces already assigned
     * @param live    live objects by their key; objects of other applications may be included and are ignored
     * @throws IllegalArgumentException when two desired objects have the same key
     */
    public static List<ResourceDiff> diffAll(String app, List<Manifest> desired, Map<ResourceKey, ? extends JsonNode> live) {
        return diffAll(app, desired, live, IgnoreRules.NONE);
    }

    /**
     * As {@link #diffAll(String, List, Map)}, with the application's {@code ignoreDifferences}: an object whose
     * only differences are ignored fields is {@link SyncState#SYNCED}.
     *
     * @throws IllegalArgumentException also when an ignore rule holds a malformed JSON pointer
     */
    public static List<ResourceDiff> diffAll(String app, List<Manifest> desired, Map<ResourceKey, ? extends JsonNode> live,
                                             List<IgnoreDifference> ignoreDifferences) {
        return diffAll(app, desired, live, IgnoreRules.of(ignoreDifferences));
    }

    /** As {@link #diffAll(String, List, Map, List)}, with rules already parsed. */
    public static List<ResourceDiff> diffAll(String app, List<Manifest> desired, Map<ResourceKey, ? extends JsonNode> live,
                                             IgnoreRules ignored) {
        Map<ResourceKey, Manifest> seen = new HashMap<>();
        List<ResourceDiff> results = new ArrayList<>();
        for (Manifest manifest : desired) {
            Manifest earlier = seen.putIfAbsent(manifest.key(), manifest);
            if (earlier != null) {
                throw new IllegalArgumentException("object " + manifest.key() + " is defined twice: in "
                        + earlier.origin() + " and in " + manifest.origin());
            }
            results.add(diff(manifest.body(), live.get(manifest.key()) instanceof ObjectNode object ? object : null, ignored));
        }
        live.entrySet().stream()
                .filter(entry -> !seen.containsKey(entry.getKey()))
                .filter(entry -> entry.getValue() instanceof ObjectNode)
                .filter(entry -> Tracking.trackingId(app, entry.getKey()).equals(trackingId(entry.getValue())))
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> results.add(extraneous((ObjectNode) entry.getValue())));
        return results;
    }

    private static String trackingId(JsonNode live) {
        return live.path("metadata").path("annotations").path(Tracking.TRACKING_ANNOTATION).asText(null);
    }

    /** The namespace is only checked when desired names one: a file compared offline often leaves it out. */
    private static void requireSameObject(ResourceKey desired, ResourceKey live) {
        boolean same = desired.group().equals(live.group()) && desired.kind().equals(live.kind())
                && desired.name().equals(live.name())
                && (desired.namespace().isEmpty() || desired.namespace().equals(live.namespace()));
        if (!same) {
            throw new IllegalArgumentException("cannot compare different objects: desired is " + desired + " but live is " + live);
        }
    }

    /** One comparison: walks desired, collects drifts and builds the live view. */
    private static final class Walk {

        private final ManagedFields managers;
        private final List<FieldDrift> drifts = new ArrayList<>();

        Walk(ManagedFields managers) {
            this.managers = managers;
        }

        /**
         * Compares a desired value with the live one and returns the live value as seen through desired: only the
         * fields desired (or last applied) names, and desired's spelling wherever the values are equal, so that a
         * text diff of the two views shows exactly the drift.
         */
        JsonNode compare(FieldPath path, JsonNode desired, JsonNode live, JsonNode applied) {
            if (desired.isObject() && live != null && live.isObject()) {
                return compareObjects(path, desired, live, applied);
            }
            if (desired.isArray() && live != null && live.isArray()) {
                return compareLists(path, desired, live, applied);
            }
            if (desired.isContainerNode() ? isEmpty(desired) && isEmpty(live) : sameScalar(path, desired, live)) {
                return desired;
            }
            drift(path, live, desired);
            return live;
        }

        private JsonNode compareObjects(FieldPath path, JsonNode desired, JsonNode live, JsonNode applied) {
            ObjectNode view = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : desired.properties()) {
                if (field.getValue().isNull()) {
                    continue;
                }
                String name = field.getKey();
                JsonNode liveValue = compare(path.field(name), field.getValue(), live.get(name), child(applied, name));
                if (liveValue != null) {
                    view.set(name, liveValue);
                }
            }
            if (applied != null && applied.isObject()) {
                for (Map.Entry<String, JsonNode> appliedField : applied.properties()) {
                    String name = appliedField.getKey();
                    JsonNode liveValue = live.get(name);
                    if (!desired.hasNonNull(name) && !isEmpty(liveValue)) {
                        drift(path.field(name), liveValue, null);
                        view.set(name, liveValue);
                    }
                }
            }
            return view;
        }

        private JsonNode compareLists(FieldPath path, JsonNode desired, JsonNode live, JsonNode applied) {
            List<JsonNode> desiredItems = items(desired);
            Optional<MergeKeys.MergeKey> key = MergeKeys.of(path.fieldNameFromEnd(0), desiredItems, items(live));
            return key.isPresent()
                    ? compareKeyed(path, key.get(), desiredItems, live, applied)
                    : comparePositional(path, desired, live, applied);
        }

        private JsonNode compareKeyed(FieldPath path, MergeKeys.MergeKey key, List<JsonNode> desired, JsonNode live, JsonNode applied) {
            Map<FieldPath.Item, JsonNode> liveByKey = MergeKeys.index(key, live);
            Map<FieldPath.Item, JsonNode> appliedByKey = applied != null && applied.isArray() ? MergeKeys.index(key, applied) : Map.of();
            Map<FieldPath.Item, JsonNode> desiredByKey = MergeKeys.index(key, desired);
            ArrayNode view = JsonNodeFactory.instance.arrayNode();
            desiredByKey.forEach((item, desiredItem) -> {
                JsonNode liveItem = liveByKey.get(item);
                FieldPath itemPath = path.item(item);
                if (liveItem == null) {
                    drift(itemPath, null, desiredItem);
                } else {
                    view.add(compare(itemPath, desiredItem, liveItem, appliedByKey.get(item)));
                }
            });
            appliedByKey.keySet().stream()
                    .filter(item -> !desiredByKey.containsKey(item) && liveByKey.containsKey(item))
                    .forEach(item -> {
                        drift(path.item(item), liveByKey.get(item), null);
                        view.add(liveByKey.get(item));
                    });
            return view;
        }

        private JsonNode comparePositional(FieldPath path, JsonNode desired, JsonNode live, JsonNode applied) {
            if (desired.size() != live.size()) {
                drift(path, live, desired);
                return live;
            }
            ArrayNode view = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < desired.size(); i++) {
                JsonNode appliedItem = applied != null && applied.isArray() ? applied.get(i) : null;
                JsonNode liveItem = compare(path.index(i), desired.get(i), live.get(i), appliedItem);
                view.add(liveItem == null ? JsonNodeFactory.instance.nullNode() : liveItem);
            }
            return view;
        }

        private void drift(FieldPath path, JsonNode live, JsonNode desired) {
            JsonNode liveValue = live == null || live.isNull() ? null : live;
            drifts.add(new FieldDrift(path.toString(), liveValue, desired, managers.ownerOf(path)));
        }

        private static JsonNode child(JsonNode node, String name) {
            return node != null && node.isObject() ? node.get(name) : null;
        }

        private static List<JsonNode> items(JsonNode list) {
            List<JsonNode> items = new ArrayList<>(list.size());
            list.forEach(items::add);
            return items;
        }
    }

    /** Absent, null, or a map or list holding nothing but such values: the API server drops all of these. */
    private static boolean isEmpty(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return true;
        }
        if (!node.isContainerNode()) {
            return false;
        }
        for (JsonNode child : node) {
            if (!isEmpty(child)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameScalar(FieldPath path, JsonNode desired, JsonNode live) {
        if (desired.isNull()) {
            return isEmpty(live);
        }
        if (live == null || live.isNull()) {
            return false;
        }
        if (isQuantityField(path)) {
            Optional<Quantity> desiredQuantity = Quantity.of(desired);
            if (desiredQuantity.isPresent() && desiredQuantity.equals(Quantity.of(live))) {
                return true;
            }
        }
        if (desired.isNumber() || live.isNumber()) {
            return numberOf(desired).flatMap(d -> numberOf(live).map(l -> d.compareTo(l) == 0)).orElse(false);
        }
        return desired.equals(live);
    }

    /** A JSON number, or a string spelling one: int-or-string fields such as targetPort accept both. */
    private static Optional<BigDecimal> numberOf(JsonNode node) {
        if (node.isNumber()) {
            return Optional.of(node.decimalValue());
        }
        if (node.isTextual()) {
            try {
                return Optional.of(new BigDecimal(node.textValue()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean isQuantityField(FieldPath path) {
        return QUANTITY_MAPS.contains(path.fieldNameFromEnd(1)) || QUANTITY_FIELDS.contains(path.fieldNameFromEnd(0));
    }
}
