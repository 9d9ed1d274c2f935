package dev.driftless.engine.health;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * CustomResourceDefinitions: terminating, names rejected, not established, or a schema that is not structural.
 * Unlike Argo CD, which calls any CRD that is not established Degraded, {@code Established=False} with reason
 * {@code Installing} is Progressing.
 */
public final class CustomResourceDefinitionHealth implements HealthCheck {

    @Override
    public boolean appliesTo(String group, String kind) {
        return group.equals("apiextensions.k8s.io") && kind.equals("CustomResourceDefinition");
    }

    @Override
    public Health assess(JsonNode live) {
        Conditions conditions = Conditions.of(live);
        if (conditions.isEmpty()) {
            return Health.progressing("Status conditions not found");
        }
        Optional<Conditions.Condition> terminating = conditions.get("Terminating").filter(Conditions.Condition::isTrue);
        if (terminating.isPresent()) {
            return Health.progressing("CRD is being terminated: " + terminating.get().message());
        }
        Optional<Conditions.Condition> namesRejected = conditions.get("NamesAccepted").filter(Conditions.Condition::isFalse);
        if (namesRejected.isPresent()) {
            return Health.degraded("CRD names have not been accepted: " + namesRejected.get().message());
        }
        Optional<Conditions.Condition> established = conditions.get("Established");
        if (established.isEmpty()) {
            return Health.degraded("CRD is not established: no Established condition");
        }
        if (!established.get().isTrue()) {
            // The API server reports Installing while it sets up serving, which lasts seconds; only other reasons fail.
            return established.get().reason().equals("Installing")
                    ? Health.progressing("CRD is being established: " + established.get().message())
                    : Health.degraded("CRD is not established: " + established.get().explanation());
        }
        Optional<Conditions.Condition> nonStructural = conditions.get("NonStructuralSchema").filter(Conditions.Condition::isTrue);
        if (nonStructural.isPresent()) {
            return Health.degraded("Schema violations found: " + nonStructural.get().message());
        }
        return Health.healthy("CRD is healthy");
    }
}
