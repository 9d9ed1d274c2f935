package dev.driftless.engine.sync;

/**
 * Told about each object and each step of a hook run as the sync handles it, e.g. so a command line can print
 * progress. Called on the thread running the sync, also while it waits for health.
 */
@FunctionalInterface
public interface SyncListener {

    SyncListener NONE = result -> { };

    void onResource(ResourceResult result);
}
