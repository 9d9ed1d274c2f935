package dev.driftless.engine.health;

import com.fasterxml.jackson.databind.JsonNode;

/** PersistentVolumeClaims, by phase. */
public final class PersistentVolumeClaimHealth implements HealthCheck {

    @Override
    public boolean appliesTo(String group, String kind) {
        return group.isEmpty() && kind.equals("PersistentVolumeClaim");
    }

    @Override
    public Health assess(JsonNode live) {
        return switch (Fields.text(live, "status.phase")) {
            case "Bound" -> Health.healthy("");
            case "Pending" -> Health.progressing("Waiting for the claim to be bound to a volume");
            case "Lost" -> Health.degraded("The claim lost its bound volume");
            case "" -> Health.unknown("PersistentVolumeClaim has no status.phase");
            default -> Health.unknown("Unrecognised phase " + Fields.text(live, "status.phase"));
        };
    }
}
