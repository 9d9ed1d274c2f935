package dev.driftless.engine.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.model.Manifest;

/** Desired objects written inline in tests. */
public final class ClusterFixtures {

    private ClusterFixtures() {
    }

    /** A manifest from one YAML document; its origin is {@code test.yaml#<name>}. */
    public static Manifest manifest(String yaml) {
        try {
            ObjectNode body = (ObjectNode) Documents.YAML.readTree(yaml);
            return Manifest.of(body, "test.yaml#" + body.path("metadata").path("name").asText());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad test YAML", e);
        }
    }
}
