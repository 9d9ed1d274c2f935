package dev.driftless.engine.reconcile;

import dev.driftless.engine.app.IgnoreDifference;
import dev.driftless.engine.sync.SyncOptions;

import java.util.List;
import java.util.Objects;

/**
 * One application: a named source whose rendered objects belong in one cluster.
 *
 * @param name              the name its objects are tracked (and only ever pruned) under
 * @param source            where its desired state comes from
 * @param options           how it syncs, including its destination namespace
 * @param ignoreDifferences fields whose drift does not count and that a sync leaves as they are live
 */
public record Application(String name, ApplicationSource source, SyncOptions options,
                          List<IgnoreDifference> ignoreDifferences) {

    public Application {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        ignoreDifferences = ignoreDifferences == null ? List.of() : List.copyOf(ignoreDifferences);
        if (name.isBlank()) {
            throw new IllegalArgumentException("application name must not be blank");
        }
    }

    /** An application that ignores no differences. */
    public Application(String name, ApplicationSource source, SyncOptions options) {
        this(name, source, options, List.of());
    }
}
