package dev.driftless.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.model.Tracking;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Brings desired, live and last-applied objects to one shape before they are compared: drops what the server or
 * Driftless itself writes, folds a Secret's {@code stringData} into {@code data} and redacts Secret values.
 */
final class Normalisation {

    private static final List<String> SERVER_METADATA =
            List.of("uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink");

    private Normalisation() {
    }

    static ObjectNode prepare(JsonNode object) {
        if (!(object instanceof ObjectNode original)) {
            throw new IllegalArgumentException("a Kubernetes object must be a map, got " + object.getNodeType());
        }
        ObjectNode copy = original.deepCopy();
        copy.remove("status");
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove(SERVER_METADATA);
            removeField(metadata.get("labels"), Tracking.APP_LABEL);
            removeField(metadata.get("annotations"), Tracking.TRACKING_ANNOTATION);
            removeField(metadata.get("annotations"), Tracking.LAST_APPLIED_ANNOTATION);
        }
        if (Redaction.isSecret(copy)) {
            foldStringData(copy);
        }
        return Redaction.redact(copy);
    }

    /** What the API server does on write: each stringData value replaces the data value of the same key, base64-encoded. */
    private static void foldStringData(ObjectNode secret) {
        if (!(secret.remove("stringData") instanceof ObjectNode stringData)) {
            return;
        }
        ObjectNode data = secret.get("data") instanceof ObjectNode existing ? existing : secret.putObject("data");
        for (Map.Entry<String, JsonNode> entry : stringData.properties()) {
            if (entry.getValue().isNull()) {
                continue;
            }
            String text = entry.getValue().isValueNode() ? entry.getValue().asText() : entry.getValue().toString();
            data.put(entry.getKey(), Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static void removeField(JsonNode map, String field) {
        if (map instanceof ObjectNode object) {
            object.remove(field);
        }
    }
}
