package dev.driftless.engine.reconcile;

import dev.driftless.engine.diff.FieldDrift;
import dev.driftless.engine.diff.SyncState;
import dev.driftless.engine.health.Health;
import dev.driftless.engine.model.ResourceKey;

import java.util.List;
import java.util.Objects;

/**
 * How one object of an application compares and how healthy it is. Secret values in {@code drift} are already
 * redacted by the differ.
 *
 * @param drift the fields that differ, for {@link SyncState#OUT_OF_SYNC}
 */
public record ResourceStatus(ResourceKey key, SyncState sync, Health health, List<FieldDrift> drift) {

    public ResourceStatus {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(health, "health");
        drift = List.copyOf(drift);
    }
}
