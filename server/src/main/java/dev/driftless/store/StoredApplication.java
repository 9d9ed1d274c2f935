package dev.driftless.store;

import java.time.Instant;

/**
 * An application definition created through the API, with when and by whom. Applications declared in files or
 * Git are not stored: their source is their record.
 */
public record StoredApplication(ApplicationDefinition definition, Instant createdAt, Instant updatedAt,
                                String createdBy) {

    /** The value of the {@code source} column: where stored definitions came from. */
    public static final String SOURCE = "api";

    public String name() {
        return definition.name();
    }
}
