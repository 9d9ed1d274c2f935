package dev.driftless.store;

import dev.driftless.engine.app.ProjectKeys;
import dev.driftless.engine.app.ProjectSpec;

import java.util.Objects;

/**
 * A project created through the API. Its SOPS keys are encrypted in the database and never shown by
 * {@code toString()} ({@link ProjectKeys} only counts them).
 */
public record StoredProject(ProjectSpec spec, ProjectKeys keys) {

    public StoredProject {
        Objects.requireNonNull(spec, "spec");
        keys = keys == null ? ProjectKeys.none() : keys;
    }

    public String name() {
        return spec.name();
    }
}
