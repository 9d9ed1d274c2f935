package dev.driftless.engine.app;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An application as declared ({@code kind: Application}): where its desired state is, where it goes, and how it
 * syncs.
 *
 * @param name              unique name; objects are tracked (and only ever pruned) under it
 * @param project           project it belongs to, {@code default} when not set
 * @param labels            labels for filtering, e.g. {@code team: shop}
 * @param source            the Git source and how to render it
 * @param destination       cluster and namespace
 * @param syncPolicy        automated or manual, prune, self-heal, retries, windows
 * @param ignoreDifferences fields whose drift is ignored
 * @param notifyOn          events that send notifications for this application (empty: none)
 */
public record ApplicationSpec(String name, String project, Map<String, String> labels, SourceSpec source,
                              DestinationSpec destination, SyncPolicy syncPolicy,
                              List<IgnoreDifference> ignoreDifferences, Set<NotificationTrigger> notifyOn) {

    public ApplicationSpec {
        Objects.requireNonNull(name, "name");
        project = project == null || project.isBlank() ? "default" : project;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        syncPolicy = syncPolicy == null ? SyncPolicy.manual() : syncPolicy;
        ignoreDifferences = ignoreDifferences == null ? List.of() : List.copyOf(ignoreDifferences);
        notifyOn = notifyOn == null ? Set.of() : Set.copyOf(notifyOn);
    }

    public ApplicationSpec withSource(SourceSpec newSource) {
        return new ApplicationSpec(name, project, labels, newSource, destination, syncPolicy, ignoreDifferences, notifyOn);
    }

    public ApplicationSpec withSyncPolicy(SyncPolicy newPolicy) {
        return new ApplicationSpec(name, project, labels, source, destination, newPolicy, ignoreDifferences, notifyOn);
    }
}
