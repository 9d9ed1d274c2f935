package dev.driftless.service;

import dev.driftless.engine.diff.SyncState;
import dev.driftless.engine.health.Health;
import dev.driftless.engine.model.ResourceKey;

import java.time.Instant;
import java.util.Optional;

/**
 * One node of an application's resource tree: an object the application tracks, or a live object one of them owns
 * (through its owner references), such as a Deployment's ReplicaSets and their Pods.
 *
 * @param version   the apiVersion's version, e.g. {@code v1}
 * @param parent    the owner node, empty for the application's own objects
 * @param managed   whether the application tracks it (desired in Git, or extraneous and tracked)
 * @param sync      how it compares with Git; only for managed objects
 * @param createdAt when the cluster created it; empty when it is not live
 */
public record ResourceNode(ResourceKey key, String version, Optional<ResourceKey> parent, boolean managed,
                           Optional<SyncState> sync, Health health, Optional<Instant> createdAt) {
}
