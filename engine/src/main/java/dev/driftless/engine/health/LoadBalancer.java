package dev.driftless.engine.health;

import com.fasterxml.jackson.databind.JsonNode;

/** The {@code status.loadBalancer.ingress} list that Services of type LoadBalancer and Ingresses share. */
final class LoadBalancer {

    private LoadBalancer() {
    }

    static Health health(JsonNode live) {
        if (Fields.objects(live, "status.loadBalancer.ingress").isEmpty()) {
            return Health.progressing("Waiting for the load balancer to be assigned an address");
        }
        return Health.healthy("");
    }
}
