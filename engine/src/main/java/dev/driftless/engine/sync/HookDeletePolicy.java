package dev.driftless.engine.sync;

import java.util.Arrays;
import java.util.Optional;

/** When a hook's object is deleted, named as in the {@value Hook#DELETE_POLICY_ANNOTATION} annotation. */
public enum HookDeletePolicy {
    /** Delete the previous instance (same name) before creating the hook; the default when none is given. */
    BEFORE_HOOK_CREATION("BeforeHookCreation"),
    /** Delete the hook once it succeeded. */
    HOOK_SUCCEEDED("HookSucceeded"),
    /** Delete the hook once it failed. */
    HOOK_FAILED("HookFailed");

    private final String annotationValue;

    HookDeletePolicy(String annotationValue) {
        this.annotationValue = annotationValue;
    }

    public String annotationValue() {
        return annotationValue;
    }

    static Optional<HookDeletePolicy> parse(String value) {
        return Arrays.stream(values()).filter(policy -> policy.annotationValue.equals(value)).findFirst();
    }
}
