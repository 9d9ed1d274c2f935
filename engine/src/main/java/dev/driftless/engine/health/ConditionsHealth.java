package dev.driftless.engine.health;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.Set;

/**
 * The fallback for every kind without a dedicated check (custom resources, ConfigMaps, ...), reading the conventions
 * most controllers follow: {@code status.observedGeneration}, and the kstatus conditions {@code Stalled},
 * {@code Reconciling}, {@code Ready} and {@code Available}.
 * <p>
 * An object without a status is Healthy with the message {@value #NO_HEALTH_RULES}. Argo CD gives such objects no
 * health at all; Driftless gives every object a status so that aggregates and filters need no "none" case, and the
 * message tells the two apart. An object whose status has none of these conditions is Healthy the same way.
 */
public final class ConditionsHealth implements HealthCheck {

    static final String NO_HEALTH_RULES = "No health rules for this kind";

    /** Reasons with which controllers (Flux, Crossplane, kstatus) report a not-ready object that is still converging. */
    private static final Set<String> CONVERGING_REASONS = Set.of(
            "Progressing", "ProgressingWithRetry", "Reconciling", "InProgress", "Pending", "DependencyNotReady");

    @Override
    public boolean appliesTo(String group, String kind) {
        return true;
    }

    @Override
    public Health assess(JsonNode live) {
        JsonNode status = live.path("status");
        if (!Fields.present(status)) {
            return Health.healthy(NO_HEALTH_RULES);
        }
        if (!status.isObject()) {
            throw MalformedStatusException.wrongType("status", "an object", status);
        }
        Conditions conditions = Conditions.of(live);
        long generation = Fields.integer(live, "metadata.generation");
        var observed = Fields.optionalInteger(live, "status.observedGeneration");
        if (observed.isPresent() && observed.getAsLong() < generation) {
            return Health.progressing("Waiting for the controller to observe generation " + generation);
        }
        Optional<Conditions.Condition> stalled = conditions.get("Stalled").filter(Conditions.Condition::isTrue);
        if (stalled.isPresent()) {
            return Health.degraded(stalled.get().explanation());
        }
        Optional<Conditions.Condition> reconciling = conditions.get("Reconciling").filter(Conditions.Condition::isTrue);
        if (reconciling.isPresent()) {
            return Health.progressing(reconciling.get().explanation());
        }
        return conditions.get("Ready")
                .or(() -> conditions.get("Available"))
                .map(ConditionsHealth::fromReadiness)
                .orElse(Health.healthy(NO_HEALTH_RULES));
    }

    private static Health fromReadiness(Conditions.Condition readiness) {
        if (readiness.isTrue()) {
            return Health.healthy(readiness.message());
        }
        if (readiness.isFalse() && !CONVERGING_REASONS.contains(readiness.reason())) {
            return Health.degraded(readiness.explanation());
        }
        return Health.progressing(readiness.explanation());
    }
}
