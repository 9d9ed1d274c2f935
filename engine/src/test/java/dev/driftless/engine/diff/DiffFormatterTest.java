package dev.driftless.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.model.Documents;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DiffFormatterTest {

    private static ResourceDiff editedImage() {
        ObjectNode live = Fixtures.load("deployment-live.yaml");
        ((ObjectNode) live.path("spec").path("template").path("spec").path("containers").get(0)).put("image", "nginx:1.27.0");
        ((ArrayNode) live.path("metadata").path("managedFields")).add(Fixtures.yaml("""
                manager: kubectl-edit
                operation: Update
                fieldsV1: {"f:spec": {"f:template": {"f:spec": {"f:containers": {"k:{\\"name\\":\\"web\\"}": {"f:image": {}}}}}}}
                """));
        return Differ.diff(Fixtures.load("deployment-desired.yaml"), live);
    }

    @Test
    void textHasAHeaderAndOneLinePerFieldNamingTheManager() {
        assertThat(DiffFormatter.text(editedImage())).isEqualTo("""
                OUT_OF_SYNC apps/Deployment:shop/web
                  spec.template.spec.containers[name=web].image: "nginx:1.27.0" → "nginx:1.25.3"  (changed by kubectl-edit (Update))
                """);
    }

    @Test
    void textShowsAbsentValuesAndKeepsBooleansApartFromStrings() {
        String header = "{apiVersion: v1, kind: Pod, metadata: {name: p, namespace: n}, spec: %s}";
        ResourceDiff diff = Differ.diff(
                Fixtures.yaml(header.formatted("{automountServiceAccountToken: \"true\", hostname: web}")),
                Fixtures.yaml(header.formatted("{automountServiceAccountToken: true}")));

        assertThat(DiffFormatter.text(diff)).isEqualTo("""
                OUT_OF_SYNC /Pod:n/p
                  spec.automountServiceAccountToken: true → "true"
                  spec.hostname: <absent> → "web"
                """);
    }

    @Test
    void unifiedDiffShowsOnlyTheDriftedLine() {
        List<String> lines = DiffFormatter.unifiedDiff(editedImage()).lines().toList();

        assertThat(lines.get(0)).isEqualTo("--- live/apps/Deployment:shop/web");
        assertThat(lines.get(1)).isEqualTo("+++ desired/apps/Deployment:shop/web");
        assertThat(lines).filteredOn(line -> line.startsWith("-") && !line.startsWith("---"))
                .singleElement().satisfies(line -> assertThat(line).endsWith("image: nginx:1.27.0"));
        assertThat(lines).filteredOn(line -> line.startsWith("+") && !line.startsWith("+++"))
                .singleElement().satisfies(line -> assertThat(line).endsWith("image: nginx:1.25.3"));
    }

    @Test
    void syncedObjectHasNoUnifiedDiffDespiteDifferentSpellings() {
        ResourceDiff diff = Differ.diff(Fixtures.load("deployment-desired.yaml"), Fixtures.load("deployment-live.yaml"));

        assertThat(DiffFormatter.unifiedDiff(diff)).isEmpty();
        assertThat(DiffFormatter.text(List.of(diff), true)).isEqualTo("SYNCED apps/Deployment:shop/web\n");
    }

    @Test
    void missingObjectShowsAsAllAdded() {
        ResourceDiff diff = Differ.diff(Fixtures.load("configmap-desired.yaml"), null);

        List<String> body = DiffFormatter.unifiedDiff(diff).lines().skip(3).toList();

        assertThat(body).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("+"));
        assertThat(body).contains("+kind: ConfigMap");
    }

    @Test
    void treeIsAListOfResultsWithTheirFields() throws Exception {
        ResourceDiff missing = Differ.diff(Fixtures.load("configmap-desired.yaml"), null);

        String json = DiffFormatter.json(List.of(editedImage(), missing));
        JsonNode parsed = Documents.JSON.readTree(json);

        assertThat(parsed.size()).isEqualTo(2);
        JsonNode first = parsed.get(0);
        assertThat(first.path("key").asText()).isEqualTo("apps/Deployment:shop/web");
        assertThat(first.path("group").asText()).isEqualTo("apps");
        assertThat(first.path("state").asText()).isEqualTo("OUT_OF_SYNC");
        JsonNode field = first.path("fields").get(0);
        assertThat(field.path("path").asText()).isEqualTo("spec.template.spec.containers[name=web].image");
        assertThat(field.path("live").asText()).isEqualTo("nginx:1.27.0");
        assertThat(field.path("desired").asText()).isEqualTo("nginx:1.25.3");
        assertThat(field.path("manager").asText()).isEqualTo("kubectl-edit (Update)");
        assertThat(parsed.get(1).path("state").asText()).isEqualTo("MISSING");
        assertThat(parsed.get(1).path("fields").isEmpty()).isTrue();
        assertThat(Documents.YAML.readTree(DiffFormatter.yaml(List.of(editedImage(), missing)))).isEqualTo(parsed);
    }

    @Test
    void removedFieldShowsNullDesiredInTheTree() {
        ObjectNode desired = Fixtures.load("deployment-desired.yaml");
        ((ObjectNode) desired.path("metadata").path("annotations")).remove("example.com/team");

        JsonNode field = DiffFormatter.tree(List.of(Differ.diff(desired, Fixtures.load("deployment-live.yaml"))))
                .get(0).path("fields").get(0);

        assertThat(field.path("path").asText()).isEqualTo("metadata.annotations[\"example.com/team\"]");
        assertThat(field.path("live").asText()).isEqualTo("storefront");
        assertThat(field.get("desired").isNull()).isTrue();
        assertThat(field.get("manager").isNull()).as("only Driftless owns it").isTrue();
    }
}
