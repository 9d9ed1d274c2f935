package dev.driftless.engine.health;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Ingresses ({@code networking.k8s.io} and {@code extensions}): healthy once the controller published an address.
 * Like Argo CD, an Ingress whose controller never publishes one stays Progressing.
 */
public final class IngressHealth implements HealthCheck {

    @Override
    public boolean appliesTo(String group, String kind) {
        return kind.equals("Ingress") && (group.equals("networking.k8s.io") || group.equals("extensions"));
    }

    @Override
    public Health assess(JsonNode live) {
        return LoadBalancer.health(live);
    }
}
