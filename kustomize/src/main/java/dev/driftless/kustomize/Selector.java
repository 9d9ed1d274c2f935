package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A kustomize target selector ({@code patches[].target}, {@code replacements[].source}, ...): group, version and
 * kind match exactly, name and namespace as anchored regular expressions, and label and annotation selectors
 * with Kubernetes selector syntax ({@code a=b}, {@code a!=b}, {@code a in (x,y)}, {@code a notin (x)}, {@code a},
 * {@code !a}). Empty parts match anything.
 */
record Selector(String group, String version, String kind, Pattern name, Pattern namespace,
                List<Requirement> labels, List<Requirement> annotations) {

    private static final Set<String> FIELDS = Set.of("group", "version", "kind", "name", "namespace",
            "labelSelector", "annotationSelector");

    /** One clause of a label or annotation selector. */
    record Requirement(String key, String operator, Set<String> values) {
        boolean matches(Map<String, String> present) {
            String value = present.get(key);
            return switch (operator) {
                case "exists" -> value != null;
                case "!" -> value == null;
                case "=", "==", "in" -> value != null && values.contains(value);
                case "!=", "notin" -> value == null || !values.contains(value);
                default -> false;
            };
        }
    }

    /**
     * @param field where the selector is written, e.g. {@code patches[0].target}, for messages
     */
    static Selector parse(JsonNode node, Kustomization kustomization, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new Selector("", "", "", null, null, List.of(), List.of());
        }
        if (!node.isObject()) {
            throw kustomization.error(field, "must be a map");
        }
        kustomization.knownFields(field, node, FIELDS);
        return new Selector(node.path("group").asText(""), node.path("version").asText(""),
                node.path("kind").asText(""),
                regex(node.path("name").asText(""), kustomization, field + ".name"),
                regex(node.path("namespace").asText(""), kustomization, field + ".namespace"),
                requirements(node.path("labelSelector").asText(""), kustomization, field + ".labelSelector"),
                requirements(node.path("annotationSelector").asText(""), kustomization, field + ".annotationSelector"));
    }

    /**
     * Like kustomize, name and namespace match either the object's original id (before prefixes, suffixes and
     * namespaces of the kustomizations below renamed it) or its current one.
     */
    boolean matches(Resource resource) {
        ResId id = resource.id();
        ResId original = resource.allIds().getFirst();
        JsonNode metadata = resource.object().path("metadata");
        return (group.isEmpty() || group.equals(id.group()))
                && (version.isEmpty() || version.equals(id.version()))
                && (kind.isEmpty() || kind.equals(id.kind()))
                && (name == null || name.matcher(original.name()).matches() || name.matcher(id.name()).matches())
                && (namespace == null || namespace.matcher(original.namespace()).matches()
                        || namespace.matcher(id.namespace()).matches())
                && labels.stream().allMatch(r -> r.matches(strings(metadata.path("labels"))))
                && annotations.stream().allMatch(r -> r.matches(strings(metadata.path("annotations"))));
    }

    private static Map<String, String> strings(JsonNode map) {
        Map<String, String> values = new java.util.HashMap<>();
        map.fields().forEachRemaining(entry -> values.put(entry.getKey(), entry.getValue().asText()));
        return values;
    }

    private static Pattern regex(String text, Kustomization kustomization, String field) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw kustomization.error(field, "not a valid regular expression: " + e.getDescription());
        }
    }

    static List<Requirement> requirements(String text, Kustomization kustomization, String field) {
        List<Requirement> requirements = new ArrayList<>();
        for (String clause : splitClauses(text)) {
            String trimmed = clause.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            java.util.regex.Matcher set = Pattern.compile("^([^\\s!=]+)\\s+(in|notin)\\s*\\((.*)\\)$").matcher(trimmed);
            if (set.matches()) {
                requirements.add(new Requirement(set.group(1), set.group(2), values(set.group(3))));
            } else if (trimmed.contains("!=")) {
                String[] parts = trimmed.split("!=", 2);
                requirements.add(new Requirement(parts[0].strip(), "!=", Set.of(parts[1].strip())));
            } else if (trimmed.contains("=")) {
                String[] parts = trimmed.split("==?", 2);
                requirements.add(new Requirement(parts[0].strip(), "=", Set.of(parts[1].strip())));
            } else if (trimmed.startsWith("!")) {
                requirements.add(new Requirement(trimmed.substring(1).strip(), "!", Set.of()));
            } else if (trimmed.matches("[A-Za-z0-9._/-]+")) {
                requirements.add(new Requirement(trimmed, "exists", Set.of()));
            } else {
                throw kustomization.error(field, "cannot parse selector clause '" + trimmed + "'");
            }
        }
        return requirements;
    }

    private static Set<String> values(String list) {
        Set<String> values = new java.util.LinkedHashSet<>();
        for (String value : list.split(",")) {
            values.add(value.strip());
        }
        return values;
    }

    /** Splits on commas that are not inside parentheses. */
    private static List<String> splitClauses(String text) {
        List<String> clauses = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                clauses.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        clauses.add(current.toString());
        return clauses;
    }
}
