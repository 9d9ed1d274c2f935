package dev.driftless.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    @Test
    void applyFollowsRfc7386NullsRemoveObjectsMergeListsReplace() throws Exception {
        JsonNode target = json("{a: 1, b: {c: 2, d: 3}, list: [1, 2, 3]}");
        JsonNode patch = json("{a: null, b: {c: 5}, list: [9], e: x}");

        assertThat(MergePatch.apply(target, patch)).isEqualTo(json("{b: {c: 5, d: 3}, list: [9], e: x}"));
        assertThat(target).as("the target is not changed").isEqualTo(json("{a: 1, b: {c: 2, d: 3}, list: [1, 2, 3]}"));
    }

    @Test
    void jsonPatchReplacesAListElementAndIsGuardedByTheResourceVersion() throws Exception {
        JsonNode live = json("{metadata: {name: web, resourceVersion: '42'}, spec: {containers: [{name: web, image: 'web:1', imagePullPolicy: Always}]}}");
        ObjectNode merge = (ObjectNode) json("{spec: {containers: [{name: web, image: 'web:2'}]}}");

        JsonNode operations = MergePatch.asJsonPatch(live, merge);

        assertThat(operations.get(0)).isEqualTo(json("{op: test, path: /metadata/resourceVersion, value: '42'}"));
        assertThat(io.fabric8.zjsonpatch.JsonPatch.apply(operations, live))
                .isEqualTo(json("{metadata: {name: web, resourceVersion: '42'}, spec: {containers: [{name: web, image: 'web:2'}]}}"));
    }

    @Test
    void jsonPatchIsEmptyWhenTheMergeChangesNothing() throws Exception {
        JsonNode live = json("{metadata: {resourceVersion: '7'}, data: {mode: safe}}");

        assertThat(MergePatch.asJsonPatch(live, (ObjectNode) json("{data: {mode: safe}}"))).isEmpty();
    }
}
