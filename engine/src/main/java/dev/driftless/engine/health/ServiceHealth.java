package dev.driftless.engine.health;

import com.fasterxml.jackson.databind.JsonNode;

/** Services: a LoadBalancer is healthy once it has an address; every other type is healthy as soon as it exists. */
public final class ServiceHealth implements HealthCheck {

    @Override
    public boolean appliesTo(String group, String kind) {
        return group.isEmpty() && kind.equals("Service");
    }

    @Override
    public Health assess(JsonNode live) {
        if (Fields.text(live, "spec.type").equals("LoadBalancer")) {
            return LoadBalancer.health(live);
        }
        return Health.healthy("");
    }
}
