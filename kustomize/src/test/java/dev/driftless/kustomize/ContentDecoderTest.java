package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ContentDecoderTest {

    @TempDir
    Path root;

    @Test
    void everyFileTheBuildReadsPassesThroughTheDecoder() throws IOException {
        writeTree();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ContentDecoder decoder = (file, shownAs, content) -> {
            seen.add(shownAs);
            return new String(content, StandardCharsets.UTF_8).replace("SEALED", "clear").getBytes(StandardCharsets.UTF_8);
        };

        List<ObjectNode> built = new Kustomizer(Kustomizer.Options.restrictedTo(root).withDecoder(decoder)).build(root);

        assertThat(seen).contains("kustomization.yaml", "configmap.yaml", "values.env", "file.txt");
        assertThat(built).extracting(object -> object.path("metadata").path("name").asText() + " "
                        + object.path("data").toString())
                .containsExactlyInAnyOrder(
                        "plain {\"value\":\"clear\"}",
                        "generated {\"file.txt\":\"" + base64("clear") + "\",\"value\":\"" + base64("clear") + "\"}");
    }

    @Test
    void withoutADecoderFilesAreReadAsStored() throws IOException {
        writeTree();

        List<ObjectNode> built = new Kustomizer(Kustomizer.Options.restrictedTo(root)).build(root);

        assertThat(built).extracting(object -> object.path("data").path("value").asText())
                .containsExactlyInAnyOrder("SEALED", base64("SEALED"));
    }

    @Test
    void aDecoderErrorFailsTheBuildWithItsMessage() throws IOException {
        writeTree();
        ContentDecoder refusing = (file, shownAs, content) -> {
            if (shownAs.equals("values.env")) {
                throw new KustomizeException(shownAs + ": cannot be decoded");
            }
            return content;
        };

        KustomizeException error = catchThrowableOfType(KustomizeException.class,
                () -> new Kustomizer(Kustomizer.Options.restrictedTo(root).withDecoder(refusing)).build(root));

        assertThat(error.getMessage()).isEqualTo("values.env: cannot be decoded");
    }

    private void writeTree() throws IOException {
        Files.writeString(root.resolve("kustomization.yaml"), """
                resources:
                - configmap.yaml
                generatorOptions:
                  disableNameSuffixHash: true
                secretGenerator:
                - name: generated
                  envs:
                  - values.env
                  files:
                  - file.txt
                """);
        Files.writeString(root.resolve("configmap.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: plain
                data:
                  value: SEALED
                """);
        Files.writeString(root.resolve("values.env"), "value=SEALED\n");
        Files.writeString(root.resolve("file.txt"), "SEALED");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
