package dev.driftless.engine.sync;

import dev.driftless.engine.model.ResourceKey;

/**
 * The outcome of a sync for one object.
 *
 * @param message a human explanation; for {@link SyncAction#FAILED}, the API server's message
 */
public record ResourceResult(ResourceKey key, SyncAction action, String message) {
}
