package dev.driftless.service;

import dev.driftless.api.auth.AuthSettings;
import dev.driftless.api.webhook.WebhookSecrets;
import dev.driftless.engine.reconcile.ControllerSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to run the service ({@code driftless serve}).
 *
 * @param dataDir      the H2 database, the encryption key, the Git cache and the sandbox
 * @param databaseUrl  a PostgreSQL (or H2) URL; {@code null} for H2 in {@code dataDir}
 * @param config       the declarative configuration
 * @param sandbox      start the sandbox cluster and example application when no cluster is configured
 * @param pollInterval how often repositories are asked for their refs, and the configuration is read again
 * @param host         the address to listen on
 * @param port         the port to listen on; 0 for any free port
 * @param environment  where {@code ${NAME}} references in configuration and the store's variables are looked up
 * @param parallelism  how many applications reconcile at once
 * @param allowLocalRepositories whether applications may use {@code file://} URLs, local paths and loopback or
 *                     link-local hosts as repositories ({@code --allow-local-repositories}); refused by default,
 *                     since in a shared service they read the service's own files and reach its private network
 * @param auth         the RBAC policy and, when configured, single sign-on
 */
public record ServeSettings(Path dataDir, String databaseUrl, ConfigSource config, boolean sandbox,
                            Duration pollInterval, String host, int port, WebhookSecrets webhookSecrets,
                            Map<String, String> environment, int parallelism, boolean allowLocalRepositories,
                            AuthSettings auth) {

    public static final int DEFAULT_PORT = 8080;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(3);

    public ServeSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        config = config == null ? new ConfigSource.None() : config;
        pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive, got " + pollInterval);
        }
        host = host == null ? "0.0.0.0" : host;
        webhookSecrets = webhookSecrets == null ? WebhookSecrets.none() : webhookSecrets;
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        auth = auth == null ? AuthSettings.defaults() : auth;
        if (parallelism < 1) {
            throw new IllegalArgumentException("the parallelism must be at least 1, got " + parallelism);
        }
    }

    /** Settings that reconcile {@link ControllerSettings#DEFAULT_PARALLELISM} applications at once. */
    public ServeSettings(Path dataDir, String databaseUrl, ConfigSource config, boolean sandbox, Duration pollInterval,
                         String host, int port, WebhookSecrets webhookSecrets, Map<String, String> environment) {
        this(dataDir, databaseUrl, config, sandbox, pollInterval, host, port, webhookSecrets, environment,
                ControllerSettings.DEFAULT_PARALLELISM, false, AuthSettings.defaults());
    }

    /** The defaults of {@code driftless serve} for a data directory: H2, no configuration, the sandbox, port 8080. */
    public static ServeSettings defaults(Path dataDir) {
        return new ServeSettings(dataDir, null, new ConfigSource.None(), true, DEFAULT_POLL_INTERVAL, null,
                DEFAULT_PORT, WebhookSecrets.none(), System.getenv());
    }

    public ServeSettings withPort(int newPort) {
        return new ServeSettings(dataDir, databaseUrl, config, sandbox, pollInterval, host, newPort, webhookSecrets,
                environment, parallelism, allowLocalRepositories, auth);
    }

    public ServeSettings withDatabaseUrl(String url) {
        return new ServeSettings(dataDir, url, config, sandbox, pollInterval, host, port, webhookSecrets, environment,
                parallelism, allowLocalRepositories, auth);
    }

    public ServeSettings withConfig(ConfigSource source) {
        return new ServeSettings(dataDir, databaseUrl, source, sandbox, pollInterval, host, port, webhookSecrets,
                environment, parallelism, allowLocalRepositories, auth);
    }

    public ServeSettings withSandbox(boolean enabled) {
        return new ServeSettings(dataDir, databaseUrl, config, enabled, pollInterval, host, port, webhookSecrets,
                environment, parallelism, allowLocalRepositories, auth);
    }

    public ServeSettings withPollInterval(Duration interval) {
        return new ServeSettings(dataDir, databaseUrl, config, sandbox, interval, host, port, webhookSecrets,
                environment, parallelism, allowLocalRepositories, auth);
    }

    public ServeSettings withHost(String newHost) {
        return new ServeSettings(dataDir, databaseUrl, config, sandbox, pollInterval, newHost, port, webhookSecrets,
                environment, parallelism, allowLocalRepositories, auth);
    }

    public ServeSettings withParallelism(int applicationsAtOnce) {
        return new ServeSettings(dataDir, databaseUrl, config, sandbox, pollInterval, host, port, webhookSecrets,
                environment, applicationsAtOnce, allowLocalRepositories, auth);
    }

    public ServeSettings withAuth(AuthSettings newAuth) {
        return new ServeSettings(dataDir, databaseUrl, config, sandbox, pollInterval, host, port, webhookSecrets,
                environment, parallelism, allowLocalRepositories, newAuth);
    }

    public ServeSettings withLocalRepositoriesAllowed(boolean allowed) {
        return new ServeSettings(dataDir, databaseUrl, config, sandbox, pollInterval, host, port, webhookSecrets,
                environment, parallelism, allowed, auth);
    }

    public ServeSettings withWebhookSecrets(WebhookSecrets secrets) {
        return new ServeSettings(dataDir, databaseUrl, config, sandbox, pollInterval, host, port, secrets,
                environment, parallelism, allowLocalRepositories, auth);
    }
}
