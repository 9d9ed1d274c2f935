package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrategicMergeTest {

    private static final StrategicMerge MERGE = new StrategicMerge(PatchSchema.KUBERNETES);

    private static ObjectNode yaml(String text) throws Exception {
        return (ObjectNode) Kustomization.YAML.readTree(text);
    }

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
              - {name: a, image: a:1, args: [x, y]}
              - {name: b, image: b:1}
            """;

    @Test
    void schemaKnowsContainerMergeKeyAndFinalizersByValue() {
        PatchSchema.Shape podSpec = new PatchSchema.Shape("io.k8s.api.core.v1.PodSpec", false);
        assertThat(PatchSchema.KUBERNETES.field(podSpec, "containers").key()).isEqualTo("name");
        PatchSchema.Shape meta = new PatchSchema.Shape("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", false);
        assertThat(PatchSchema.KUBERNETES.field(meta, "finalizers").key()).isNull();
        assertThat(PatchSchema.KUBERNETES.field(meta, "finalizers").list()).isTrue();
    }

    @Test
    void keyedListPutsPatchElementsFirstAndReplacesPrimitiveListsInside() throws Exception {
        ObjectNode merged = MERGE.apply(yaml(POD), yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                  - {name: c, image: c:1}
                  - {name: a, args: [z]}
                """));
        assertThat(merged.at("/spec/containers").toString()).isEqualTo(
                "[{\"name\":\"c\",\"image\":\"c:1\"},{\"name\":\"a\",\"image\":\"a:1\",\"args\":[\"z\"]},"
                        + "{\"name\":\"b\",\"image\":\"b:1\"}]");
    }

    @Test
    void withoutSchemaListsAreReplaced() throws Exception {
        ObjectNode merged = MERGE.apply(yaml(POD.replace("apiVersion: v1", "apiVersion: example.com/v1")),
                yaml("apiVersion: example.com/v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c}]\n"));
        assertThat(merged.at("/spec/containers").toString()).isEqualTo("[{\"name\":\"c\"}]");
    }

    @Test
    void deleteDirectiveOnTheWholeObjectDeletesIt() throws Exception {
        assertThat(MERGE.apply(yaml(POD), yaml("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n$patch: delete\n")))
                .isNull();
    }

    @Test
    void mergingAMapIntoAScalarNamesThePath() throws Exception {
        assertThatThrownBy(() -> MERGE.apply(yaml(POD),
                yaml("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: {x: 1}\n")))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("/spec/containers[name=a]/image");
    }

    @Test
    void failedJsonPatchOnASecretDoesNotQuoteItsData() {
        java.nio.file.Path dir = DifferentialTest.CASES.resolve("patches-error-secret-test-op");
        assertThatThrownBy(() -> new Kustomizer(Kustomizer.Options.restrictedTo(dir)).build(dir))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("v1_Secret||db")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("guess");
    }
}
