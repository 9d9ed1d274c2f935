package dev.driftless.engine.reconcile;

import java.util.List;

/** An application, or objects it rendered, outside its project's limits: nothing of it is applied. */
public final class ProjectViolationException extends RuntimeException {

    private final transient List<String> violations;

    public ProjectViolationException(String application, String project, List<String> violations) {
        super("application " + application + " is outside project " + project + "'s limits: "
                + String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    /** One reason per violation, each naming the object or field. */
    public List<String> violations() {
        return violations;
    }
}
