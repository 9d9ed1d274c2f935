package dev.driftless.engine.health;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Health of one kind of object. One implementation per built-in kind; {@link ConditionsHealth} is the fallback that
 * reads {@code status.conditions}. An implementation may throw on a status it cannot read:
 * {@link HealthAssessor} turns any exception into {@link HealthStatus#UNKNOWN}.
 */
public interface HealthCheck {

    /** @param group API group ({@code ""} for core); @param kind the kind */
    boolean appliesTo(String group, String kind);

    /** Assesses a live object of a kind this check applies to. */
    Health assess(JsonNode live);
}
