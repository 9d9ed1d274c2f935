package dev.driftless.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An application: its declarative document ({@code apiVersion}, {@code kind}, {@code metadata}, {@code spec}),
 * where it was defined ({@code config} or {@code api}) and its status.
 */
public record Application(ObjectNode definition, String origin, ApplicationStatus status) {

    public Application {
        definition = definition == null ? null : definition.deepCopy();
    }

    /** {@code metadata.name} of the definition. */
    public String name() {
        return definition == null ? "" : definition.path("metadata").path("name").asText("");
    }

    @Override
    public ObjectNode definition() {
        return definition == null ? null : definition.deepCopy();
    }
}
