package dev.driftless.engine.diff;

import dev.driftless.engine.model.ResourceKey;

import java.util.List;

/**
 * The comparison of one object. {@code fields} is empty unless the state is {@link SyncState#OUT_OF_SYNC}.
 */
public record ResourceDiff(ResourceKey key, SyncState state, List<FieldDrift> fields) {

    public ResourceDiff {
        fields = List.copyOf(fields);
    }

    public boolean inSync() {
        return state == SyncState.SYNCED;
    }
}
