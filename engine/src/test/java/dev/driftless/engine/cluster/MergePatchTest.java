package dev.driftless.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.engine.model.Documents;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MergePatchTest {

    private static JsonNode json(String text) throws Exception {
        return Documents.YAML.readTree(text);
    }

    @Test
    void setsChangedFieldsAndRemovesFieldsGitDroppedButLeavesOthersFieldsAlone() throws Exception {
        JsonNode lastApplied = json("{spec: {replicas: 2, paused: false, template: {image: web:1}}}");
        JsonNode desired = json("{spec: {replicas: 3, template: {image: web:1}}}");
        JsonNode live = json("{spec: {replicas: 2, paused: false, progressDeadlineSeconds: 600, template: {image: web:1}}, status: {ready: 2}}");

        JsonNode patch = MergePatch.threeWay(lastApplied, desired, live);

        // replicas changed in Git; paused was applied before and is gone from Git; the default and status are not ours.
        assertThat(patch).isEqualTo(json("{spec: {replicas: 3, paused: null}}"));
    }

    @Test
    void addsFieldsMissingLiveWholeAndReplacesListsWhole() throws Exception {
        JsonNode desired = json("{metadata: {labels: {tier: web}}, spec: {ports: [{port: 80}, {port: 443}]}}");
        JsonNode live = json("{metadata: {name: x}, spec: {ports: [{port: 80}]}}");

        assertThat(MergePatch.threeWay(json("{}"), desired, live))
                .isEqualTo(json("{metadata: {labels: {tier: web}}, spec: {ports: [{port: 80}, {port: 443}]}}"));
    }

    @Test
    void nothingToDoGivesAnEmptyPatch() throws Exception {
        JsonNode desired = json("{data: {a: '1'}}");
        JsonNode live = json("{data: {a: '1', b: '2'}}");

        assertThat(MergePatch.threeWay(json("{data: {a: '1', c: '3'}}"), desired, live))
                .as("c was applied before but is already gone live")
                .isEmpty();
    }
}
