package dev.driftless.engine.sync;

import dev.driftless.engine.diff.SyncState;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;

/**
 * One object to apply.
 *
 * @param manifest the desired object with its tracking marks, as it will be sent
 * @param state    why it is applied: {@link SyncState#MISSING} or {@link SyncState#OUT_OF_SYNC}
 * @param phase    namespaces, then CRDs, then everything else
 * @param wave     the sync wave; steps of one phase and wave form one stage of the sync
 */
public record SyncStep(Manifest manifest, SyncState state, Phase phase, int wave) {

    /** The coarse order of the apply, before waves. */
    public enum Phase {
        NAMESPACES,
        CUSTOM_RESOURCE_DEFINITIONS,
        RESOURCES
    }

    public ResourceKey key() {
        return manifest.key();
    }

    /** Whether this step and the other run in the same stage: a failed stage stops the stages after it. */
    public boolean sameStage(SyncStep other) {
        return phase == other.phase && wave == other.wave;
    }

    /** Names the step without its body, which may hold Secret values. */
    @Override
    public String toString() {
        return key() + " (" + state + ", " + phase + ", wave " + wave + ")";
    }
}
