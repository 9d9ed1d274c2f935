package dev.driftless.client;

import dev.driftless.engine.diff.FieldDrift;
import dev.driftless.engine.diff.SyncState;

import java.util.List;

/** The drift of one object as the server reports it, Secret values redacted; {@code key} is {@code group/Kind:namespace/name}. */
public record ResourceDiff(String key, SyncState state, List<FieldDrift> fields) {

    public ResourceDiff {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public boolean inSync() {
        return state == SyncState.SYNCED;
    }
}
