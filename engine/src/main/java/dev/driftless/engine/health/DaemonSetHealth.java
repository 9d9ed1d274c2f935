package dev.driftless.engine.health;

import com.fasterxml.jackson.databind.JsonNode;

/** DaemonSets ({@code apps} and {@code extensions}): scheduled, updated and available pods across nodes. */
public final class DaemonSetHealth implements HealthCheck {

    @Override
    public boolean appliesTo(String group, String kind) {
        return kind.equals("DaemonSet") && (group.equals("apps") || group.equals("extensions"));
    }

    @Override
    public Health assess(JsonNode live) {
        if (Fields.integer(live, "metadata.generation") > Fields.integer(live, "status.observedGeneration")) {
            return Health.progressing(
                    "Waiting for rollout to finish: observed daemon set generation less than desired generation");
        }
        String name = Fields.text(live, "metadata.name");
        long desired = Fields.integer(live, "status.desiredNumberScheduled");
        long updated = Fields.integer(live, "status.updatedNumberScheduled");
        if (Fields.text(live, "spec.updateStrategy.type").equals("OnDelete")) {
            return Health.healthy("daemon set %d out of %d new pods have been updated".formatted(updated, desired));
        }
        if (updated < desired) {
            return Health.progressing("Waiting for daemon set \"%s\" rollout to finish: %d out of %d new pods have been updated..."
                    .formatted(name, updated, desired));
        }
        long available = Fields.integer(live, "status.numberAvailable");
        if (available < desired) {
            return Health.progressing("Waiting for daemon set \"%s\" rollout to finish: %d of %d updated pods are available..."
                    .formatted(name, available, desired));
        }
        return Health.healthy("");
    }
}
