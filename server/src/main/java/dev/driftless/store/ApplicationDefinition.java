package dev.driftless.store;

import java.util.Map;
import java.util.Objects;

/**
 * An application definition as the API received it.
 *
 * @param name       unique name
 * @param project    project for filtering, {@code default} when not set
 * @param labels     labels for filtering
 * @param definition the whole definition, YAML or JSON, kept as written
 */
public record ApplicationDefinition(String name, String project, Map<String, String> labels, String definition) {

    public ApplicationDefinition {
        name = StoredNames.require(name, "application name", 253);
        project = project == null || project.isBlank() ? "default" : StoredNames.require(project, "project", 253);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        Objects.requireNonNull(definition, "definition");
        if (definition.isBlank()) {
            throw new IllegalArgumentException("application " + name + ": the definition is empty");
        }
    }
}
