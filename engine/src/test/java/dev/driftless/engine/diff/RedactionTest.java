package dev.driftless.engine.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    private static final String MARKER = "<redacted sha256:[0-9a-f]{12}>";

    @Test
    void markerIsStableWithinTheProcessAndTellsValuesApart() {
        assertThat(Redaction.marker("hunter2")).matches(MARKER).isEqualTo(Redaction.marker("hunter2"));
        assertThat(Redaction.marker("hunter2")).isNotEqualTo(Redaction.marker("hunter3"));
    }

    @Test
    void markerIsKeyedNotAPlainHashOfTheValue() throws Exception {
        byte[] plain = MessageDigest.getInstance("SHA-256").digest("hunter2".getBytes(StandardCharsets.UTF_8));
        String plainPrefix = HexFormat.of().formatHex(plain).substring(0, 12);
        assertThat(Redaction.marker("hunter2")).doesNotContain(plainPrefix);
    }

    @Test
    void redactsEverySecretValueAndTheKubectlAnnotation() {
        ObjectNode secret = Fixtures.load("secret-live.yaml");

        ObjectNode redacted = Redaction.redact(secret);

        assertThat(redacted.path("data").path("password").asText()).isEqualTo(Redaction.marker("czNjcjN0LVRyMHViNGRvciYz"));
        assertThat(redacted.path("data").path("username").asText()).matches(MARKER);
        assertThat(redacted.path("metadata").path("annotations").path(Redaction.KUBECTL_LAST_APPLIED).asText()).matches(MARKER);
        assertThat(redacted.toString()).doesNotContain("s3cr3t-Tr0ub4dor&3").doesNotContain("czNjcjN0LVRyMHViNGRvciYz");
        assertThat(secret.path("data").path("password").asText()).as("the input is left alone").isEqualTo("czNjcjN0LVRyMHViNGRvciYz");
    }

    @Test
    void redactsStringDataToo() {
        ObjectNode secret = Fixtures.yaml("{apiVersion: v1, kind: Secret, metadata: {name: s}, stringData: {token: abc123}}");

        assertThat(Redaction.redact(secret).path("stringData").path("token").asText()).isEqualTo(Redaction.marker("abc123"));
    }

    @Test
    void leavesOtherKindsUnchanged() {
        ObjectNode configMap = Fixtures.load("configmap-live.yaml");
        ObjectNode lookalike = Fixtures.yaml("{apiVersion: example.com/v1, kind: Secret, metadata: {name: s}, data: {k: v}}");

        assertThat(Redaction.redact(configMap)).isEqualTo(configMap);
        assertThat(Redaction.redact(lookalike)).isEqualTo(lookalike);
        assertThat(Redaction.isSecret(lookalike)).isFalse();
    }
}
