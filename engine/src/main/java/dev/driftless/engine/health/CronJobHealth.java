package dev.driftless.engine.health;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Optional;

/**
 * CronJobs: suspended, or healthy unless the last scheduled run is over and did not succeed.
 * A run is over when no job is active; it succeeded when {@code lastSuccessfulTime} is not before
 * {@code lastScheduleTime}. Clusters older than 1.21 never write {@code lastSuccessfulTime}, so a CronJob that has
 * run there reads as Degraded once its run is over: the status holds no proof of success.
 */
public final class CronJobHealth implements HealthCheck {

    @Override
    public boolean appliesTo(String group, String kind) {
        return group.equals("batch") && kind.equals("CronJob");
    }

    @Override
    public Health assess(JsonNode live) {
        if (Fields.bool(live, "spec.suspend")) {
            return Health.suspended("CronJob is suspended");
        }
        Optional<Instant> lastSchedule = Fields.timestamp(live, "status.lastScheduleTime");
        if (lastSchedule.isEmpty()) {
            return Health.healthy("CronJob has not been scheduled yet");
        }
        int active = Fields.objects(live, "status.active").size();
        if (active > 0) {
            return Health.healthy("%d job(s) running, last scheduled at %s".formatted(active, lastSchedule.get()));
        }
        Optional<Instant> lastSuccess = Fields.timestamp(live, "status.lastSuccessfulTime");
        if (lastSuccess.isEmpty() || lastSuccess.get().isBefore(lastSchedule.get())) {
            return Health.degraded("The job scheduled at %s did not complete successfully".formatted(lastSchedule.get()));
        }
        return Health.healthy("Last job succeeded at " + lastSuccess.get());
    }
}
