package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.render.sops.SopsFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code driftless render} with SOPS keys, on Flux's SOPS fixture. */
class SopsCliTest {

    @TempDir
    Path work;

    @Test
    void rendersTheEncryptedTreeWithTheGivenKeysAndNeverPrintsSecretValues() throws IOException {
        CliRun render = CliRun.of("render", "--local", SopsFixture.path().toString(), "--path", "files",
                "--sops-age-key-file", SopsFixture.file("keys/age.txt").toString(),
                "--sops-pgp-key-file", SopsFixture.file("keys/pgp.asc").toString());

        assertThat(render.exitCode()).as(render.all()).isZero();
        List<JsonNode> objects = documents(render.out());
        assertThat(objects).extracting(object -> object.path("kind").asText() + " "
                        + object.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("ConfigMap files-configmap", "Secret files-secret");
        JsonNode configMap = objects.stream().filter(object -> object.path("kind").asText().equals("ConfigMap"))
                .findFirst().orElseThrow();
        assertThat(configMap.path("data").path("key").asText()).as("the decrypted generator source").isEqualTo("value");
        assertThat(render.out()).doesNotContain("ENC[").doesNotContain("dmFsdWU=");
    }

    @Test
    void withoutKeysTheEncryptedTreeFailsWithTheRecipients() {
        CliRun render = CliRun.of("render", "--local", SopsFixture.path().toString(), "--path", "files");

        assertThat(render.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(render.err()).contains("files/file.txt", "no SOPS keys",
                "age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29");
    }

    @Test
    void aBadKeyFileIsAUsageErrorNamingTheFile() throws IOException {
        Path bad = Files.writeString(work.resolve("bad.txt"), "AGE-SECRET-KEY-1XYZ\n");

        CliRun render = CliRun.of("render", "--local", SopsFixture.path().toString(), "--path", "files",
                "--sops-age-key-file", bad.toString());

        assertThat(render.exitCode()).isNotZero();
        assertThat(render.err()).contains(bad + " line 1", "not a valid age X25519 identity").doesNotContain("1XYZ");
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> values = Documents.YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (values.hasNextValue()) {
                JsonNode document = values.nextValue();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }
}
