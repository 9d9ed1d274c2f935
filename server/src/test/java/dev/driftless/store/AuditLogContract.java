package dev.driftless.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

abstract class AuditLogContract extends StoreContract {

    @Test
    void anAppendedEventIsStampedAndListed() {
        AuditEvent created = store.events().append("user:alice", "application.create", "shop", "created from the API");

        assertThat(created.at()).isEqualTo(START_STORED);
        assertThat(created.id()).isPositive();
        assertThat(store.events().list(new EventQuery(null, null, null)).items()).containsExactly(created);
    }

    @Test
    void eventsAreListedNewestFirstInPagesWithTheTotal() {
        for (int i = 0; i < 5; i++) {
            store.events().append("automated", "sync", "shop", "sync " + i);
            clock.advance(Duration.ofSeconds(1));
        }

        Page<AuditEvent> second = store.events().list(new EventQuery(null, null, new PageRequest(2, 2)));

        assertThat(second.items()).extracting(AuditEvent::message).containsExactly("sync 2", "sync 1");
        assertThat(second.items().getFirst().at()).isEqualTo(START_STORED.plusSeconds(2));
        assertThat(second.total()).isEqualTo(5);
    }

    @Test
    void eventsAreFilteredByApplicationAndByActor() {
        store.events().append("user:alice", "sync", "shop", "a");
        store.events().append("user:bob", "sync", "shop", "b");
        store.events().append("user:alice", "rollback", "cart", "c");
        store.events().append("user:alice", "cluster.create", null, "d");

        assertThat(messages(new EventQuery("shop", null, null))).containsExactly("b", "a");
        assertThat(messages(new EventQuery(null, "user:alice", null))).containsExactly("d", "c", "a");
        assertThat(messages(new EventQuery("shop", "user:alice", null))).containsExactly("a");
        assertThat(store.events().list(new EventQuery("cart", "user:bob", null)).total()).isZero();
        assertThat(store.events().list(new EventQuery(null, null, null)).items().getFirst().application()).isNull();
    }

    @Test
    void eventsAreFilteredByActionsAndByTextInMessageOrActorIgnoringCase() {
        store.events().append("automated", "sync.started", "shop", "sync of 3f6c2a1 started");
        store.events().append("automated", "sync.failed", "shop", "Deployment shop/web: quota exceeded");
        store.events().append("webhook:github", "webhook.received", null, "GitHub push; refreshed 2 applications");
        store.events().append("user:Alice", "refresh", "cart", "asked for a comparison");

        assertThat(messages(new EventQuery(null, null, List.of("sync.started", "sync.failed"), null, null)))
                .containsExactly("Deployment shop/web: quota exceeded", "sync of 3f6c2a1 started");
        assertThat(messages(new EventQuery(null, null, List.of(), "QUOTA", null)))
                .containsExactly("Deployment shop/web: quota exceeded");
        assertThat(messages(new EventQuery(null, null, List.of(), "alice", null)))
                .as("the actor is searched too").containsExactly("asked for a comparison");
        assertThat(messages(new EventQuery(null, null, List.of("webhook.received"), "github", null)))
                .containsExactly("GitHub push; refreshed 2 applications");
        assertThat(store.events().list(new EventQuery("cart", null, List.of("sync.failed"), null, null)).total())
                .isZero();
        assertThat(store.events().list(new EventQuery(null, null, List.of("no.such.action"), null, null)).total())
                .isZero();
    }

    @Test
    void theTextFilterTakesWildcardsLiterally() {
        store.events().append("automated", "sync", "shop", "100% applied");
        store.events().append("automated", "sync", "shop", "1000 applied");
        store.events().append("automated", "sync", "shop", "a_b and a\\b");
        store.events().append("automated", "sync", "shop", "axb");

        assertThat(messages(new EventQuery(null, null, List.of(), "0%", null))).containsExactly("100% applied");
        assertThat(messages(new EventQuery(null, null, List.of(), "a_b", null))).containsExactly("a_b and a\\b");
        assertThat(messages(new EventQuery(null, null, List.of(), "a\\b", null))).containsExactly("a_b and a\\b");
        assertThat(messages(new EventQuery(null, null, List.of(), "'", null))).isEmpty();
    }

    @Test
    void anEventNeedsAnActorAndAnAction() {
        assertThatThrownBy(() -> store.events().append(null, "sync", "shop", "x")).hasMessage("actor is missing");
        assertThatThrownBy(() -> store.events().append("automated", " ", "shop", "x")).hasMessage("action is missing");
    }

    private List<String> messages(EventQuery query) {
        return store.events().list(query).items().stream().map(AuditEvent::message).toList();
    }
}
