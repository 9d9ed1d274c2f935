package dev.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.driftless.engine.health.HealthStatus;
import dev.driftless.engine.reconcile.OperationRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void everySyncAndHealthPairHasAGaugeReadAtEachScrape() {
        long[] degraded = {1};
        new Metrics(registry, (sync, health) -> sync.equals("OutOfSync") && health == HealthStatus.DEGRADED
                ? degraded[0] : 0);

        assertThat(registry.find("driftless.applications").gauges())
                .hasSize(Metrics.SYNC_STATUSES.size() * HealthStatus.values().length);
        degraded[0] = 5;
        assertThat(registry.get("driftless.applications").tags("sync", "OutOfSync", "health", "Degraded")
                .gauge().value()).isEqualTo(5.0);
    }

    @Test
    void aSyncIsRecordedOnlyOnceFinished() {
        Metrics metrics = new Metrics(registry, (sync, health) -> 0);

        assertThatIllegalArgumentException().isThrownBy(() ->
                metrics.recordSync("prod", OperationRecord.Phase.RUNNING, Duration.ZERO));
        assertThat(registry.find("driftless.sync").counters()).isEmpty();
    }
}
