package dev.driftless.engine.reconcile;

import dev.driftless.engine.app.IgnoreDifference;
import dev.driftless.engine.app.ProjectSpec;
import dev.driftless.engine.sync.SyncOptions;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One application: a named source whose rendered objects belong in one cluster.
 *
 * @param name              the name its objects are tracked (and only ever pruned) under
 * @param source            where its desired state comes from
 * @param options           how it syncs, including its destination namespace
 * @param ignoreDifferences fields whose drift does not count and that a sync leaves as they are live
 * @param project           the limits its source, destination and objects must keep ({@link ProjectCheck}), and the
 *                          service account it applies as
 * @param cluster           the name of its destination cluster, which the project's destinations are matched with
 */
public record Application(String name, ApplicationSource source, SyncOptions options,
                          List<IgnoreDifference> ignoreDifferences, ProjectSpec project, String cluster) {

    public Application {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        ignoreDifferences = ignoreDifferences == null ? List.of() : List.copyOf(ignoreDifferences);
        Objects.requireNonNull(project, "project");
        cluster = cluster == null ? "" : cluster;
        if (name.isBlank()) {
            throw new IllegalArgumentException("application name must not be blank");
        }
    }

    /** An application of the unrestricted {@code default} project, applied as the cluster connection's own identity. */
    public Application(String name, ApplicationSource source, SyncOptions options,
                       List<IgnoreDifference> ignoreDifferences) {
        this(name, source, options, ignoreDifferences, ProjectSpec.unrestricted(), "");
    }

    /** An unrestricted application that ignores no differences. */
    public Application(String name, ApplicationSource source, SyncOptions options) {
        this(name, source, options, List.of());
    }

    /** The Kubernetes user its writes impersonate, from its project's destinationServiceAccounts; empty: none. */
    public Optional<String> impersonatedUser() {
        return project.serviceAccountFor(cluster, options.destinationNamespace());
    }

    /** The same application with other sync options. */
    public Application withOptions(SyncOptions newOptions) {
        return new Application(name, source, newOptions, ignoreDifferences, project, cluster);
    }
}
