package dev.driftless.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * The client-side three-way merge, for servers without server-side apply: a JSON merge patch (RFC 7386) that sets
 * every field the desired object sets to a value differing live, and removes every field Driftless applied before
 * (present in the last-applied record) that Git has since removed. Fields neither Git nor the record mention belong
 * to someone else (defaults, controllers) and are left alone.
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
}
