package dev.driftless.engine.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.cluster.Cluster;
import dev.driftless.engine.cluster.ResourceMapper;
import dev.driftless.engine.model.ResourceKey;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cleans up after a sync that was killed: its hook objects were never deleted, and a hook with
 * {@code generateName} gets a new name each run, so no later sync would ever delete them. Deleted are the hook
 * instances the operation recorded as created and not as deleted, that still carry the operation's
 * {@value Hook#OPERATION_LABEL} label, the application's tracking annotation and a delete policy. A hook without a
 * delete policy is kept, as Argo CD keeps it; an object another operation re-created under the same name is left alone.
 */
public final class LeftoverHooks {

    private LeftoverHooks() {
    }

    /**
     * @param operation the interrupted operation's id, as labelled on its hooks
     * @param recorded  the results the operation recorded before it was killed, in order
     * @return one result per hook deleted, or per hook that could not be deleted
     */
    public static List<ResourceResult> delete(Cluster cluster, String app, String operation,
                                              List<ResourceResult> recorded) {
        List<ResourceResult> results = new ArrayList<>();
        for (ResourceKey key : createdNotDeleted(recorded)) {
            try {
                ResourceMapper mapper = cluster.discover();
                Optional<ObjectNode> live = cluster.get(mapper.resolve(key), key);
                if (live.isPresent() && leftBy(live.get(), operation) && Hook.namesDeletePolicy(live.get())
                        && cluster.prune(app, key, mapper)) {
                    results.add(new ResourceResult(key, SyncAction.HOOK_DELETED,
                            "hook deleted after its sync was interrupted (it has a delete policy)"));
                }
            } catch (RuntimeException e) {
                results.add(new ResourceResult(key, SyncAction.HOOK_FAILED,
                        "hook left by the interrupted sync could not be deleted: " + e.getMessage()));
            }
        }
        return results;
    }

    private static Set<ResourceKey> createdNotDeleted(List<ResourceResult> recorded) {
        Set<ResourceKey> created = new LinkedHashSet<>();
        for (ResourceResult result : recorded) {
            if (result.action() == SyncAction.HOOK_CREATED) {
                created.add(result.key());
            } else if (result.action() == SyncAction.HOOK_DELETED) {
                created.remove(result.key());
            }
        }
        return created;
    }

    private static boolean leftBy(ObjectNode live, String operation) {
        return Hook.isHook(live) && operation.equals(live.path("metadata").path("labels").path(Hook.OPERATION_LABEL).asText());
    }
}
