package dev.driftless.store;

import dev.driftless.store.StoredRepository.CredentialType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

abstract class CredentialContract extends StoreContract {

    private static final String TOKEN = "tok-3c1f9a77e0";
    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters: [{name: prod, cluster: {server: https://prod.example:6443}}]
            users: [{name: admin, user: {token: %s}}]
            contexts: [{name: prod, context: {cluster: prod, user: admin}}]
            current-context: prod
            """.formatted(TOKEN);

    @TempDir
    Path otherDataDir;

    @Test
    void clustersAreReadBackAsWritten() {
        StoredCluster prod = new StoredCluster("prod", KUBECONFIG, "prod", Map.of("env", "prod"));
        StoredCluster dev = new StoredCluster("dev", "kind: Config\n", null, null);
        store.clusters().create(prod);
        store.clusters().create(dev);

        assertThat(store.clusters().find("prod")).contains(prod);
        assertThat(store.clusters().all()).containsExactly(dev, prod);

        StoredCluster moved = new StoredCluster("prod", KUBECONFIG.replace("prod.example", "new.example"), null, Map.of());
        store.clusters().update(moved);
        assertThat(store.clusters().find("prod")).contains(moved);
        assertThat(store.clusters().delete("prod")).isTrue();
        assertThat(store.clusters().find("prod")).isEmpty();
    }

    @Test
    void clusterNamesAreUniqueAndUpdatesNeedAnExistingCluster() {
        store.clusters().create(new StoredCluster("prod", KUBECONFIG, null, null));

        assertThatThrownBy(() -> store.clusters().create(new StoredCluster("prod", "kind: Config", null, null)))
                .isInstanceOf(StoreException.AlreadyExists.class).hasMessage("cluster prod already exists");
        assertThatThrownBy(() -> store.clusters().update(new StoredCluster("qa", "kind: Config", null, null)))
                .isInstanceOf(StoreException.NotFound.class).hasMessage("cluster qa does not exist");
        assertThat(store.clusters().delete("qa")).isFalse();
    }

    @Test
    void theKubeconfigIsStoredEncrypted() throws SQLException {
        store.clusters().create(new StoredCluster("prod", KUBECONFIG, "prod", Map.of("env", "prod")));

        byte[] stored = rawColumn("SELECT kubeconfig FROM clusters WHERE name = 'prod'");
        byte[] plainColumn = rawColumn("SELECT CAST(labels AS BYTEA) FROM clusters WHERE name = 'prod'");

        assertThat(latin1(plainColumn)).as("the check sees text stored in clear").contains("\"env\":\"prod\"");
        assertThat(latin1(stored)).doesNotContain(TOKEN).doesNotContain("current-context").doesNotContain("apiVersion");
    }

    @Test
    void repositorySecretsAreStoredEncryptedAndReadBack() throws SQLException {
        StoredRepository github = new StoredRepository("https://github.com/acme/", CredentialType.BASIC, "bot", TOKEN);
        StoredRepository gitlab = new StoredRepository("https://gitlab.example/", CredentialType.TOKEN, null, "glpat-9f8e7d");
        StoredRepository open = new StoredRepository("https://public.example/", CredentialType.NONE, null, null);
        store.repositories().create(github);
        store.repositories().create(gitlab);
        store.repositories().create(open);

        assertThat(store.repositories().all()).containsExactly(github, gitlab, open);
        assertThat(latin1(rawColumn("SELECT secret FROM repositories WHERE url_prefix = 'https://github.com/acme/'")))
                .doesNotContain(TOKEN);
        assertThat(latin1(rawColumn("SELECT secret FROM repositories WHERE url_prefix = 'https://gitlab.example/'")))
                .doesNotContain("glpat-9f8e7d");
    }

    @Test
    void theLongestMatchingPrefixGivesTheCredentials() {
        StoredRepository organisation = new StoredRepository("https://github.com/acme/", CredentialType.TOKEN, null, "org");
        StoredRepository repository = new StoredRepository("https://github.com/acme/shop", CredentialType.TOKEN, null, "repo");
        store.repositories().create(organisation);
        store.repositories().create(repository);

        assertThat(store.repositories().matching("https://github.com/acme/shop.git")).contains(repository);
        assertThat(store.repositories().matching("https://github.com/acme/cart.git")).contains(organisation);
        assertThat(store.repositories().matching("https://gitlab.com/acme/shop.git")).isEmpty();
    }

    @Test
    void repositoryPrefixesAreUniqueAndUpdatesReplaceTheCredentials() {
        store.repositories().create(new StoredRepository("https://git.example/", CredentialType.TOKEN, null, "old"));

        assertThatThrownBy(() -> store.repositories().create(
                new StoredRepository("https://git.example/", CredentialType.NONE, null, null)))
                .isInstanceOf(StoreException.AlreadyExists.class);
        StoredRepository replaced = new StoredRepository("https://git.example/", CredentialType.NONE, null, null);
        store.repositories().update(replaced);
        assertThat(store.repositories().find("https://git.example/")).contains(replaced);
        assertThatThrownBy(() -> store.repositories().update(
                new StoredRepository("https://other.example/", CredentialType.NONE, null, null)))
                .isInstanceOf(StoreException.NotFound.class)
                .hasMessage("repository https://other.example/ does not exist");
        assertThat(store.repositories().delete("https://git.example/")).isTrue();
        assertThat(store.repositories().all()).isEmpty();
    }

    @Test
    void aCiphertextCopiedToAnotherRowDoesNotDecrypt() throws SQLException {
        store.clusters().create(new StoredCluster("prod", KUBECONFIG, null, null));
        store.clusters().create(new StoredCluster("dev", "kind: Config\n", null, null));

        try (Connection connection = Backend.rawConnection(settings);
             PreparedStatement copy = connection.prepareStatement(
                     "UPDATE clusters SET kubeconfig = (SELECT kubeconfig FROM clusters WHERE name = 'prod') WHERE name = 'dev'")) {
            assertThat(copy.executeUpdate()).isEqualTo(1);
        }

        assertThatThrownBy(() -> store.clusters().find("dev"))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot decrypt the kubeconfig of cluster dev:")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void openingWithAnotherKeyFailsClearlyAndTheOriginalKeyStillWorks() {
        StoredCluster prod = new StoredCluster("prod", KUBECONFIG, null, null);
        store.clusters().create(prod);
        store.close();

        assertThatThrownBy(() -> Store.open(withKey(SecretBox.generateKey())))
                .isInstanceOf(StoreException.class)
                .hasMessage("the encryption key in environment variable DRIFTLESS_ENCRYPTION_KEY is not the key this"
                        + " database was created with; use the original key (set DRIFTLESS_ENCRYPTION_KEY or restore"
                        + " the key file)");

        store = Store.open(settings);
        assertThat(store.clusters().find("prod")).contains(prod);
    }

    @Test
    void aKeyFromTheEnvironmentIsUsedInsteadOfAKeyFile() throws Exception {
        String key = SecretBox.generateKey();
        StoreSettings fresh = backend().settings(otherDataDir, clock);
        Map<String, String> environment = new HashMap<>(fresh.environment());
        environment.put(StoreSettings.KEY_VARIABLE, key);
        StoreSettings withKey = new StoreSettings(otherDataDir, fresh.databaseUrl(), environment, clock);
        StoredCluster prod = new StoredCluster("prod", KUBECONFIG, null, null);

        try (Store first = Store.open(withKey)) {
            first.clusters().create(prod);
        }
        try (Store second = Store.open(withKey)) {
            assertThat(second.clusters().find("prod")).contains(prod);
        }

        assertThat(otherDataDir.resolve(SecretBox.KEY_FILE)).doesNotExist();
    }

    @Test
    void credentialsNeverShowInToString() {
        StoredCluster prod = new StoredCluster("prod", KUBECONFIG, null, null);
        StoredRepository repository = new StoredRepository("https://git.example/", CredentialType.BASIC, "bot", TOKEN);

        assertThat(prod.toString()).doesNotContain(TOKEN).contains("prod");
        assertThat(repository.toString()).doesNotContain(TOKEN).contains("bot");
    }

    @Test
    void incompleteCredentialsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new StoredRepository("https://git.example/", CredentialType.BASIC, null, "pw"))
                .hasMessage("repository https://git.example/: credential type BASIC needs a username");
        assertThatThrownBy(() -> new StoredRepository("https://git.example/", CredentialType.TOKEN, null, ""))
                .hasMessage("repository https://git.example/: credential type TOKEN needs a token");
        assertThatThrownBy(() -> new StoredRepository("https://git.example/", CredentialType.SSH_KEY, null, null))
                .hasMessage("repository https://git.example/: credential type SSH_KEY needs a private key");
        assertThatThrownBy(() -> new StoredRepository("https://git.example/", CredentialType.NONE, null, "pw"))
                .hasMessage("repository https://git.example/: credential type NONE takes no username or secret");
        assertThatThrownBy(() -> new StoredCluster("prod", " ", null, null))
                .hasMessage("cluster prod: the kubeconfig is empty");
    }

    private StoreSettings withKey(String key) {
        Map<String, String> environment = new HashMap<>(settings.environment());
        environment.put(StoreSettings.KEY_VARIABLE, key);
        return new StoreSettings(settings.dataDir(), settings.databaseUrl(), environment, clock);
    }

    private byte[] rawColumn(String sql) throws SQLException {
        try (Connection connection = Backend.rawConnection(settings);
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet row = statement.executeQuery()) {
            assertThat(row.next()).as("a row for " + sql).isTrue();
            return row.getBytes(1);
        }
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
