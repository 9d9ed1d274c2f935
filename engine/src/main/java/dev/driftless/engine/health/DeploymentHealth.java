package dev.driftless.engine.health;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.OptionalLong;

/** Deployments ({@code apps} and the old {@code extensions} group): the rollout checks of {@code kubectl rollout status}. */
public final class DeploymentHealth implements HealthCheck {

    @Override
    public boolean appliesTo(String group, String kind) {
        return kind.equals("Deployment") && (group.equals("apps") || group.equals("extensions"));
    }

    @Override
    public Health assess(JsonNode live) {
        if (Fields.bool(live, "spec.paused")) {
            return Health.suspended("Deployment is paused");
        }
        if (Fields.integer(live, "metadata.generation") > Fields.integer(live, "status.observedGeneration")) {
            return Health.progressing(
                    "Waiting for rollout to finish: observed deployment generation less than desired generation");
        }
        boolean deadlineExceeded = Conditions.of(live).get("Progressing")
                .filter(condition -> condition.reason().equals("ProgressDeadlineExceeded"))
                .isPresent();
        if (deadlineExceeded) {
            return Health.degraded("Deployment \"" + Fields.text(live, "metadata.name")
                    + "\" exceeded its progress deadline");
        }
        OptionalLong desired = Fields.optionalInteger(live, "spec.replicas");
        long replicas = Fields.integer(live, "status.replicas");
        long updated = Fields.integer(live, "status.updatedReplicas");
        long available = Fields.integer(live, "status.availableReplicas");
        if (desired.isPresent() && updated < desired.getAsLong()) {
            return Health.progressing("Waiting for rollout to finish: %d out of %d new replicas have been updated..."
                    .formatted(updated, desired.getAsLong()));
        }
        if (replicas > updated) {
            return Health.progressing("Waiting for rollout to finish: %d old replicas are pending termination..."
                    .formatted(replicas - updated));
        }
        if (available < updated) {
            return Health.progressing("Waiting for rollout to finish: %d of %d updated replicas are available..."
                    .formatted(available, updated));
        }
        return Health.healthy("");
    }
}
