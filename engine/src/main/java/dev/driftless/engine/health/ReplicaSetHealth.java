package dev.driftless.engine.health;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.OptionalLong;

/** ReplicaSets ({@code apps} and {@code extensions}): replica failures, then available replicas. */
public final class ReplicaSetHealth implements HealthCheck {

    @Override
    public boolean appliesTo(String group, String kind) {
        return kind.equals("ReplicaSet") && (group.equals("apps") || group.equals("extensions"));
    }

    @Override
    public Health assess(JsonNode live) {
        if (Fields.integer(live, "metadata.generation") > Fields.integer(live, "status.observedGeneration")) {
            return Health.progressing(
                    "Waiting for rollout to finish: observed replica set generation less than desired generation");
        }
        var failure = Conditions.of(live).get("ReplicaFailure").filter(Conditions.Condition::isTrue);
        if (failure.isPresent()) {
            return Health.degraded(failure.get().message());
        }
        OptionalLong desired = Fields.optionalInteger(live, "spec.replicas");
        long available = Fields.integer(live, "status.availableReplicas");
        if (desired.isPresent() && available < desired.getAsLong()) {
            return Health.progressing("Waiting for rollout to finish: %d out of %d new replicas are available..."
                    .formatted(available, desired.getAsLong()));
        }
        return Health.healthy("");
    }
}
