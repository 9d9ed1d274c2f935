package dev.driftless.engine.diff;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.app.IgnoreDifference;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An application's {@code ignoreDifferences}, parsed: fields, named by RFC 6901 JSON pointers ({@code ~1} for
 * {@code /}, {@code ~0} for {@code ~}), that never count as drift on the objects a rule matches (group and kind
 * exactly, name and namespace when the rule sets them), and that a sync leaves as the cluster has them.
 */
public final class IgnoreRules {

    public static final IgnoreRules NONE = new IgnoreRules(List.of());

    private record Rule(IgnoreDifference declared, List<JsonPointer> pointers) {

        boolean matches(ResourceKey key) {
            return declared.group().equals(key.group()) && declared.kind().equals(key.kind())
                    && (declared.name().isEmpty() || declared.name().equals(key.name()))
                    && (declared.namespace().isEmpty() || declared.namespace().equals(key.namespace()));
        }
    }

    private final List<Rule> rules;

    private IgnoreRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * Parses every pointer of every rule.
     *
     * @throws IllegalArgumentException naming the rule and the pointer when a pointer is not an RFC 6901 pointer to
     *                                  a field (it must start with {@code /})
     */
    public static IgnoreRules of(List<IgnoreDifference> declared) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) {
            IgnoreDifference rule = declared.get(i);
            List<JsonPointer> pointers = new ArrayList<>();
            for (String pointer : rule.jsonPointers()) {
                pointers.add(parse(i, rule, pointer));
            }
            rules.add(new Rule(rule, pointers));
        }
        return new IgnoreRules(rules);
    }

    private static JsonPointer parse(int index, IgnoreDifference rule, String pointer) {
        String where = "ignoreDifferences[" + index + "] (" + (rule.group().isEmpty() ? "" : rule.group() + "/")
                + rule.kind() + "): jsonPointer '" + pointer + "' ";
        if (!pointer.startsWith("/")) {
            throw new IllegalArgumentException(where + "is not a JSON pointer; pointers start with '/', e.g. /spec/replicas");
        }
        try {
            return JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "is not a valid JSON pointer: " + e.getMessage(), e);
        }
    }

    /**
     * The desired objects as a sync should write them: each ignored field of an object that is live takes the live
     * value, or is left out where the live object lacks it, so a sync never reverts it. Objects not live yet (and
     * objects no rule matches) are returned as they are.
     */
    public List<Manifest> keepLive(List<Manifest> desired, Map<ResourceKey, ? extends JsonNode> live) {
        if (rules.isEmpty()) {
            return desired;
        }
        List<Manifest> kept = new ArrayList<>(desired.size());
        for (Manifest manifest : desired) {
            List<JsonPointer> pointers = pointersFor(manifest.key());
            JsonNode liveObject = live.get(manifest.key());
            if (pointers.isEmpty() || !(liveObject instanceof ObjectNode)) {
                kept.add(manifest);
                continue;
            }
            ObjectNode body = manifest.body().deepCopy();
            pointers.forEach(pointer -> copyAt(pointer, liveObject, body));
            kept.add(manifest.withBody(body));
        }
        return kept;
    }

    /** A copy of the object without the fields ignored for that key. */
    ObjectNode without(ResourceKey key, ObjectNode object) {
        List<JsonPointer> pointers = pointersFor(key);
        if (pointers.isEmpty() || object == null) {
            return object;
        }
        ObjectNode copy = object.deepCopy();
        pointers.forEach(pointer -> remove(pointer, copy));
        return copy;
    }

    private List<JsonPointer> pointersFor(ResourceKey key) {
        return rules.stream().filter(rule -> rule.matches(key)).flatMap(rule -> rule.pointers().stream()).toList();
    }

    private static void copyAt(JsonPointer pointer, JsonNode from, ObjectNode to) {
        JsonNode value = from.at(pointer);
        if (value.isMissingNode()) {
            remove(pointer, to);
            return;
        }
        JsonNode parent = to.at(pointer.head());
        if (parent.isMissingNode() && !pointer.head().matches()) {
            parent = to.withObject(pointer.head());
        }
        JsonPointer last = pointer.last();
        if (parent instanceof ObjectNode object) {
            object.set(last.getMatchingProperty(), value.deepCopy());
        } else if (parent instanceof ArrayNode array && last.getMatchingIndex() >= 0 && last.getMatchingIndex() < array.size()) {
            array.set(last.getMatchingIndex(), value.deepCopy());
        }
    }

    private static void remove(JsonPointer pointer, JsonNode object) {
        JsonNode parent = object.at(pointer.head());
        JsonPointer last = pointer.last();
        if (parent instanceof ObjectNode map) {
            map.remove(last.getMatchingProperty());
        } else if (parent instanceof ArrayNode array && last.getMatchingIndex() >= 0 && last.getMatchingIndex() < array.size()) {
            array.remove(last.getMatchingIndex());
        }
    }
}
