package dev.driftless.engine.health;

import com.fasterxml.jackson.databind.JsonNode;

/** Jobs: failed, complete, suspended, or still running. */
public final class JobHealth implements HealthCheck {

    @Override
    public boolean appliesTo(String group, String kind) {
        return group.equals("batch") && kind.equals("Job");
    }

    @Override
    public Health assess(JsonNode live) {
        Conditions conditions = Conditions.of(live);
        var failed = conditions.get("Failed").filter(Conditions.Condition::isTrue);
        if (failed.isPresent()) {
            return Health.degraded(failed.get().explanation());
        }
        var complete = conditions.get("Complete").filter(Conditions.Condition::isTrue);
        if (complete.isPresent()) {
            return Health.healthy(complete.get().message());
        }
        if (Fields.bool(live, "spec.suspend")) {
            return Health.suspended("Job is suspended");
        }
        return Health.progressing("Waiting for the job to complete: %d active, %d succeeded, %d failed".formatted(
                Fields.integer(live, "status.active"),
                Fields.integer(live, "status.succeeded"),
                Fields.integer(live, "status.failed")));
    }
}
