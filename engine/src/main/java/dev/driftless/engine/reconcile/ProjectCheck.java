package dev.driftless.engine.reconcile;

import dev.driftless.engine.app.ProjectSpec;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks an application's rendered objects against its project's limits before anything is planned, so that a sync
 * breaking them is refused whole.
 */
public final class ProjectCheck {

    private ProjectCheck() {
    }

    /**
     * Every way the application and its objects break its project's limits, each naming the object and the reason;
     * empty when none do.
     *
     * @param desired the rendered objects with namespaces assigned (cluster-scoped objects have none), hooks included
     */
    public static List<String> violations(Application app, List<Manifest> desired) {
        ProjectSpec project = app.project();
        List<String> violations = new ArrayList<>();
        if (app.source() instanceof ApplicationSource.Git git) {
            violations.addAll(project.applicationViolations(git.repoUrl(), app.cluster(),
                    app.options().destinationNamespace()));
        } else if (!app.options().destinationNamespace().isEmpty()
                && !project.allowsDestination(app.cluster(), app.options().destinationNamespace())) {
            violations.add(project.destinationViolation(app.cluster(), app.options().destinationNamespace()));
        }
        for (Manifest manifest : desired) {
            ResourceKey key = manifest.key();
            String kind = key.group().isEmpty() ? key.kind() : key.group() + "/" + key.kind();
            if (key.clusterScoped()) {
                if (!project.allowsKind(key.group(), key.kind(), false)) {
                    violations.add(key.kind() + "/" + key.name() + ": cluster-scoped kind " + kind
                            + " is not in project " + project.name() + "'s clusterResourceWhitelist");
                }
                continue;
            }
            String object = key.kind() + " " + key.namespace() + "/" + key.name();
            if (!project.allowsKind(key.group(), key.kind(), true)) {
                violations.add(object + ": kind " + kind + " is in project " + project.name()
                        + "'s namespaceResourceBlacklist");
            }
            if (!project.allowsDestination(app.cluster(), key.namespace())) {
                violations.add(object + ": " + project.destinationViolation(app.cluster(), key.namespace()));
            }
        }
        return violations;
    }

    /** @throws ProjectViolationException listing every violation, when there is any */
    public static void enforce(Application app, List<Manifest> desired) {
        List<String> violations = violations(app, desired);
        if (!violations.isEmpty()) {
            throw new ProjectViolationException(app.name(), app.project().name(), violations);
        }
    }
}
