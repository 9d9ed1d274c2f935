package dev.driftless.engine.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.cluster.Cluster;
import dev.driftless.engine.cluster.ResourceMapper;
import dev.driftless.engine.cluster.TrackedObjects;
import dev.driftless.engine.diff.Differ;
import dev.driftless.engine.diff.IgnoreRules;
import dev.driftless.engine.diff.ResourceDiff;
import dev.driftless.engine.health.Health;
import dev.driftless.engine.health.HealthAssessor;
import dev.driftless.engine.health.HealthStatus;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.render.RenderException;
import dev.driftless.engine.sync.Hook;
import dev.driftless.engine.sync.NamespaceAssignment;
import dev.driftless.engine.sync.Planner;
import dev.driftless.engine.sync.SyncExecutor;
import dev.driftless.engine.sync.SyncListener;
import dev.driftless.engine.sync.SyncPlan;
import dev.driftless.engine.sync.SyncResult;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Sequences one application's steps: render, read live state, diff, plan, apply, prune, wait for health.
 * The only class that calls the packages in order; each step is a pure function or an adapter call.
 * A render or fetch failure throws before anything is planned, so it can never lead to a prune.
 */
public final class Reconciler {

    /** Told whenever an object's health changes while {@link #awaitHealthy} waits. */
    @FunctionalInterface
    public interface HealthListener {
        HealthListener NONE = (key, health) -> { };

        void onHealth(ResourceKey key, Health health);
    }

    /** The outcome of a sync: what was compared, planned and done. */
    public record SyncOutcome(Comparison comparison, SyncPlan plan, SyncResult result) {
    }

    private final DesiredStateLoader loader;
    private final Cluster cluster;
    private final TrackedObjects cache;
    private final HealthAssessor health = new HealthAssessor();

    /** A reconciler that lists every kind on each compare. */
    public Reconciler(DesiredStateLoader loader, Cluster cluster) {
        this(loader, cluster, TrackedObjects.NONE);
    }

    /** @param cache the cluster's watched objects, read instead of listing the kinds it can answer for */
    public Reconciler(DesiredStateLoader loader, Cluster cluster, TrackedObjects cache) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** Fetches and renders the application's source, then compares it with the cluster. */
    public Comparison compare(Application app) throws RenderException {
        return compare(app, loader.load(app.source()));
    }

    /**
     * Compares a desired state already rendered (for instance kept from an earlier compare at the same commit) with
     * the cluster. The comparison's desired objects carry the ignored fields of live objects as the cluster has them,
     * so a sync from it never writes them back.
     *
     * @throws IllegalArgumentException when an ignore rule holds a malformed JSON pointer
     * @throws ProjectViolationException when the application or an object breaks its project's limits
     */
    public Comparison compare(Application app, DesiredState rendered) {
        return compare(app, rendered, Set.of());
    }

    /**
     * {@link #compare(Application, DesiredState)}, reading the objects in {@code readDirectly} from the cluster
     * even when the cache holds them (see {@link Cluster#liveState(String, List, ResourceMapper, TrackedObjects, Set)}).
     */
    public Comparison compare(Application app, DesiredState rendered, Set<ResourceKey> readDirectly) {
        return compare(app, rendered, readDirectly, Map.of());
    }

    /**
     * {@link #compare(Application, DesiredState, Set)}, taking the objects in {@code knownLive} as the cluster has them
     * instead of reading them: for the compare right after a sync, with {@link SyncResult#written()}.
     */
    public Comparison compare(Application app, DesiredState rendered, Set<ResourceKey> readDirectly,
                              Map<ResourceKey, ObjectNode> knownLive) {
        IgnoreRules ignored = IgnoreRules.of(app.ignoreDifferences());
        ResourceMapper mapper = cluster.resourceMapper(rendered.manifests());
        List<Manifest> desired = NamespaceAssignment.assign(rendered.manifests(), app.options().destinationNamespace(), mapper);
        ProjectCheck.enforce(app, desired);
        // Hooks are not resources: they run at their phase and are neither diffed nor read before the sync.
        List<Manifest> resources = Hook.withoutHooks(desired);
        Map<ResourceKey, ObjectNode> live = cluster.liveState(app.name(), resources, mapper, cache, readDirectly,
                knownLive);
        List<ResourceDiff> diffs = Differ.diffAll(app.name(), resources, live, ignored);
        return new Comparison(rendered.revision(), ignored.keepLive(desired, live), live, diffs, mapper);
    }

    public SyncOutcome sync(Application app, SyncListener listener) throws RenderException {
        return sync(app, compare(app), listener);
    }

    /**
     * Syncs from a comparison just made, so a caller that compared first does not fetch and render twice.
     *
     * @throws ProjectViolationException when an object breaks the application's project limits: nothing is applied
     */
    public SyncOutcome sync(Application app, Comparison comparison, SyncListener listener) {
        ProjectCheck.enforce(app, comparison.desired());
        SyncPlan plan = Planner.plan(app.name(), comparison.desired(), comparison.diffs(), app.options());
        SyncResult result = new SyncExecutor(cluster, comparison.mapper()).execute(plan, app.options(), listener);
        return new SyncOutcome(comparison, plan, result);
    }

    /**
     * Polls the desired objects' health until every one is Healthy (or Suspended, which is a settled state a
     * person chose, such as a suspended CronJob) or the timeout passes.
     *
     * @return the last health seen of every desired object, in desired order
     */
    public Map<ResourceKey, Health> awaitHealthy(Comparison comparison, Duration timeout, Duration interval,
                                                 HealthListener listener) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Map<ResourceKey, Health> last = new LinkedHashMap<>();
        while (true) {
            boolean allHealthy = true;
            for (Manifest manifest : Hook.withoutHooks(comparison.desired())) {
                ObjectNode live = cluster.get(comparison.mapper().resolve(manifest), manifest.key()).orElse(null);
                Health now = health.assess(live);
                if (!now.equals(last.put(manifest.key(), now))) {
                    listener.onHealth(manifest.key(), now);
                }
                allHealthy &= now.status() == HealthStatus.HEALTHY || now.status() == HealthStatus.SUSPENDED;
            }
            if (allHealthy || !Instant.now().isBefore(deadline)) {
                return last;
            }
            Thread.sleep(interval.toMillis());
        }
    }
}
