package dev.driftless.engine.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.cluster.ResourceMapper;
import dev.driftless.engine.diff.ResourceDiff;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.model.Revision;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Git compared with the cluster for one application at one moment.
 *
 * @param revision the commit compared, empty for a local tree
 * @param desired  the rendered objects with namespaces assigned, hooks included (the planner runs them); fields the
 *                 application ignores hold their live values, so a sync from here leaves them alone
 * @param live     the live objects of the desired keys plus this application's tracked objects
 * @param diffs    one entry per desired object that is not a hook, then the extraneous tracked ones
 * @param mapper   the kinds the cluster serves, plus the desired CRDs
 */
public record Comparison(Optional<Revision> revision, List<Manifest> desired, Map<ResourceKey, ObjectNode> live,
                         List<ResourceDiff> diffs, ResourceMapper mapper) {

    public Comparison {
        desired = List.copyOf(desired);
        live = Map.copyOf(live);
        diffs = List.copyOf(diffs);
    }

    public boolean inSync() {
        return diffs.stream().allMatch(ResourceDiff::inSync);
    }

    /** Counts only: the live objects may be Secrets, and a record's default toString would print their values. */
    @Override
    public String toString() {
        return "Comparison[" + desired.size() + " desired, " + live.size() + " live, "
                + diffs.stream().filter(diff -> !diff.inSync()).count() + " not in sync]";
    }
}
