package dev.driftless.engine.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.List;
import java.util.Optional;

/**
 * A cache of one cluster's live objects that carry an application's label, kept up to date by watches, so that
 * {@link Cluster#liveState} need not list every kind on every compare. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface TrackedObjects {

    /** Caches nothing: every kind is listed. */
    TrackedObjects NONE = (app, type) -> Optional.empty();

    /**
     * The objects of this kind that carry {@link dev.driftless.engine.model.Tracking#APP_LABEL} {@code = app}, as
     * the cache holds them; empty when the cache cannot answer for this kind (not watched, not synced yet, or its
     * watch is down), in which case the caller lists it.
     */
    Optional<List<GenericKubernetesResource>> tracked(String app, ResourceType type);
}
