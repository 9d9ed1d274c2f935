package dev.driftless.service;

import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.store.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Delivers {@link ServiceChange}s to subscribers. Application changes are coalesced: an application marked changed
 * any number of times within one period is delivered once, as it is at the end of the period, so a burst of status
 * changes costs a subscriber one message. Deletions and events are delivered at once.
 */
final class ChangeFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

    private final Function<String, Optional<ApplicationView>> views;
    private final List<Consumer<ServiceChange>> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("driftless-changes").factory());

    /** @param views an application's view now, empty once it is gone */
    ChangeFeed(Function<String, Optional<ApplicationView>> views, Duration period) {
        this.views = views;
        long millis = period.toMillis();
        flusher.scheduleWithFixedDelay(this::flush, millis, millis, TimeUnit.MILLISECONDS);
    }

    AutoCloseable subscribe(Consumer<ServiceChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void applicationChanged(String name) {
        if (!listeners.isEmpty()) {
            changed.add(name);
        }
    }

    void applicationDeleted(ApplicationSpec spec) {
        changed.remove(spec.name());
        deliver(new ServiceChange.ApplicationDeleted(spec.name(), spec.project()));
    }

    void eventRecorded(AuditEvent event) {
        deliver(new ServiceChange.EventRecorded(event));
    }

    /** Delivers each application marked changed since the last flush once, as it is now; runs every period. */
    void flush() {
        for (String name : List.copyOf(changed)) {
            changed.remove(name);
            views.apply(name).ifPresent(view -> deliver(new ServiceChange.ApplicationChanged(view)));
        }
    }

    /** A failing listener is logged and skipped, so it cannot stop the others or the flusher. */
    private void deliver(ServiceChange change) {
        for (Consumer<ServiceChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("a change listener failed: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
    }
}
