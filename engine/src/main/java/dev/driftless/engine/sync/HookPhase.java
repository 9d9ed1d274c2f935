package dev.driftless.engine.sync;

import java.util.Arrays;
import java.util.Optional;

/** When a hook runs, named as in the {@value Hook#ANNOTATION} annotation (Argo CD's phase names). */
public enum HookPhase {
    /** Before anything is applied. */
    PRE_SYNC("PreSync"),
    /** With the objects of its sync wave. */
    SYNC("Sync"),
    /** After every applied object is healthy. */
    POST_SYNC("PostSync"),
    /** Only when the sync failed. */
    SYNC_FAIL("SyncFail");

    private final String annotationValue;

    HookPhase(String annotationValue) {
        this.annotationValue = annotationValue;
    }

    public String annotationValue() {
        return annotationValue;
    }

    static Optional<HookPhase> parse(String value) {
        return Arrays.stream(values()).filter(phase -> phase.annotationValue.equals(value)).findFirst();
    }
}
