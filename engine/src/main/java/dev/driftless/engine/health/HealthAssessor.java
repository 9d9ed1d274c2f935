package dev.driftless.engine.health;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.engine.model.ResourceKey;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Assesses the health of live objects: picks the check for the object's group and kind and never throws.
 * Thread-safe: the built-in checks hold no state.
 */
public final class HealthAssessor {

    private static final List<HealthCheck> BUILT_IN = List.of(
            new DeploymentHealth(),
            new StatefulSetHealth(),
            new DaemonSetHealth(),
            new ReplicaSetHealth(),
            new PodHealth(),
            new ServiceHealth(),
            new IngressHealth(),
            new PersistentVolumeClaimHealth(),
            new JobHealth(),
            new CronJobHealth(),
            new HorizontalPodAutoscalerHealth(),
            new ApiServiceHealth(),
            new CustomResourceDefinitionHealth(),
            new ConditionsHealth());

    private final List<HealthCheck> checks;

    /** An assessor with the built-in checks only. */
    public HealthAssessor() {
        this(List.of());
    }

    /** An assessor that consults {@code overrides}, in order, before the built-in checks. */
    public HealthAssessor(List<HealthCheck> overrides) {
        this.checks = Stream.concat(overrides.stream(), BUILT_IN.stream()).toList();
    }

    /**
     * The health of a live object: Missing when it is {@code null} (not in the cluster), Progressing while it is
     * being deleted, Unknown when its status cannot be read, otherwise what the check for its kind says.
     */
    public Health assess(JsonNode liveOrNull) {
        if (liveOrNull == null || liveOrNull.isNull() || liveOrNull.isMissingNode()) {
            return Health.missing("Not found in the cluster");
        }
        if (!liveOrNull.isObject()) {
            return Health.unknown("Cannot assess health: the live object is not a JSON object");
        }
        if (Fields.present(liveOrNull.path("metadata").path("deletionTimestamp"))) {
            return Health.progressing("Pending deletion");
        }
        ResourceKey key = ResourceKey.of(liveOrNull);
        HealthCheck check = checks.stream()
                .filter(candidate -> candidate.appliesTo(key.group(), key.kind()))
                .findFirst()
                .orElseThrow();
        try {
            return check.assess(liveOrNull);
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Health.unknown("Cannot assess health of " + key + ": " + reason);
        }
    }

    /**
     * The least healthy status among {@code healths}, in Argo CD's order from best to worst:
     * Healthy, Suspended, Progressing, Missing, Degraded, Unknown. An empty collection is Healthy, as an Argo CD
     * application with no resources is.
     */
    public static HealthStatus worst(Collection<Health> healths) {
        return healths.stream()
                .map(Health::status)
                .max(Comparator.naturalOrder())
                .orElse(HealthStatus.HEALTHY);
    }
}
