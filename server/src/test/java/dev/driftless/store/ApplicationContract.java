package dev.driftless.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

abstract class ApplicationContract extends StoreContract {

    private static final String DEFINITION = """
            kind: Application
            metadata:
              name: shop
            spec:
              source: {repoURL: https://git.example/shop.git, path: deploy}
            """;

    @Test
    void createdDefinitionIsReadBackWithWhoAndWhenAndTheTextAsWritten() {
        ApplicationDefinition shop = new ApplicationDefinition("shop", "retail", Map.of("team", "shop"), DEFINITION);

        StoredApplication created = store.applications().create(shop, "user:alice");

        assertThat(created).isEqualTo(new StoredApplication(shop, START_STORED, START_STORED, "user:alice"));
        assertThat(store.applications().find("shop")).contains(created);
        assertThat(store.applications().find("cart")).isEmpty();
    }

    @Test
    void aProjectLeftOutIsTheDefaultProject() {
        store.applications().create(new ApplicationDefinition("shop", null, null, DEFINITION), "user:alice");

        assertThat(store.applications().find("shop").orElseThrow().definition().project()).isEqualTo("default");
    }

    @Test
    void creatingANameTwiceIsRefusedAndKeepsTheFirst() {
        store.applications().create(new ApplicationDefinition("shop", "retail", Map.of(), DEFINITION), "user:alice");

        assertThatThrownBy(() -> store.applications().create(
                new ApplicationDefinition("shop", "other", Map.of(), "kind: Other"), "user:bob"))
                .isInstanceOf(StoreException.AlreadyExists.class)
                .hasMessage("application shop already exists");
        assertThat(store.applications().find("shop").orElseThrow().createdBy()).isEqualTo("user:alice");
    }

    @Test
    void updateReplacesDefinitionAndLabelsButKeepsCreation() {
        store.applications().create(new ApplicationDefinition("shop", "retail", Map.of("team", "shop"), DEFINITION),
                "user:alice");
        clock.advance(Duration.ofMinutes(5));

        ApplicationDefinition changed = new ApplicationDefinition("shop", "commerce", Map.of("tier", "web"), "kind: New");
        StoredApplication updated = store.applications().update(changed);

        assertThat(updated.definition()).isEqualTo(changed);
        assertThat(updated.createdBy()).isEqualTo("user:alice");
        assertThat(updated.createdAt()).isEqualTo(START_STORED);
        assertThat(updated.updatedAt()).isEqualTo(Instant.parse("2025-01-02T03:09:05.123456Z"));
        assertThat(store.applications().find("shop")).contains(updated);
        assertThat(names(new ApplicationQuery(null, null, Map.of("team", "shop"), null))).isEmpty();
        assertThat(names(new ApplicationQuery(null, null, Map.of("tier", "web"), null))).containsExactly("shop");
    }

    @Test
    void updatingOrDeletingAMissingApplicationSaysSo() {
        assertThatThrownBy(() -> store.applications().update(new ApplicationDefinition("ghost", null, null, DEFINITION)))
                .isInstanceOf(StoreException.NotFound.class)
                .hasMessage("application ghost does not exist");
        assertThat(store.applications().delete("ghost")).isFalse();
    }

    @Test
    void deleteRemovesTheApplicationAndItsLabels() {
        store.applications().create(new ApplicationDefinition("shop", null, Map.of("team", "shop"), DEFINITION), "user:a");

        assertThat(store.applications().delete("shop")).isTrue();

        assertThat(store.applications().find("shop")).isEmpty();
        assertThat(store.applications().list(new ApplicationQuery(null, null, Map.of("team", "shop"), null)).total())
                .isZero();
        store.applications().create(new ApplicationDefinition("shop", null, Map.of("team", "new"), DEFINITION), "user:b");
        assertThat(names(new ApplicationQuery(null, null, Map.of("team", "new"), null))).containsExactly("shop");
    }

