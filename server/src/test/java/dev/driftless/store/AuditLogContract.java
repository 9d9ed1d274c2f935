package dev.driftless.store;

import dev.driftless.store.AuditVerification.Break;
import dev.driftless.store.AuditVerification.Reason;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

abstract class AuditLogContract extends StoreContract {

    @Test
    void anAppendedEventIsStampedChainedAndListed() {
        AuditEvent created = append("user:alice", "application.create", "shop", "created from the API");

        assertThat(created.at()).isEqualTo(START_STORED);
        assertThat(created.id()).isPositive();
        assertThat(created.previousHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(created.hash()).isEqualTo(AuditChain.hash(AuditChain.GENESIS, START_STORED, created.entry()));
        assertThat(store.events().list(new EventQuery(null, null, null)).items()).containsExactly(created);
    }

    @Test
    void eachEntryChainsToTheOneBeforeAcrossARestart() {
        AuditEvent first = append("user:alice", "sync", "shop", "a");
        restart();
        AuditEvent second = append("user:bob", "sync", "shop", "b");

        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(store.events().verify()).isEqualTo(new AuditVerification(2, null));
    }

    @Test
    void eventsAreListedNewestFirstInPagesWithTheTotal() {
        for (int i = 0; i < 5; i++) {
            append("automated", "sync", "shop", "sync " + i);
            clock.advance(Duration.ofSeconds(1));
        }

        Page<AuditEvent> second = store.events().list(new EventQuery(null, null, new PageRequest(2, 2)));

        assertThat(second.items()).extracting(AuditEvent::message).containsExactly("sync 2", "sync 1");
        assertThat(second.items().getFirst().at()).isEqualTo(START_STORED.plusSeconds(2));
        assertThat(second.total()).isEqualTo(5);
    }

    @Test
    void eventsAreFilteredByApplicationAndByActor() {
        append("user:alice", "sync", "shop", "a");
        append("user:bob", "sync", "shop", "b");
        append("user:alice", "rollback", "cart", "c");
        append("user:alice", "cluster.create", null, "d");

        assertThat(messages(new EventQuery("shop", null, null))).containsExactly("b", "a");
        assertThat(messages(new EventQuery(null, "user:alice", null))).containsExactly("d", "c", "a");
        assertThat(messages(new EventQuery("shop", "user:alice", null))).containsExactly("a");
        assertThat(store.events().list(new EventQuery("cart", "user:bob", null)).total()).isZero();
        assertThat(store.events().list(new EventQuery(null, null, null)).items().getFirst().application()).isNull();
    }

    @Test
    void eventsAreFilteredByActionsAndByTextInMessageOrActorIgnoringCase() {
        append("automated", "sync.started", "shop", "sync of 3f6c2a1 started");
        append("automated", "sync.failed", "shop", "Deployment shop/web: quota exceeded");
        append("webhook:github", "webhook.received", null, "GitHub push; refreshed 2 applications");
        append("user:Alice", "refresh", "cart", "asked for a comparison");

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
    void eventsAreFilteredByResultWithOrWithoutItsReasonAndByTime() {
        store.events().append(new AuditEntry("automated", "sync.succeeded", "shop", AuditEntry.CONTROLLER,
                AuditEntry.OK, "first"));
        clock.advance(Duration.ofMinutes(1));
        store.events().append(new AuditEntry("automated", "sync.failed", "shop", AuditEntry.CONTROLLER,
                AuditEntry.failed("quota exceeded"), "second"));
        clock.advance(Duration.ofMinutes(1));
        store.events().append(new AuditEntry("anonymous", "POST /api/clusters", null, "10.0.0.9", "401", "third"));
        store.events().append(new AuditEntry("automated", "sync.failed", "shop", AuditEntry.CONTROLLER, "failedish",
                "fourth"));

        assertThat(messages(query("failed", null, null))).as("a prefix counts only up to the colon")
                .containsExactly("second");
        assertThat(messages(query("failed: quota exceeded", null, null))).containsExactly("second");
        assertThat(messages(query("401", null, null))).containsExactly("third");
        assertThat(messages(query(null, START.plusSeconds(60), null))).containsExactly("fourth", "third", "second");
        assertThat(messages(query(null, START, START_STORED.plusSeconds(60)))).containsExactly("first");
        assertThatThrownBy(() -> query(null, START.plusSeconds(5), START))
                .hasMessageContaining("since").hasMessageContaining("before until");
    }

    @Test
    void theTextFilterTakesWildcardsLiterally() {
        append("automated", "sync", "shop", "100% applied");
        append("automated", "sync", "shop", "1000 applied");
        append("automated", "sync", "shop", "a_b and a\\b");
        append("automated", "sync", "shop", "axb");

        assertThat(messages(new EventQuery(null, null, List.of(), "0%", null))).containsExactly("100% applied");
        assertThat(messages(new EventQuery(null, null, List.of(), "a_b", null))).containsExactly("a_b and a\\b");
        assertThat(messages(new EventQuery(null, null, List.of(), "a\\b", null))).containsExactly("a_b and a\\b");
        assertThat(messages(new EventQuery(null, null, List.of(), "'", null))).isEmpty();
    }

    @Test
    void anEventNeedsAnActorAnActionASourceAndAResult() {
        assertThatThrownBy(() -> append(null, "sync", "shop", "x")).hasMessage("actor is missing");
        assertThatThrownBy(() -> append("automated", " ", "shop", "x")).hasMessage("action is missing");
        assertThatThrownBy(() -> store.events().append(new AuditEntry("automated", "sync", "shop", "", "ok", "x")))
                .hasMessage("source is missing");
        assertThatThrownBy(() -> store.events().append(new AuditEntry("automated", "sync", "shop", "api", null, "x")))
                .hasMessage("result is missing");
        assertThat(store.events().verify()).isEqualTo(new AuditVerification(0, null));
    }

    @Test
    void anExportHandsOverEveryMatchingEntryOldestFirstWithItsHashes() {
        List<AuditEvent> appended = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            appended.add(append(i % 2 == 0 ? "user:alice" : "user:bob", "sync", "shop", "sync " + i));
        }

        List<AuditEvent> exported = new ArrayList<>();
        store.events().export(new EventQuery(null, "user:alice", new PageRequest(1, 0)), exported::add);

        assertThat(exported).as("the page is ignored: everything is exported")
                .containsExactlyElementsOf(appended.stream().filter(event -> event.actor().equals("user:alice"))
                        .toList());
        assertThat(exported.get(1).previousHash()).isEqualTo(appended.get(1).hash());
    }

    @Test
    void concurrentAppendersNeverForkTheChain() throws Exception {
        try (ExecutorService writers = Executors.newFixedThreadPool(6)) {
            List<Future<AuditEvent>> appended = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String message = "append " + i;
                appended.add(writers.submit(() -> append("automated", "sync", "shop", message)));
            }
            for (Future<AuditEvent> event : appended) {
                event.get();
            }
        }

        assertThat(store.events().verify()).isEqualTo(new AuditVerification(60, null));
    }

