package dev.driftless.engine.sync;

import dev.driftless.engine.model.ResourceKey;

/**
 * The outcome of a sync for one object.
 *
 * @param key     the object; for a hook, its instance (a generated name included), or its generateName prefix when
 *                it was not created
 * @param message a human explanation; for {@link SyncAction#FAILED}, the API server's message or the health that
 *                was not reached; for a hook, its phase and outcome
 */
public record ResourceResult(ResourceKey key, SyncAction action, String message) {
}
