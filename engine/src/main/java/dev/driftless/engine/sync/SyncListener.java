package dev.driftless.engine.sync;

/** Told about each object as the sync handles it, e.g. so a command line can print progress. */
@FunctionalInterface
public interface SyncListener {

    SyncListener NONE = result -> { };

    void onResource(ResourceResult result);
}
