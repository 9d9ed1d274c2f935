package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Flux's SOPS test tree ({@code shared/fixtures/sops-flux}, beside the repository): SOPS-encrypted Secrets pulled
 * in through nested kustomizations, generators reading encrypted env and JSON files, a component, and patches.
 * Kustomize never decrypts, so the built objects must still hold the ciphertext, exactly as the real kustomize
 * prints them. {@code algorithms/vault.yaml} (needs a Vault server to decrypt later) and {@code remote/} (a remote
 * base) are left out of the comparison; the remote base is checked to be refused.
 */
class SopsFixtureTest {

    private static final String ENCRYPTED = "ENC[AES256_GCM,";

    @TempDir
    Path tree;

    @Test
    void buildsLikeTheRealKustomizeAndLeavesEveryObjectEncrypted() throws IOException {
        copyFixture();
        removeFromList(tree.resolve("kustomization.yaml"), "resources", "remote");
        removeFromList(tree.resolve("algorithms/kustomization.yaml"), "resources", "vault.yaml");

        DifferentialTest.check(tree);

        List<ObjectNode> built = new Kustomizer(Kustomizer.Options.restrictedTo(tree)).build(tree);
        assertThat(built).extracting(object -> object.path("metadata").path("name").asText())
                .as("every part of the tree but remote/ and vault.yaml")
                .contains("sops-algo-age", "sops-algo-age-pq", "sops-algo-pgp", "sops-component", "sops-envs-secret",
                        "sops-envs-configmap", "sops-files-secret", "sops-files-configmap", "sops-inside-secret",
                        "sops-patches-secret")
                .doesNotContain("sops-algo-vault", "sops-remote-secret");
        for (ObjectNode object : built) {
            assertThat(values(object)).as("the values of " + object.path("metadata").path("name").asText())
                    .anySatisfy(value -> assertThat(value).contains(ENCRYPTED));
        }
    }

    @Test
    void theUntouchedTreeIsRefusedForItsRemoteBase() throws IOException {
        copyFixture();

        KustomizeException error = catchThrowableOfType(KustomizeException.class,
                () -> new Kustomizer(Kustomizer.Options.restrictedTo(tree)).build(tree));

        assertThat(error).as("the remote base must be refused").isNotNull();
        assertThat(error.getMessage()).contains("remote/kustomization.yaml", "resources",
                "https://raw.githubusercontent.com/fluxcd/kustomize-controller/refs/heads/main/config/default/namespace.yaml");
    }

    /** The string values under data and stringData, Secret data base64-decoded: where ciphertext must stay. */
    private static List<String> values(ObjectNode object) {
        boolean secret = object.path("kind").asText().equals("Secret");
        List<String> values = new ArrayList<>();
        object.path("data").forEach(value -> values.add(secret
                ? new String(Base64.getMimeDecoder().decode(value.asText()), StandardCharsets.UTF_8)
                : value.asText()));
        object.path("stringData").forEach(value -> values.add(value.asText()));
        return values;
    }

    /**
     * Copies the fixture with fresh permissions: the shared fixture is read-only, and its copy is edited.
     */
    private void copyFixture() throws IOException {
        Path fixture = fixture();
        try (Stream<Path> paths = Files.walk(fixture)) {
            for (Path source : paths.toList()) {
                Path target = tree.resolve(fixture.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.write(target, Files.readAllBytes(source));
                }
            }
        }
    }

    /** {@code shared/fixtures/sops-flux} in the working directory or the nearest parent that has it. */
    private static Path fixture() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/sops-flux");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("the SOPS fixture tree shared/fixtures/sops-flux was not found in " + start
                + " or any parent directory; it lives beside the repository, at ../shared/fixtures/sops-flux");
    }

    private static void removeFromList(Path kustomization, String field, String entry) throws IOException {
        ObjectNode document = (ObjectNode) Kustomization.YAML.readTree(kustomization.toFile());
        ArrayNode list = (ArrayNode) document.get(field);
        int sizeBefore = list.size();
        for (int i = list.size() - 1; i >= 0; i--) {
            JsonNode item = list.get(i);
            if (item.asText().equals(entry)) {
                list.remove(i);
            }
        }
        assertThat(list.size()).as(entry + " is listed under " + field + " in " + kustomization).isEqualTo(sizeBefore - 1);
        Kustomization.YAML.writeValue(kustomization.toFile(), document);
    }
}
