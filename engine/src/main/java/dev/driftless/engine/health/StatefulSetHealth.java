package dev.driftless.engine.health;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.OptionalLong;

/** StatefulSets: observed generation, ready pods, then the update strategy (OnDelete, partitioned or full rolling update). */
public final class StatefulSetHealth implements HealthCheck {

    @Override
    public boolean appliesTo(String group, String kind) {
        return group.equals("apps") && kind.equals("StatefulSet");
    }

    @Override
    public Health assess(JsonNode live) {
        long observedGeneration = Fields.integer(live, "status.observedGeneration");
        if (observedGeneration == 0 || Fields.integer(live, "metadata.generation") > observedGeneration) {
            return Health.progressing("Waiting for statefulset spec update to be observed...");
        }
        OptionalLong desired = Fields.optionalInteger(live, "spec.replicas");
        long ready = Fields.integer(live, "status.readyReplicas");
        if (desired.isPresent() && ready < desired.getAsLong()) {
            return Health.progressing("Waiting for %d pods to be ready...".formatted(desired.getAsLong() - ready));
        }
        if (Fields.text(live, "spec.updateStrategy.type").equals("OnDelete")) {
            return Health.healthy("statefulset has %d ready pods".formatted(ready));
        }
        long updated = Fields.integer(live, "status.updatedReplicas");
        long partition = Fields.integer(live, "spec.updateStrategy.rollingUpdate.partition");
        if (partition > 0 && desired.isPresent()) {
            // Pods below the partition deliberately stay at the old revision, so the revisions never converge.
            long toUpdate = Math.max(0, desired.getAsLong() - partition);
            if (updated < toUpdate) {
                return Health.progressing(
                        "Waiting for partitioned roll out to finish: %d out of %d new pods have been updated..."
                                .formatted(updated, toUpdate));
            }
            return Health.healthy("partitioned roll out complete: %d new pods have been updated...".formatted(updated));
        }
        String updateRevision = Fields.text(live, "status.updateRevision");
        String currentRevision = Fields.text(live, "status.currentRevision");
        if (!updateRevision.equals(currentRevision)) {
            return Health.progressing("waiting for statefulset rolling update to complete %d pods at revision %s..."
                    .formatted(updated, updateRevision));
        }
        return Health.healthy("statefulset rolling update complete %d pods at revision %s..."
                .formatted(Fields.integer(live, "status.currentReplicas"), currentRevision));
    }
}
