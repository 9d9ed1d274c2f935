package dev.driftless.engine.sync;

import dev.driftless.engine.diff.ResourceDiff;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns the diff of an application into an ordered {@link SyncPlan}. Pure: reads and writes nothing. */
public final class Planner {

    private Planner() {
    }

    /**
     * Plans a sync. Only {@code MISSING} and {@code OUT_OF_SYNC} objects are applied; {@code SYNCED} ones are never
     * written; {@code EXTRANEOUS} ones are pruned only when {@code options.prune()}, and never when the desired set
     * is empty unless {@code options.allowEmpty()}.
     *
     * @param desired the desired objects, namespaces already assigned ({@link NamespaceAssignment})
     * @param diffs   the diff of those objects against the cluster
     * @throws PlanException for a bad sync-wave annotation, two desired objects with one key, or a diff to apply
     *                       that has no desired object
     */
    public static SyncPlan plan(String app, List<Manifest> desired, List<ResourceDiff> diffs, SyncOptions options) {
        Map<ResourceKey, Manifest> byKey = new HashMap<>();
        Map<ResourceKey, Integer> waves = new HashMap<>();
        for (Manifest manifest : desired) {
            Manifest duplicate = byKey.put(manifest.key(), manifest);
            if (duplicate != null) {
                throw new PlanException(manifest.key() + " is defined twice: in " + duplicate.origin()
                        + " and in " + manifest.origin());
            }
            waves.put(manifest.key(), ApplyOrder.waveOf(manifest));
        }
        List<SyncStep> steps = new ArrayList<>();
        List<ResourceKey> prunes = new ArrayList<>();
        List<ResourceKey> unchanged = new ArrayList<>();
        List<SyncPlan.Skip> skipped = new ArrayList<>();
        for (ResourceDiff diff : diffs) {
            ResourceKey key = diff.key();
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
                    if (desired.isEmpty() && !options.allowEmpty()) {
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
        String namespaceToCreate = options.createNamespace() ? options.destinationNamespace() : "";
        return new SyncPlan(app, namespaceToCreate, steps, prunes, unchanged.stream().sorted().toList(), skipped);
    }
}
