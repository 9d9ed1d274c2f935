package dev.driftless.engine.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.engine.model.Documents;

import java.util.List;
import java.util.Optional;

/**
 * HorizontalPodAutoscalers of every {@code autoscaling} version. {@code autoscaling/v1} has no conditions field: the
 * API server carries them in the {@value #V1_CONDITIONS} annotation instead, as a JSON string.
 * An autoscaler that cannot read its metrics or scale its target is Degraded; one held at its min or max replicas
 * ({@code ScalingLimited}) is Healthy, since the limit is what the user asked for; one whose target was scaled to
 * zero ({@code ScalingDisabled}) is Suspended, since the user turned it off.
 */
public final class HorizontalPodAutoscalerHealth implements HealthCheck {

    static final String V1_CONDITIONS = "autoscaling.alpha.kubernetes.io/conditions";

    private static final Health WAITING = Health.progressing("Waiting to Autoscale");

    @Override
    public boolean appliesTo(String group, String kind) {
        return group.equals("autoscaling") && kind.equals("HorizontalPodAutoscaler");
    }

    @Override
    public Health assess(JsonNode live) {
        Conditions conditions = conditions(live);
        if (conditions.isEmpty()) {
            return WAITING;
        }
        for (String type : List.of("AbleToScale", "ScalingActive")) {
            Optional<Conditions.Condition> failing = conditions.get(type).filter(Conditions.Condition::isFalse);
            if (failing.isPresent()) {
                return failing.get().reason().equals("ScalingDisabled")
                        ? Health.suspended(failing.get().message())
                        : Health.degraded(failing.get().message());
            }
        }
        return conditions.get("AbleToScale")
                .filter(Conditions.Condition::isTrue)
                .map(able -> Health.healthy(able.message()))
                .orElse(WAITING);
    }

    private static Conditions conditions(JsonNode live) {
        JsonNode annotation = live.path("metadata").path("annotations").path(V1_CONDITIONS);
        if (Fields.present(Fields.at(live, "status.conditions")) || !Fields.present(annotation)) {
            return Conditions.of(live);
        }
        String path = "metadata.annotations[" + V1_CONDITIONS + "]";
        try {
            return Conditions.read(Documents.JSON.readTree(Fields.asText(annotation, path)), path);
        } catch (JsonProcessingException e) {
            throw new MalformedStatusException(path + " must hold a JSON array of conditions");
        }
    }
}
