package dev.driftless.engine.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.driftless.engine.model.Documents;

import java.util.List;

/**
 * Renders diff results for people ({@link #text}) and for machines ({@link #tree}, {@link #json}, {@link #yaml}).
 * It only ever renders the redacted views a {@link ResourceDiff} carries, so no Secret value can reach its output.
 */
public final class DiffFormatter {

    private static final String ABSENT = "<absent>";
    private static final int CONTEXT_LINES = 3;

    private DiffFormatter() {
    }

    /** A header line {@code STATE key}, then one line per drifted field: {@code   path: live → desired  (changed by MANAGER)}. */
    public static String text(ResourceDiff diff) {
        StringBuilder text = new StringBuilder().append(diff.state()).append(' ').append(diff.key()).append('\n');
        for (FieldDrift field : diff.fields()) {
            text.append("  ").append(field.path()).append(": ")
                    .append(value(field.live())).append(" → ").append(value(field.desired()));
            if (field.manager() != null) {
                text.append("  (changed by ").append(field.manager()).append(')');
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** The text of every result, each followed by its unified YAML diff when asked and when there is one. */
    public static String text(List<ResourceDiff> diffs, boolean withUnifiedDiff) {
        StringBuilder text = new StringBuilder();
        for (ResourceDiff diff : diffs) {
            text.append(text(diff));
            if (withUnifiedDiff) {
                text.append(unifiedDiff(diff));
            }
        }
        return text.toString();
    }

    /**
     * A unified diff from the live view to the desired view in YAML ({@code -} is live, {@code +} is Git); empty when
     * the views are equal. A missing object shows as all added, an extraneous one as all removed.
     */
    public static String unifiedDiff(ResourceDiff diff) {
        List<String> live = yamlLines(diff.live());
        List<String> desired = yamlLines(diff.desired());
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(
                "live/" + diff.key(), "desired/" + diff.key(), live, DiffUtils.diff(live, desired), CONTEXT_LINES);
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /**
     * The results as a document for {@code --output json|yaml}: a list of
     * {@code {key, group, kind, namespace, name, state, fields: [{path, live, desired, manager}]}}; absent values are null.
     */
    public static ArrayNode tree(List<ResourceDiff> diffs) {
        ArrayNode results = JsonNodeFactory.instance.arrayNode();
        for (ResourceDiff diff : diffs) {
            ObjectNode result = results.addObject()
                    .put("key", diff.key().toString())
                    .put("group", diff.key().group())
                    .put("kind", diff.key().kind())
                    .put("namespace", diff.key().namespace())
                    .put("name", diff.key().name())
                    .put("state", diff.state().name());
            ArrayNode fields = result.putArray("fields");
            for (FieldDrift field : diff.fields()) {
                ObjectNode entry = fields.addObject().put("path", field.path());
                entry.set("live", field.live());
                entry.set("desired", field.desired());
                entry.put("manager", field.manager());
            }
        }
        return results;
    }

    public static String json(List<ResourceDiff> diffs) {
        return write(Documents.JSON, tree(diffs));
    }

    public static String yaml(List<ResourceDiff> diffs) {
        return write(Documents.YAML, tree(diffs));
    }

    /** JSON, so that a string {@code "true"} and a boolean {@code true} never print alike. */
    private static String value(JsonNode value) {
        return value == null ? ABSENT : value.toString();
    }

    private static List<String> yamlLines(ObjectNode object) {
        return object == null ? List.of() : write(Documents.YAML, object).lines().toList();
    }

    private static String write(ObjectMapper mapper, JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a diff result", e);
        }
    }
}
