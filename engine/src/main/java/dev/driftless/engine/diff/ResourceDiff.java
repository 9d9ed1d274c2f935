package dev.driftless.engine.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.model.ResourceKey;

import java.util.List;

/**
 * The comparison of one object. {@code fields} is empty unless the state is {@link SyncState#OUT_OF_SYNC}.
 *
 * <p>The two views are what was compared, normalised and with Secret values redacted, so they are safe to show
 * and a text diff of them shows the drift and nothing else. They are private deep copies; treat them as read-only.
 *
 * @param desired the desired object as compared, or null for {@link SyncState#EXTRANEOUS}
 * @param live    the live object as compared: for a desired object only the fields Git sets or Driftless applied
 *                before, spelled as Git spells them where the values are equal; for an extraneous object the whole
 *                object without server-written fields; null for {@link SyncState#MISSING}
 */
public record ResourceDiff(ResourceKey key, SyncState state, List<FieldDrift> fields, ObjectNode desired, ObjectNode live) {

    public ResourceDiff {
        fields = List.copyOf(fields);
        desired = desired == null ? null : desired.deepCopy();
        live = live == null ? null : live.deepCopy();
    }

    /** A result without views, for callers that only report states and fields. */
    public ResourceDiff(ResourceKey key, SyncState state, List<FieldDrift> fields) {
        this(key, state, fields, null, null);
    }

    public boolean inSync() {
        return state == SyncState.SYNCED;
    }
}