    @Test
    void listsArePagedByNameWithTheTotalOfAllPages() {
        for (String name : List.of("e", "c", "a", "d", "b")) {
            store.applications().create(new ApplicationDefinition(name, null, null, DEFINITION), "user:a");
        }

        Page<StoredApplication> second = store.applications().list(
                new ApplicationQuery(null, null, null, new PageRequest(2, 2)));
        Page<StoredApplication> last = store.applications().list(
                new ApplicationQuery(null, null, null, new PageRequest(2, 4)));

        assertThat(second.items()).extracting(StoredApplication::name).containsExactly("c", "d");
        assertThat(second.total()).isEqualTo(5);
        assertThat(last.items()).extracting(StoredApplication::name).containsExactly("e");
        assertThat(store.applications().all()).extracting(StoredApplication::name).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void filtersByNamePartIgnoringCaseAndTakingWildcardsLiterally() {
        for (String name : List.of("shop-web", "Shop-api", "cart", "a_b", "axb", "50%off", "500ff")) {
            store.applications().create(new ApplicationDefinition(name, null, null, DEFINITION), "user:a");
        }

        assertThat(names(new ApplicationQuery("SHOP", null, null, null))).containsExactly("Shop-api", "shop-web");
        assertThat(names(new ApplicationQuery("_", null, null, null))).containsExactly("a_b");
        assertThat(names(new ApplicationQuery("%", null, null, null))).containsExactly("50%off");
    }

    @Test
    void filtersByProjectAndByEveryLabelGiven() {
        store.applications().create(new ApplicationDefinition("web-eu", "shop", Map.of("tier", "web", "region", "eu"),
                DEFINITION), "user:a");
        store.applications().create(new ApplicationDefinition("web-us", "shop", Map.of("tier", "web", "region", "us"),
                DEFINITION), "user:a");
        store.applications().create(new ApplicationDefinition("db-eu", "data", Map.of("tier", "db", "region", "eu"),
                DEFINITION), "user:a");

        assertThat(names(new ApplicationQuery(null, "shop", null, null))).containsExactly("web-eu", "web-us");
        assertThat(names(new ApplicationQuery(null, null, Map.of("region", "eu"), null))).containsExactly("db-eu", "web-eu");
        assertThat(names(new ApplicationQuery(null, null, Map.of("region", "eu", "tier", "web"), null)))
                .containsExactly("web-eu");
        assertThat(names(new ApplicationQuery("us", "data", null, null))).isEmpty();
        Page<StoredApplication> filteredPage = store.applications().list(
                new ApplicationQuery(null, "shop", null, new PageRequest(1, 1)));
        assertThat(filteredPage.items()).extracting(StoredApplication::name).containsExactly("web-us");
        assertThat(filteredPage.total()).isEqualTo(2);
    }

    @Test
    void aDefinitionSurvivesARestart() {
        StoredApplication created = store.applications().create(
                new ApplicationDefinition("shop", "retail", Map.of("team", "shop"), DEFINITION), "user:alice");

        restart();

        assertThat(store.applications().find("shop")).contains(created);
        assertThat(names(new ApplicationQuery(null, null, Map.of("team", "shop"), null))).containsExactly("shop");
    }

    @Test
    void badDefinitionsAndPagesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new ApplicationDefinition(" ", null, null, DEFINITION))
                .hasMessage("application name is missing");
        assertThatThrownBy(() -> new ApplicationDefinition("shop", null, null, "\n"))
                .hasMessage("application shop: the definition is empty");
        assertThatThrownBy(() -> new ApplicationDefinition("x".repeat(254), null, null, DEFINITION))
                .hasMessage("application name is longer than 253 characters");
        assertThatThrownBy(() -> new PageRequest(0, 0)).hasMessage("limit must be between 1 and 1000, not 0");
        assertThatThrownBy(() -> new PageRequest(10, -1)).hasMessage("offset must not be negative, not -1");
    }

    private List<String> names(ApplicationQuery query) {
        return store.applications().list(query).items().stream().map(StoredApplication::name).toList();
    }
}
