package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure parts of the generators and the behaviour the real kustomize cannot be compared on. */
class GeneratorsTest {

    @TempDir
    Path root;

    @Test
    void hashIgnoresTheNameAndCoversKindDataAndType() throws IOException {
        ObjectNode configMap = (ObjectNode) Kustomization.YAML.readTree(
                "{apiVersion: v1, kind: ConfigMap, metadata: {name: cm}, data: {a: '1'}}");
        ObjectNode renamed = configMap.deepCopy();
        renamed.withObjectProperty("metadata").put("name", "prefix-cm-suffix");
        // The real kustomize 4.5.4 names a ConfigMap with data a=1 "cm-h29d89cmmt", prefixed or not.
        assertThat(ContentHash.of(configMap)).isEqualTo("h29d89cmmt").isEqualTo(ContentHash.of(renamed));

        ObjectNode secret = configMap.deepCopy();
        secret.put("kind", "Secret");
        ObjectNode otherType = secret.deepCopy();
        otherType.put("type", "kubernetes.io/tls");
        assertThat(ContentHash.of(secret)).isNotEqualTo(ContentHash.of(configMap))
                .isNotEqualTo(ContentHash.of(otherType));
    }

    @Test
    void hashSuffixNeverContainsTheDigitsKubernetesAvoids() throws IOException {
        for (int i = 0; i < 50; i++) {
            ObjectNode configMap = (ObjectNode) Kustomization.YAML.readTree(
                    "{kind: ConfigMap, metadata: {name: cm}, data: {k: '" + i + "'}}");
            assertThat(ContentHash.of(configMap)).hasSize(10).doesNotContain("0", "1", "3", "a", "e");
        }
    }

    @Test
    void jsonForHashingEscapesLikeGo() throws IOException {
        ObjectNode node = (ObjectNode) Kustomization.YAML.readTree("{b: 1, a: \"<&>\\n\\t\\u0001\\u2028\"}");
        assertThat(new String(ContentHash.goJson(node), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":\"\\u003c\\u0026\\u003e\\n\\t\\u0001\\u2028\",\"b\":1}");
    }

    @Test
    void literalQuotesAreRemovedOnlyWhenTheyMatch() {
        assertThat(KeyValueSources.unquote("\"a b\"")).isEqualTo("a b");
        assertThat(KeyValueSources.unquote("'a'")).isEqualTo("a");
        assertThat(KeyValueSources.unquote("\"a'")).isEqualTo("\"a'");
        assertThat(KeyValueSources.unquote("\"")).isEqualTo("\"");
        assertThat(KeyValueSources.unquote("")).isEmpty();
    }

    @Test
    void envFilesSkipCommentsAndBlankLinesAndKeepValuesVerbatim() throws IOException {
        Kustomization kustomization = kustomization("configMapGenerator: []\n");
        byte[] content = "\uFEFFA=1\r\n  # comment\n\n  B= x \n=ignored\nC=a=b\n".getBytes(StandardCharsets.UTF_8);
        assertThat(KeyValueSources.envPairs(kustomization, "configMapGenerator[0].envs", "app.env", content))
                .containsExactly(Map.entry("A", "1"), Map.entry("B", " x "), Map.entry("C", "a=b"));
    }

    @Test
    void envLineWithoutValueIsRefusedWithoutQuotingTheLine() throws IOException {
        Kustomization kustomization = kustomization("secretGenerator: []\n");
        byte[] content = "TOKEN=ok\nhunter2-password\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> KeyValueSources.envPairs(kustomization, "secretGenerator[0].envs", "s.env", content))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("kustomization.yaml: secretGenerator[0].envs: s.env line 2: has no '='")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void badSecretLiteralIsReportedWithoutItsValue() throws IOException {
        Files.writeString(root.resolve("kustomization.yaml"),
                "secretGenerator:\n- name: s\n  literals: [ok=1, 'hunter2-password']\n");
        assertThatThrownBy(() -> new Kustomizer(Kustomizer.Options.restrictedTo(root)).build(root))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("secretGenerator[0].literals[1]: invalid literal source, expected key=value")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void secretDataIsBase64AndKeysAreSorted() throws IOException {
        Files.writeString(root.resolve("kustomization.yaml"), """
                secretGenerator:
                - name: s
                  literals: [z=last, a=first]
                  options: {disableNameSuffixHash: true}
                """);
        List<ObjectNode> built = new Kustomizer(Kustomizer.Options.restrictedTo(root)).build(root);
        assertThat(built).hasSize(1);
        assertThat(built.get(0).path("metadata").path("name").asText()).isEqualTo("s");
        assertThat(built.get(0).path("type").asText()).isEqualTo("Opaque");
        assertThat(built.get(0).path("data").properties()).extracting(Map.Entry::getKey).containsExactly("a", "z");
        assertThat(built.get(0).path("data").path("a").asText()).isEqualTo("Zmlyc3Q=");
    }

    @Test
    void crdMarkersOtherThanObjectReferencesAreRefused() throws IOException {
        Files.writeString(root.resolve("kustomization.yaml"), "crds: [schema.json]\n");
        Files.writeString(root.resolve("schema.json"), """
                {"a.b.v1.Bee": {"Schema": {"properties": {"apiVersion": {}, "kind": {}, "metadata": {},
                  "spec": {"x-kubernetes-label-selector": ""}}}}}
                """);
        assertThatThrownBy(() -> new Kustomizer(Kustomizer.Options.restrictedTo(root)).build(root))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("crds: schema.json: a.b.v1.Bee: property spec: x-kubernetes-label-selector "
                        + "is not supported");
    }

    private Kustomization kustomization(String text) throws IOException {
        Path file = root.resolve("kustomization.yaml");
        Files.writeString(file, text);
        return Kustomization.load(new FileLoader(root), file);
    }
}
