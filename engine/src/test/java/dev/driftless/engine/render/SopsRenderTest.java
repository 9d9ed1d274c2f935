package dev.driftless.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.render.sops.SopsFixture;
import dev.driftless.engine.render.sops.SopsKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Renders Flux's SOPS fixture tree with decryption, expecting the values of {@code shared/fixtures/README.md}.
 */
class SopsRenderTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final SopsKeys AGE_AND_PGP = SopsKeys.fromFiles(List.of(SopsFixture.file("keys/age.txt")),
            List.of(SopsFixture.file("keys/pgp.asc")));
    private static final SopsKeys FIXTURE_KEYS = SopsKeys.fromFiles(List.of(SopsFixture.file("keys/age.txt"),
            SopsFixture.file("keys/age-pq.txt")), List.of(SopsFixture.file("keys/pgp.asc")));

    @TempDir
    Path tree;

    private final Renderers renderers = new Renderers();

    @Test
    void theRootKustomizationGivesTheDocumentedValues() throws Exception {
        SopsFixture.copyTo(tree);
        removeFromList("kustomization.yaml", "resources", "remote");
        removeFromList("algorithms/kustomization.yaml", "resources", "vault.yaml");

        Rendering rendering = renderers.renderTracingReads(request("", FIXTURE_KEYS));

        Map<String, String> expected = new LinkedHashMap<>();
        for (String secret : List.of("sops-algo-age", "sops-algo-age-pq", "sops-algo-pgp", "sops-component",
                "sops-envs-secret", "sops-files-secret", "sops-inside-secret")) {
            expected.put("Secret/" + secret + " key", "value");
        }
        expected.put("ConfigMap/sops-envs-configmap key", "value");
        expected.put("ConfigMap/sops-files-configmap key", "value");
        expected.put("Secret/sops-patches-secret key", "merge1");
        expected.put("Secret/sops-patches-secret merge2", "merge2");
        Map<String, String> actual = new LinkedHashMap<>();
        for (Manifest manifest : rendering.manifests()) {
            for (String key : List.of("key", "merge2")) {
                value(manifest.body(), key).ifPresent(value ->
                        actual.put(manifest.kind() + "/" + manifest.key().name() + " " + key, value));
            }
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(rendering.decrypted()).isTrue();
        assertThat(rendering.manifests()).allSatisfy(manifest ->
                assertThat(manifest.body().has("sops")).as(manifest.key() + " keeps no sops metadata").isFalse());
    }

    @Test
    void theGlobalDirectoryDecryptsWithItsOwnIdentity() throws Exception {
        SopsFixture.copyTo(tree);
        SopsKeys global = SopsKeys.fromFiles(List.of(SopsFixture.file("keys/age-global.txt")), List.of());

        Rendering rendering = renderers.renderTracingReads(request("global", global));

        assertThat(rendering.manifests()).singleElement().satisfies(manifest -> {
            assertThat(manifest.key().name()).isEqualTo("global-age-secret");
            assertThat(value(manifest.body(), "key")).contains("global-value");
        });
    }

    @Test
    void aFileForOtherKeysFailsTheRenderWithoutPlaintext() throws Exception {
        SopsFixture.copyTo(tree);

        RenderException error = catchThrowableOfType(RenderException.class,
                () -> renderers.renderTracingReads(request("global", AGE_AND_PGP)));

        assertThat(error.getMessage()).contains("global/secret.yaml",
                "age1henwn645drkd3fa34t27t2w2x0nsgw3w4h62gmg5x5xflyjpy38s5cncph").doesNotContain("global-value");
    }

    @Test
    void withoutKeysAnEncryptedTreeFailsRatherThanRenderingCiphertext() throws Exception {
        SopsFixture.copyTo(tree);

        RenderException error = catchThrowableOfType(RenderException.class,
                () -> renderers.renderTracingReads(request("envs", SopsKeys.NONE)));

        assertThat(error.getMessage()).contains("envs/env.env", "no SOPS keys");
    }

    @Test
    void withoutThePostQuantumIdentityTheRootFailsNamingThePostQuantumFile() throws Exception {
        SopsFixture.copyTo(tree);
        removeFromList("kustomization.yaml", "resources", "remote");
        removeFromList("algorithms/kustomization.yaml", "resources", "vault.yaml");

        RenderException error = catchThrowableOfType(RenderException.class,
                () -> renderers.renderTracingReads(request("", AGE_AND_PGP)));

        assertThat(error.getMessage()).contains("algorithms/age-pq.yaml", "age age1pq1")
                .doesNotContain("AGE-SECRET-KEY");
    }

    @Test
    void aVaultOnlyFileNamesTheMissingKeySource() throws Exception {
        SopsFixture.copyTo(tree);
        removeFromList("kustomization.yaml", "resources", "remote");
        ObjectNode vault = (ObjectNode) YAML.readTree(SopsFixture.file("algorithms/age.yaml").toFile());
        ObjectNode metadata = (ObjectNode) vault.get("sops");
        metadata.putArray("age");
        metadata.putArray("hc_vault").addObject().put("vault_address", "http://127.0.0.1:8200")
                .put("engine_path", "sops").put("key_name", "firstkey").put("enc", "vault:v1:abc");
        YAML.writeValue(tree.resolve("algorithms/vault.yaml").toFile(), vault);

        RenderException error = catchThrowableOfType(RenderException.class,
                () -> renderers.renderTracingReads(request("", FIXTURE_KEYS)));

        assertThat(error.getMessage()).contains("algorithms/vault.yaml", "hc_vault http://127.0.0.1:8200",
                "only age and PGP keys are available");
    }

    @Test
    void theRemoteBaseIsRefusedClearly() throws Exception {
        SopsFixture.copyTo(tree);

        RenderException error = catchThrowableOfType(RenderException.class,
                () -> renderers.renderTracingReads(request("", FIXTURE_KEYS)));

        assertThat(error.getMessage()).contains("remote/kustomization.yaml", "refused",
                "https://raw.githubusercontent.com/fluxcd/kustomize-controller");
    }

    @Test
    void aTamperedResourceIsRefusedNamingTheFileWithoutPlaintext() throws Exception {
        SopsFixture.copyTo(tree);
        Path secret = tree.resolve("global/secret.yaml");
        Files.writeString(secret, Files.readString(secret).replace("type: Opaque", "type: Opaqu"));
        SopsKeys global = SopsKeys.fromFiles(List.of(SopsFixture.file("keys/age-global.txt")), List.of());

        RenderException error = catchThrowableOfType(RenderException.class,
                () -> renderers.renderTracingReads(request("global", global)));

        assertThat(error.getMessage()).contains("global/secret.yaml", "MAC mismatch").doesNotContain("global-value");
    }

    @Test
    void aDirectoryRenderDecryptsManifestsAndSecretValues() throws Exception {
        Files.createDirectories(tree.resolve("app"));
        Files.copy(SopsFixture.file("algorithms/pgp.yaml"), tree.resolve("app/pgp.yaml"));
        Files.copy(SopsFixture.file("inside/secret.yaml"), tree.resolve("app/inside.yaml"));

        Rendering rendering = renderers.renderTracingReads(request("app", AGE_AND_PGP));

        assertThat(rendering.decrypted()).isTrue();
        assertThat(rendering.manifests()).extracting(manifest -> value(manifest.body(), "key").orElseThrow())
                .containsExactly("value", "value");
    }

    @Test
    void aDirectoryRenderWithoutKeysRefusesAnEncryptedSecretValue() throws Exception {
        Files.createDirectories(tree.resolve("app"));
        Files.copy(SopsFixture.file("inside/secret.yaml"), tree.resolve("app/inside.yaml"));

        RenderException error = catchThrowableOfType(RenderException.class,
                () -> renderers.renderTracingReads(request("app", SopsKeys.NONE)));

        assertThat(error.getMessage()).contains("app/inside.yaml", "Secret secret, data.key", "no SOPS keys");
    }

    @Test
    void ciphertextWhoseSopsMetadataWasLostIsNeverRendered() throws Exception {
        Files.createDirectories(tree.resolve("app"));
        ObjectNode stripped = (ObjectNode) YAML.readTree(SopsFixture.file("algorithms/age.yaml").toFile());
        stripped.remove("sops");
        YAML.writeValue(tree.resolve("app/age.yaml").toFile(), stripped);

        RenderException error = catchThrowableOfType(RenderException.class,
                () -> renderers.renderTracingReads(request("app", AGE_AND_PGP)));

        assertThat(error.getMessage()).contains("app/age.yaml", "stringData.key", "ciphertext is never applied");
    }

    @Test
    void aPlainRenderDecryptsNothing() throws Exception {
        Files.createDirectories(tree.resolve("app"));
        Files.copy(SopsFixture.file("algorithms/vault.yaml"), tree.resolve("app/plain.yaml"));

        Rendering rendering = renderers.renderTracingReads(request("app", AGE_AND_PGP));

        assertThat(rendering.manifests()).hasSize(1);
        assertThat(rendering.decrypted()).isFalse();
    }

    private RenderRequest request(String path, SopsKeys keys) {
        return new RenderRequest(tree, path, RenderOptions.Directory.defaults(), keys);
    }

    /** A Secret's value decoded, from data or stringData, or a ConfigMap's; empty when the object has no such key. */
    private static Optional<String> value(JsonNode object, String key) {
        if (object.path("stringData").has(key)) {
            return Optional.of(object.path("stringData").path(key).asText());
        }
        if (!object.path("data").has(key)) {
            return Optional.empty();
        }
        String text = object.path("data").path(key).asText();
        return Optional.of(object.path("kind").asText().equals("Secret")
                ? new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8) : text);
    }

    private void removeFromList(String kustomization, String field, String entry) throws IOException {
        Path file = tree.resolve(kustomization);
        ObjectNode document = (ObjectNode) YAML.readTree(file.toFile());
        ArrayNode list = (ArrayNode) document.get(field);
        int sizeBefore = list.size();
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).asText().equals(entry)) {
                list.remove(i);
            }
        }
        assertThat(list.size()).as(entry + " is listed under " + field + " in " + kustomization).isEqualTo(sizeBefore - 1);
        YAML.writeValue(file.toFile(), document);
    }
}
