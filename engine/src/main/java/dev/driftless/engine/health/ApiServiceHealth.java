package dev.driftless.engine.health;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * APIServices, from their {@code Available} condition. Unlike Argo CD, which keeps an unavailable APIService
 * Progressing, an explicit {@code Available=False} is Degraded: every request to the aggregated API fails meanwhile.
 */
public final class ApiServiceHealth implements HealthCheck {

    @Override
    public boolean appliesTo(String group, String kind) {
        return group.equals("apiregistration.k8s.io") && kind.equals("APIService");
    }

    @Override
    public Health assess(JsonNode live) {
        return Conditions.of(live).get("Available")
                .map(available -> switch (available.status()) {
                    case "True" -> Health.healthy(available.explanation());
                    case "False" -> Health.degraded(available.explanation());
                    default -> Health.progressing(available.explanation());
                })
                .orElse(Health.progressing("Waiting for the APIService to report availability"));
    }
}
