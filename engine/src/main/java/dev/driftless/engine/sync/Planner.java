package dev.driftless.engine.sync;

import dev.driftless.engine.diff.ResourceDiff;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the diff of an application into an ordered {@link SyncPlan}. Pure: reads and writes nothing. */
public final class Planner {

    private Planner() {
    }

    /**
     * Plans a sync. Only {@code MISSING} and {@code OUT_OF_SYNC} objects are applied; {@code SYNCED} ones are never
     * written; {@code EXTRANEOUS} ones are pruned only when {@code options.prune()}, and never when the desired set
     * has no resources (hooks aside) unless {@code options.allowEmpty()}. Desired objects annotated {@value Hook#ANNOTATION} become the
     * plan's {@link Hook hooks}: diffs of their keys are ignored, as are extraneous live hooks, so a hook is never
     * applied as a resource nor pruned.
     *
     * @param desired the desired objects including hooks, namespaces already assigned ({@link NamespaceAssignment})
     * @param diffs   the diff of those objects against the cluster; hooks may be left out ({@link Hook#withoutHooks})
     * @throws PlanException for a bad sync-wave or hook annotation, two desired objects with one key, or a diff to
     *                       apply that has no desired object
     */
    public static SyncPlan plan(String app, List<Manifest> desired, List<ResourceDiff> diffs, SyncOptions options) {
        Map<ResourceKey, Manifest> byKey = new HashMap<>();
        Map<ResourceKey, Integer> waves = new HashMap<>();
        List<Hook> hooks = new ArrayList<>();
        Set<ResourceKey> hookKeys = new HashSet<>();
        for (Manifest manifest : desired) {
            boolean hook = Hook.isHook(manifest.body());
            if (hook) {
                hooks.addAll(Hook.parse(manifest));
                if (manifest.key().name().isEmpty()) {
                    continue;
                }
                hookKeys.add(manifest.key());
            }
            Manifest duplicate = byKey.put(manifest.key(), manifest);
            if (duplicate != null) {
                throw new PlanException(manifest.key() + " is defined twice: in " + duplicate.origin()
                        + " and in " + manifest.origin());
            }
            if (!hook) {
                waves.put(manifest.key(), ApplyOrder.waveOf(manifest));
            }
        }
        boolean noResources = hookKeys.size() == byKey.size();
        List<SyncStep> steps = new ArrayList<>();
        List<ResourceKey> prunes = new ArrayList<>();
        List<ResourceKey> unchanged = new ArrayList<>();
        List<SyncPlan.Skip> skipped = new ArrayList<>();
        for (ResourceDiff diff : diffs) {
            ResourceKey key = diff.key();
            if (hookKeys.contains(key) || diff.live() != null && Hook.isHook(diff.live())) {
                continue;
            }
            switch (diff.state()) {
                case SYNCED -> unchanged.add(key);
                case MISSING, OUT_OF_SYNC -> {
                    Manifest manifest = byKey.get(key);
                    if (manifest == null) {
                        throw new PlanException("the diff asks to apply " + key + " but no desired object has that key");
                    }
                    steps.add(new SyncStep(TrackingMarks.mark(app, manifest), diff.state(),
                            ApplyOrder.phaseOf(key), waves.get(key)));
                }
                case EXTRANEOUS -> {
                    if (noResources && !options.allowEmpty()) {
                        skipped.add(new SyncPlan.Skip(key, "not pruned: the desired set is empty and allowEmpty is off"));
                    } else if (!options.prune()) {
                        skipped.add(new SyncPlan.Skip(key, "not pruned: prune is off"));
                    } else {
                        prunes.add(key);
                    }
                }
            }
        }
        steps.sort(ApplyOrder.STEPS);
        prunes.sort(ApplyOrder.KEYS.reversed());
        hooks.sort(ApplyOrder.HOOKS);
        String namespaceToCreate = options.createNamespace() ? options.destinationNamespace() : "";
        return new SyncPlan(app, namespaceToCreate, steps, prunes, unchanged.stream().sorted().toList(), skipped, hooks);
    }
}
