package dev.driftless.engine.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestTest {

    @Test
    void toStringNamesTheObjectButNeverPrintsItsBody() throws Exception {
        ObjectNode secret = (ObjectNode) Documents.YAML.readTree("""
                apiVersion: v1
                kind: Secret
                metadata: {name: db, namespace: shop}
                stringData: {password: never-print-me}
                """);

        String printed = Manifest.of(secret, "apps/db.yaml#1").toString();

        assertThat(printed).contains("/Secret:shop/db", "apps/db.yaml#1").doesNotContain("never-print-me");
    }

    @Test
    void theBodyIsACopySoLaterChangesToTheSourceDoNotLeakIn() throws Exception {
        ObjectNode config = (ObjectNode) Documents.YAML.readTree("{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}");
        Manifest manifest = Manifest.of(config, "a.yaml#1");

        config.put("kind", "Secret");

        assertThat(manifest.body().path("kind").asText()).isEqualTo("ConfigMap");
    }
}
