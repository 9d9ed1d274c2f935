package dev.driftless.service;

import dev.driftless.config.ConfigLoader;
import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.store.AuditChain;
import dev.driftless.store.AuditEntry;
import dev.driftless.store.AuditEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Coalescing and delivery of the change feed; flushed by hand, so no test depends on timing. */
class ChangeFeedTest {

    private final Map<String, ApplicationView> views = new ConcurrentHashMap<>();
    private final ChangeFeed feed = new ChangeFeed(name -> Optional.ofNullable(views.get(name)), Duration.ofHours(1));
    private final List<ServiceChange> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        feed.close();
    }

    private static ApplicationView view(String name, String path) {
        ApplicationSpec spec = ConfigLoader.readApplication("""
                apiVersion: driftless.dev/v1alpha1
                kind: Application
                metadata: {name: %s}
                spec:
                  source: {repoURL: "https://git.example.com/shop.git", path: %s}
                  destination: {cluster: prod, namespace: shop}
                """.formatted(name, path), "test");
        return new ApplicationView(spec, Origin.API, Optional.empty());
    }

    @Test
    void manyChangesOfOneApplicationWithinAPeriodAreDeliveredOnceAsItIsAtTheEnd() {
        feed.subscribe(received::add);
        views.put("web", view("web", "v1"));
        feed.applicationChanged("web");
        views.put("web", view("web", "v2"));
        feed.applicationChanged("web");
        feed.applicationChanged("web");
        assertThat(received).as("nothing before the period ends").isEmpty();

        feed.flush();
        feed.flush();

        assertThat(received).containsExactly(new ServiceChange.ApplicationChanged(view("web", "v2")));
    }

    @Test
    void deletionsAndEventsAreDeliveredAtOnceAndAChangeOfAGoneApplicationIsDropped() {
        feed.subscribe(received::add);
        AuditEvent event = new AuditEvent(1, Instant.parse("2025-03-01T10:00:00Z"),
                new AuditEntry("user:admin", "refresh", "web", AuditEntry.API, AuditEntry.OK, "x"),
                AuditChain.GENESIS, AuditChain.GENESIS);
        feed.applicationChanged("web");
        feed.applicationDeleted(view("web", "v1").spec());
        feed.eventRecorded(event);
        feed.flush();

        assertThat(received).containsExactly(new ServiceChange.ApplicationDeleted("web", "default"),
                new ServiceChange.EventRecorded(event));
    }

    @Test
    void aClosedSubscriptionReceivesNothingAndAFailingListenerDoesNotStopTheOthers() throws Exception {
        AutoCloseable gone = feed.subscribe(received::add);
        feed.subscribe(change -> {
            throw new IllegalStateException("broken listener");
        });
        List<ServiceChange> other = new CopyOnWriteArrayList<>();
        feed.subscribe(other::add);
        gone.close();

        feed.applicationDeleted(view("web", "v1").spec());

        assertThat(received).isEmpty();
        assertThat(other).containsExactly(new ServiceChange.ApplicationDeleted("web", "default"));
    }
}