    @Test
    void anEntryWrittenBeforeTheChainIsChainedInIdOrderWhenTheStoreOpens() throws SQLException {
        sql("INSERT INTO audit_events (occurred_at, actor, action, application, message)"
                + " VALUES (TIMESTAMP WITH TIME ZONE '2024-05-06 07:08:09+00', 'user:old', 'sync', 'shop', 'v2 era')",
                "UPDATE audit_chain_head SET legacy_last_id = (SELECT MAX(id) FROM audit_events)");
        restart();
        AuditEvent next = append("user:alice", "sync", "shop", "after the chain");

        AuditEvent legacy = store.events().list(new EventQuery(null, "user:old", null)).items().getFirst();
        assertThat(legacy.source()).isEqualTo("unknown");
        assertThat(legacy.previousHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(legacy.hash()).isEqualTo(AuditChain.hash(AuditChain.GENESIS, legacy.at(), legacy.entry()));
        assertThat(next.previousHash()).isEqualTo(legacy.hash());
        assertThat(store.events().verify()).isEqualTo(new AuditVerification(2, null));
    }

    @Test
    void aChangedFieldIsReportedAtItsEntry() throws SQLException {
        List<AuditEvent> events = appendFive();
        sql("UPDATE audit_events SET message = 'nothing happened' WHERE id = " + events.get(2).id());

        assertThat(store.events().verify()).isEqualTo(broken(3, events.get(2).id(), Reason.EDITED,
                "entry " + events.get(2).id() + "'s fields do not match its hash: a field was changed after it was"
                        + " written"));
    }

    @Test
    void aChangedResultOfTheNewestEntryIsReportedToo() throws SQLException {
        List<AuditEvent> events = appendFive();
        sql("UPDATE audit_events SET result = 'denied' WHERE id = " + events.get(4).id());

        assertThat(store.events().verify().broken()).map(Break::entry).hasValue(events.get(4).id());
        assertThat(store.events().verify().broken()).map(Break::reason).hasValue(Reason.EDITED);
    }

    @Test
    void aDeletedEntryIsReportedAtTheEntryAfterIt() throws SQLException {
        List<AuditEvent> events = appendFive();
        sql("DELETE FROM audit_events WHERE id = " + events.get(2).id());

        long after = events.get(3).id();
        assertThat(store.events().verify()).isEqualTo(broken(3, after, Reason.DELETED, "entry " + after
                + " chains to an entry that is no longer in the log: entries between " + events.get(1).id()
                + " and " + after + " were deleted, or entry " + events.get(1).id()
                + " was rewritten with a new hash"));
    }

    @Test
    void anEntryRewrittenWithARecomputedHashIsReportedWhereTheNextEntryNoLongerChains() throws SQLException {
        List<AuditEvent> events = appendFive();
        AuditEvent second = events.get(1);
        AuditEntry rewritten = new AuditEntry("user:mallory", "sync", "shop", "10.0.0.7", AuditEntry.OK, "sync 1");
        sql("UPDATE audit_events SET actor = 'user:mallory', entry_hash = '"
                + AuditChain.hash(second.previousHash(), second.at(), rewritten) + "' WHERE id = " + second.id());

        assertThat(store.events().verify().broken()).map(Break::entry).hasValue(events.get(2).id());
        assertThat(store.events().verify().broken()).map(Break::detail).hasValueSatisfying(detail ->
                assertThat(detail).endsWith("or entry " + second.id() + " was rewritten with a new hash"));
    }

    @Test
    void deletedNewestEntriesAreReportedFromTheChainHead() throws SQLException {
        List<AuditEvent> events = appendFive();
        sql("DELETE FROM audit_events WHERE id >= " + events.get(3).id());

        assertThat(store.events().verify()).isEqualTo(broken(3, events.get(4).id(), Reason.DELETED,
                "the chain head records entry " + events.get(4).id() + " as the newest, but the log ends at entry "
                        + events.get(2).id() + ": the newest entries were deleted"));
    }

    @Test
    void aReplacedHashIsReportedAsForged() throws SQLException {
        List<AuditEvent> events = appendFive();
        sql("UPDATE audit_events SET entry_hash = '" + "ab".repeat(32) + "' WHERE id = " + events.get(1).id());

        assertThat(store.events().verify()).isEqualTo(broken(2, events.get(1).id(), Reason.FORGED_HASH,
                "entry " + events.get(1).id() + "'s stored hash was replaced: its fields and the next entry both agree"
                        + " on " + events.get(1).hash()));
    }

    @Test
    void swappedEntriesAreReportedAsReordered() throws SQLException {
        List<AuditEvent> events = appendFive();
        long second = events.get(1).id();
        long third = events.get(2).id();
        sql("UPDATE audit_events SET id = -1 WHERE id = " + second,
                "UPDATE audit_events SET id = " + second + " WHERE id = " + third,
                "UPDATE audit_events SET id = " + third + " WHERE id = -1");

        assertThat(store.events().verify()).isEqualTo(broken(2, second, Reason.REORDERED, "entry " + second
                + " chains to entry " + third + ", which comes after it: entries were reordered"));
    }

    @Test
    void anEntryRecomputedToFitIsReportedAsInsertedBeforeTheEntryThatSkipsIt() throws SQLException {
        List<AuditEvent> events = appendFive();
        AuditEvent second = events.get(1);
        AuditEntry forged = new AuditEntry("user:mallory", "sync", "shop", "10.6.6.6", "ok", "forged");
        String forgedHash = AuditChain.hash(second.hash(), second.at(), forged);
        long forgedId = second.id() * 1000;
        sql("INSERT INTO audit_events (id, occurred_at, actor, action, application, source, result, message,"
                + " previous_hash, entry_hash) SELECT " + forgedId + ", occurred_at, 'user:mallory', 'sync', 'shop',"
                + " '10.6.6.6', 'ok', 'forged', '" + second.hash() + "', '" + forgedHash + "' FROM audit_events"
                + " WHERE id = " + second.id());

        assertThat(store.events().verify().broken()).map(Break::entry).hasValue(forgedId);
        assertThat(store.events().verify().broken()).map(Break::reason).hasValue(Reason.INSERTED);
    }

    @Test
    void anEntryInsertedWithoutAHashIsNeverChainedByARestart() throws SQLException {
        appendFive();
        sql("INSERT INTO audit_events (occurred_at, actor, action, application, message)"
                + " VALUES (TIMESTAMP WITH TIME ZONE '2025-01-02 03:04:05+00', 'user:mallory', 'sync', 'shop', 'x')");
        restart();

        long inserted = store.events().list(new EventQuery(null, "user:mallory", null)).items().getFirst().id();
        assertThat(store.events().verify()).isEqualTo(broken(5, inserted, Reason.INSERTED, "entry " + inserted
                + " is not in the chain: it comes after the newest entry the chain head records; entries were"
                + " inserted"));
    }

    private List<AuditEvent> appendFive() {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(append("user:alice", "sync", "shop", "sync " + i));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(store.events().verify()).isEqualTo(new AuditVerification(5, null));
        return events;
    }

    private static AuditVerification broken(long checked, long entry, Reason reason, String detail) {
        return new AuditVerification(checked, Optional.of(new Break(entry, reason, detail)));
    }

    private void sql(String... statements) throws SQLException {
        try (Connection connection = Backend.rawConnection(settings);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.executeUpdate(sql);
            }
        }
    }

    private AuditEvent append(String actor, String action, String application, String message) {
        return store.events().append(new AuditEntry(actor, action, application, "10.0.0.7", AuditEntry.OK, message));
    }

    private EventQuery query(String result, Instant since, Instant until) {
        return new EventQuery(null, null, List.of(), result, null, since, until, null);
    }

    private List<String> messages(EventQuery query) {
        return store.events().list(query).items().stream().map(AuditEvent::message).toList();
    }
}
