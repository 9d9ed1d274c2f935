package dev.driftless.engine.health;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.driftless.engine.health.HealthStatus.DEGRADED;
import static dev.driftless.engine.health.HealthStatus.HEALTHY;
import static dev.driftless.engine.health.HealthStatus.PROGRESSING;
import static dev.driftless.engine.health.HealthStatus.SUSPENDED;
import static dev.driftless.engine.health.HealthStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class BatchHealthTest {

    static Stream<Arguments> states() {
        return Stream.of(
                arguments("job/complete.yaml", HEALTHY, "Reached expected number of succeeded pods"),
                arguments("job/failed.yaml", DEGRADED, "BackoffLimitExceeded: Job has reached the specified backoff limit"),
                arguments("job/suspended.yaml", SUSPENDED, "Job is suspended"),
                arguments("job/running.yaml", PROGRESSING, "Waiting for the job to complete: 2 active, 2 succeeded, 1 failed"),
                arguments("cronjob/suspended.yaml", SUSPENDED, "CronJob is suspended"),
                arguments("cronjob/never-scheduled.yaml", HEALTHY, "CronJob has not been scheduled yet"),
                arguments("cronjob/last-run-succeeded.yaml", HEALTHY, "Last job succeeded at 2025-03-02T02:00:41Z"),
                // scheduled on the 2nd, last success on the 1st, nothing running
                arguments("cronjob/last-run-failed.yaml", DEGRADED,
                        "The job scheduled at 2025-03-02T02:00:00Z did not complete successfully"),
                arguments("cronjob/running.yaml", HEALTHY, "1 job(s) running, last scheduled at 2025-03-02T02:00:00Z"),
                arguments("cronjob/malformed-schedule-time.yaml", UNKNOWN, "Cannot assess health of "
                        + "batch/CronJob:shop/nightly-report: status.lastScheduleTime must be an RFC 3339 timestamp"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("states")
    void followsJobConditionsAndSchedules(String fixture, HealthStatus status, String message) {
        assertThat(HealthFixtures.assess(fixture)).isEqualTo(new Health(status, message));
    }
}
