package dev.driftless.engine.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.model.Tracking;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** No Secret value, in clear or base64, may reach any result or rendering. */
class SecretRedactionTest {

    private static final String PASSWORD = "s3cr3t-Tr0ub4dor&3";
    private static final String PASSWORD_BASE64 = "czNjcjN0LVRyMHViNGRvciYz";
    private static final String NEW_PASSWORD = "n3w-H0rse-B4ttery";
    private static final String NEW_PASSWORD_BASE64 = Base64.getEncoder().encodeToString(NEW_PASSWORD.getBytes(StandardCharsets.UTF_8));
    private static final String MARKER = "<redacted sha256:[0-9a-f]{12}>";

    private static void assertNoSecretIn(List<ResourceDiff> diffs) {
        List<String> outputs = List.of(
                diffs.toString(),
                DiffFormatter.text(diffs, true),
                DiffFormatter.json(diffs),
                DiffFormatter.yaml(diffs));
        for (String output : outputs) {
            assertThat(output).doesNotContain(PASSWORD, PASSWORD_BASE64, NEW_PASSWORD, NEW_PASSWORD_BASE64);
        }
    }

    @Test
    void changedValueIsReportedWithDifferentMarkersOnly() {
        ObjectNode desired = Fixtures.load("secret-desired.yaml");
        desired.withObject("/stringData").put("password", NEW_PASSWORD);

        ResourceDiff diff = Differ.diff(desired, Fixtures.load("secret-live.yaml"));

        assertThat(diff.state()).isEqualTo(SyncState.OUT_OF_SYNC);
        assertThat(diff.fields()).singleElement().satisfies(field -> {
            assertThat(field.path()).isEqualTo("data.password");
            assertThat(field.live().asText()).matches(MARKER);
            assertThat(field.desired().asText()).matches(MARKER).isNotEqualTo(field.live().asText());
            assertThat(field.manager()).isEqualTo("kubectl-client-side-apply (Update)");
        });
        assertNoSecretIn(List.of(diff));
    }

    @Test
    void equalValuesGiveEqualMarkersSoASyncedSecretHasNoDiff() {
        ResourceDiff diff = Differ.diff(Fixtures.load("secret-desired.yaml"), Fixtures.load("secret-live.yaml"));

        assertThat(diff.state()).isEqualTo(SyncState.SYNCED);
        assertThat(diff.desired().path("data").path("password").asText()).isEqualTo(diff.live().path("data").path("password").asText());
        assertThat(diff.desired().has("stringData")).isFalse();
        assertNoSecretIn(List.of(diff));
    }

    @Test
    void wholeDataMapDriftIsRedacted() {
        ObjectNode live = Fixtures.load("secret-live.yaml");
        live.remove("data");

        ResourceDiff diff = Differ.diff(Fixtures.load("secret-desired.yaml"), live);

        assertThat(diff.fields()).singleElement().satisfies(field -> {
            assertThat(field.path()).isEqualTo("data");
            assertThat(field.desired().path("password").asText()).matches(MARKER);
        });
        assertNoSecretIn(List.of(diff));
    }

    @Test
    void missingAndExtraneousSecretsAreRenderedRedacted() {
        ObjectNode leftover = Fixtures.load("secret-live.yaml");
        leftover.withObject("/metadata").put("name", "old-db");
        leftover.withObject("/metadata/annotations").put(Tracking.TRACKING_ANNOTATION, "shop:/Secret:shop/old-db");

        List<ResourceDiff> diffs = Differ.diffAll("shop",
                List.of(Manifest.of(Fixtures.load("secret-desired.yaml"), "secret.yaml#0")),
                Map.of(ResourceKey.of(leftover), leftover));

        assertThat(diffs).extracting(ResourceDiff::state).containsExactly(SyncState.MISSING, SyncState.EXTRANEOUS);
        assertThat(DiffFormatter.text(diffs, true)).contains("+data:", "-data:");
        assertThat(diffs.get(1).live().path("metadata").path("annotations").path(Redaction.KUBECTL_LAST_APPLIED).asText()).matches(MARKER);
        assertNoSecretIn(diffs);
    }

    @Test
    void removedSecretKeyAppliedBeforeIsDriftWithoutItsValue() {
        ObjectNode desired = Fixtures.load("secret-desired.yaml");
        ((ObjectNode) desired.get("stringData")).remove("password");
        ((ObjectNode) desired.get("data")).remove("password");
        ObjectNode live = Fixtures.load("secret-live.yaml");
        live.withObject("/metadata/annotations").put(Tracking.LAST_APPLIED_ANNOTATION,
                LastApplied.record(Fixtures.load("secret-desired.yaml")));

        ResourceDiff diff = Differ.diff(desired, live);

        assertThat(diff.fields()).singleElement().satisfies(field -> {
            assertThat(field.path()).isEqualTo("data.password");
            assertThat(field.live().asText()).isEqualTo(Redaction.marker(PASSWORD_BASE64));
            assertThat(field.desired()).isNull();
        });
        assertNoSecretIn(List.of(diff));
    }
}
