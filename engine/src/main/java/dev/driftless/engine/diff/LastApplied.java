package dev.driftless.engine.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.model.Tracking;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The record of what Driftless last applied, kept in the {@link Tracking#LAST_APPLIED_ANNOTATION} annotation.
 *
 * <p>It is the base of the client-side three-way merge and tells which fields Git has removed since.
 * Both uses need only to know which Secret keys were set, never their values, so Secret values are replaced
 * by {@link #REDACTED} before the record is written: unlike kubectl's last-applied-configuration, this annotation
 * never copies a Secret's values into readable metadata.
 */
public final class LastApplied {

    public static final String REDACTED = "<redacted>";

    private LastApplied() {
    }

    /** The annotation value to write for a desired object. */
    public static String record(ObjectNode desired) {
        ObjectNode copy = desired.deepCopy();
        copy.remove("status");
        JsonNode annotations = copy.path("metadata").path("annotations");
        if (annotations instanceof ObjectNode annotationsObject) {
            annotationsObject.remove(Tracking.LAST_APPLIED_ANNOTATION);
        }
        if (isSecret(copy)) {
            redactValues(copy.get("data"));
            redactValues(copy.get("stringData"));
        }
        try {
            return Documents.JSON.writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise last-applied record", e);
        }
    }

    /** The record on a live object, if Driftless applied it before and the annotation still parses. */
    public static Optional<ObjectNode> read(JsonNode live) {
        JsonNode value = live == null ? null : live.path("metadata").path("annotations").get(Tracking.LAST_APPLIED_ANNOTATION);
        if (value == null || !value.isTextual()) {
            return Optional.empty();
        }
        try {
            JsonNode parsed = Documents.JSON.readTree(value.asText());
            return parsed instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static boolean isSecret(JsonNode object) {
        return "Secret".equals(object.path("kind").asText()) && "v1".equals(object.path("apiVersion").asText());
    }

    private static void redactValues(JsonNode values) {
        if (values instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                it.next().setValue(TextNode.valueOf(REDACTED));
            }
        }
    }
}
