package dev.driftless.client;

import java.util.List;

/**
 * Options of a manual sync; null fields are not sent and take the server's defaults.
 *
 * @param revision  a branch, tag or commit to sync instead of the application's own revision
 * @param resources keys {@code group/Kind:namespace/name} of the only objects to sync; empty means all
 */
public record SyncRequest(String revision, Boolean prune, Boolean dryRun, List<String> resources) {

    public SyncRequest {
        resources = resources == null || resources.isEmpty() ? null : List.copyOf(resources);
    }

    /** A sync with the application's own settings. */
    public static SyncRequest defaults() {
        return new SyncRequest(null, null, null, null);
    }
}
