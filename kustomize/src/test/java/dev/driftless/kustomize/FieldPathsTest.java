package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FieldPathsTest {

    private static ObjectNode yaml(String text) throws Exception {
        return (ObjectNode) Kustomization.YAML.readTree(text);
    }

    @Test
    void createsMissingMapsOnTheWay() throws Exception {
        ObjectNode object = yaml("spec: {}\n");

        boolean visited = FieldPaths.edit(object, "spec/template/metadata/name", true, value -> TextNode.valueOf("x"));

        assertThat(visited).isTrue();
        assertThat(object.at("/spec/template/metadata/name").asText()).isEqualTo("x");
    }

    @Test
    void neverCreatesASegmentMarkedAsAList() throws Exception {
        ObjectNode object = yaml("spec: {}\n");

        boolean visited = FieldPaths.edit(object, "spec/volumeClaimTemplates[]/metadata/name", true,
                value -> TextNode.valueOf("x"));

        assertThat(visited).isFalse();
        assertThat(object.at("/spec").properties()).isEmpty();
    }

    @Test
    void walksIntoEveryItemOfAListMarkedOrNot() throws Exception {
        ObjectNode object = yaml("""
                spec:
                  items:
                  - metadata: {name: a}
                  - metadata: {}
                """);

        FieldPaths.edit(object, "spec/items[]/metadata/name", true, value -> TextNode.valueOf("set"));

        assertThat(FieldPaths.values(object, "spec/items/metadata/name")).extracting(node -> node.asText())
                .containsExactly("set", "set");
    }

    @Test
    void leavesMissingFieldsAloneWithoutCreate() throws Exception {
        ObjectNode object = yaml("spec: {}\n");

        boolean visited = FieldPaths.edit(object, "spec/selector/matchLabels", false, value -> TextNode.valueOf("x"));

        assertThat(visited).isFalse();
        assertThat(object.at("/spec").properties()).isEmpty();
    }
}
