package dev.driftless.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.zjsonpatch.DiffFlags;
import io.fabric8.zjsonpatch.JsonDiff;

import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;

/**
 * The client-side three-way merge, for servers without server-side apply: a JSON merge patch (RFC 7386) that sets
 * every field the desired object sets to a value differing live, and removes every field Driftless applied before
 * (present in the last-applied record) that Git has since removed. Fields neither Git nor the record mention belong
 * to someone else (defaults, controllers) and are left alone.
 *
 * <p>The merge patch is not sent as it is: {@link #asJsonPatch} turns it into an RFC 6902 JSON Patch guarded by the
 * live resourceVersion. That makes the write optimistic (a concurrent writer makes it fail rather than be
 * overwritten), and it is the one patch form fabric8's CRUD mock applies correctly to lists.
 */
public final class MergePatch {

    private MergePatch() {
    }

    /**
     * @param lastApplied what Driftless applied before (empty object when it never did)
     * @param desired     the object as Git wants it
     * @param live        the object in the cluster
     * @return the patch; an empty object when nothing needs to change
     */
    public static ObjectNode threeWay(JsonNode lastApplied, JsonNode desired, JsonNode live) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = desired.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode wanted = field.getValue();
            JsonNode current = live.path(field.getKey());
            if (wanted.isObject() && current.isObject()) {
                ObjectNode nested = threeWay(lastApplied.path(field.getKey()), wanted, current);
                if (!nested.isEmpty()) {
                    patch.set(field.getKey(), nested);
                }
            } else if (!wanted.equals(current)) {
                patch.set(field.getKey(), wanted);
            }
        }
        for (Iterator<String> names = lastApplied.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!desired.has(name) && live.has(name) && !live.get(name).isNull()) {
                patch.putNull(name);
            }
        }
        return patch;
    }

    /** Applies a JSON merge patch (RFC 7386) to a copy of {@code target}. */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target.isObject() ? ((ObjectNode) target).deepCopy() : JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), apply(result.path(field.getKey()), field.getValue()));
            }
        }
        return result;
    }

    /**
     * The JSON Patch that turns {@code live} into {@code live} with the merge patch applied, starting with a test of
     * the live resourceVersion; empty when the merge patch changes nothing.
     */
    public static ArrayNode asJsonPatch(JsonNode live, ObjectNode mergePatch) {
        ArrayNode operations = JsonNodeFactory.instance.arrayNode();
        JsonNode changes = JsonDiff.asJson(live, apply(live, mergePatch),
                EnumSet.of(DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION));
        if (changes.isEmpty()) {
            return operations;
        }
        JsonNode resourceVersion = live.path("metadata").path("resourceVersion");
        if (resourceVersion.isTextual()) {
            operations.addObject().put("op", "test").put("path", "/metadata/resourceVersion")
                    .put("value", resourceVersion.asText());
        }
        changes.forEach(operations::add);
        return operations;
    }
}
