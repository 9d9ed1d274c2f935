package dev.driftless.engine.reconcile;

import dev.driftless.engine.sync.SyncOptions;

import java.util.Objects;

/**
 * One application: a named source whose rendered objects belong in one cluster.
 *
 * @param name    the name its objects are tracked (and only ever pruned) under
 * @param source  where its desired state comes from
 * @param options how it syncs, including its destination namespace
 */
public record Application(String name, ApplicationSource source, SyncOptions options) {

    public Application {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        if (name.isBlank()) {
            throw new IllegalArgumentException("application name must not be blank");
        }
    }
}
