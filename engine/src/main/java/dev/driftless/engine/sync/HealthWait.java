package dev.driftless.engine.sync;

import dev.driftless.engine.cluster.Cluster;
import dev.driftless.engine.cluster.ClusterException;
import dev.driftless.engine.cluster.ResourceMapper;
import dev.driftless.engine.health.Health;
import dev.driftless.engine.health.HealthAssessor;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads live objects' health until each one has settled, or the wait runs out of time. Reads only. */
final class HealthWait {

    /**
     * The end of a wait.
     *
     * @param last    the last health read of every object, in the order given
     * @param cutOff  why waiting stopped for the objects still unsettled, e.g. "within 5s"
     */
    record Outcome(Map<ResourceKey, Health> last, String cutOff) {
    }

    private final Cluster cluster;
    private final ResourceMapper mapper;
    private final HealthAssessor assessor;
    private final Duration timeout;
    private final Duration interval;

    HealthWait(Cluster cluster, ResourceMapper mapper, HealthAssessor assessor, Duration timeout, Duration interval) {
        this.cluster = cluster;
        this.mapper = mapper;
        this.assessor = assessor;
        this.timeout = timeout;
        this.interval = interval;
    }

    /** Reads every object at once, then again every interval; an object stops being read once it has settled. */
    Outcome until(List<Manifest> objects, Predicate<Health> settled) {
        Instant deadline = Instant.now().plus(timeout);
        Map<ResourceKey, Health> last = new LinkedHashMap<>();
        List<Manifest> pending = new ArrayList<>(objects);
        while (true) {
            pending.removeIf(object -> {
                Health health = read(object);
                last.put(object.key(), health);
                return settled.test(health);
            });
            if (pending.isEmpty() || !Instant.now().isBefore(deadline)) {
                return new Outcome(last, "within " + describe(timeout));
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(last, "before the sync was interrupted");
            }
        }
    }

    private Health read(Manifest object) {
        try {
            return assessor.assess(cluster.get(mapper.resolve(object), object.key()).orElse(null));
        } catch (ClusterException e) {
            return Health.unknown(e.getMessage());
        }
    }

    private static String describe(Duration duration) {
        return duration.toMillisPart() == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
