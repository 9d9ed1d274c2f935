package dev.driftless.api;

import dev.driftless.api.webhook.RepoUrls;
import dev.driftless.engine.health.HealthStatus;
import dev.driftless.engine.reconcile.OperationRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The service's own meters. Label values are bounded (clusters, repositories, fixed enumerations), never per
 * application: with thousands of applications, per-application histograms would swamp Prometheus.
 */
public final class Metrics {

    /** The application-level sync statuses the applications gauge is broken down by. */
    public static final List<String> SYNC_STATUSES = List.of("Synced", "OutOfSync", "Unknown");

    private static final Duration[] RECONCILE_BUCKETS = seconds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60);
    private static final Duration[] SYNC_BUCKETS = seconds(0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600);
    private static final Duration[] GIT_BUCKETS = seconds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30);

    private final MeterRegistry registry;

    /** How many applications currently have a sync status and a health status; read at every scrape. */
    @FunctionalInterface
    public interface ApplicationCounts {
        long count(String syncStatus, HealthStatus health);
    }

    /** What a Git request did. */
    public enum GitRequest { LS_REMOTE, FETCH }

    /** Registers the applications gauges, one per sync and health status pair, on {@code registry}. */
    public Metrics(MeterRegistry registry, ApplicationCounts applicationCounts) {
        this.registry = registry;
        for (String sync : SYNC_STATUSES) {
            for (HealthStatus health : HealthStatus.values()) {
                Gauge.builder("driftless.applications", applicationCounts, counts -> counts.count(sync, health))
                        .description("Applications by sync and health status")
                        .tags("sync", sync, "health", health.displayName())
                        .strongReference(true)
                        .register(registry);
            }
        }
    }

    /** One comparison of an application's desired and live state, from fetch to status. */
    public void recordReconcile(String cluster, Duration duration) {
        Timer.builder("driftless.reconcile.duration")
                .description("Time to reconcile one application")
                .tags("cluster", cluster)
                .serviceLevelObjectives(RECONCILE_BUCKETS)
                .register(registry)
                .record(duration);
    }

    /** One finished sync operation; {@code result} is SUCCEEDED or FAILED. */
    public void recordSync(String cluster, OperationRecord.Phase result, Duration duration) {
        if (result == OperationRecord.Phase.RUNNING) {
            throw new IllegalArgumentException("a sync is recorded when it has finished, not while RUNNING");
        }
        String resultTag = result.name().toLowerCase(Locale.ROOT);
        Timer.builder("driftless.sync.duration")
                .description("Time to sync one application")
                .tags("cluster", cluster, "result", resultTag)
                .serviceLevelObjectives(SYNC_BUCKETS)
                .register(registry)
                .record(duration);
        Counter.builder("driftless.sync")
                .description("Sync operations by result")
                .tags("cluster", cluster, "result", resultTag)
                .register(registry)
                .increment();
    }

    /**
     * One request to a Git server; its count is the timer's {@code _count}. The repository is labelled by its
     * normalised URL, which drops any user or password written into it.
     */
    public void recordGitRequest(String repoUrl, GitRequest request, boolean succeeded, Duration duration) {
        Timer.builder("driftless.git.requests")
                .description("Requests to Git servers")
                .tags("repo", RepoUrls.normalise(repoUrl), "request", request.name().toLowerCase(Locale.ROOT),
                        "outcome", succeeded ? "success" : "failure")
                .serviceLevelObjectives(GIT_BUCKETS)
                .register(registry)
                .record(duration);
    }

    /** One request to a cluster's API server, by verb ({@code get}, {@code list}, {@code patch}, ...) and status. */
    public void recordClusterRequest(String cluster, String verb, int httpStatus) {
        Counter.builder("driftless.cluster.requests")
                .description("Requests to cluster API servers")
                .tags("cluster", cluster, "verb", verb, "code", Integer.toString(httpStatus))
                .register(registry)
                .increment();
    }

    private static Duration[] seconds(double... bounds) {
        Duration[] durations = new Duration[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            durations[i] = Duration.ofNanos(Math.round(bounds[i] * 1_000_000_000L));
        }
        return durations;
    }
}
