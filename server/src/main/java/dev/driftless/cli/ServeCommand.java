package dev.driftless.cli;

import dev.driftless.api.auth.AuthSettings;
import dev.driftless.api.auth.OidcSettings;
import dev.driftless.engine.reconcile.ControllerSettings;
import dev.driftless.service.ConfigSource;
import dev.driftless.service.DriftlessServer;
import dev.driftless.service.ServeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code driftless serve}: the long-running service that keeps applications in sync, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run Driftless: keep every application in sync, serve the API and the webhook receiver.",
                "With no cluster configured, a sandbox cluster (a mock API server in this process) and an example "
                        + "application are started, unless --no-sandbox."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${sys:user.home}/.driftless",
            description = "Data directory: the H2 database, encryption key and Git cache (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "PostgreSQL URL, e.g. postgresql://user@host:5432/driftless; H2 in the data directory when not given.")
    String databaseUrl;

    @Option(names = "--config-dir", paramLabel = "DIR",
            description = "Directory of declarative configuration (Application, Cluster, Repository, NotificationChannel).")
    Path configDir;

    @Option(names = "--config-repo", paramLabel = "URL",
            description = "Git repository holding the declarative configuration, read again when it changes.")
    String configRepo;

    @Option(names = "--config-path", paramLabel = "PATH", defaultValue = "",
            description = "Directory inside --config-repo (default: the root).")
    String configPath;

    @Option(names = "--config-revision", paramLabel = "REV", defaultValue = "HEAD",
            description = "Branch, tag or commit of --config-repo (default: ${DEFAULT-VALUE}).")
    String configRevision;

    @Option(names = "--no-sandbox", description = "Never start the sandbox cluster and example application.")
    boolean noSandbox;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "3m",
            description = "How often repositories and the configuration are checked, e.g. 30s, 3m (default: ${DEFAULT-VALUE}).")
    String pollInterval;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "" + ControllerSettings.DEFAULT_PARALLELISM,
            description = "How many applications reconcile at once (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--allow-local-repositories",
            description = "Let applications use file:// URLs, local paths and loopback or link-local hosts as"
                    + " repositories. Refused by default: in a shared service they read the service's own files and"
                    + " reach its private network (the sandbox's example repository is always allowed).")
    boolean allowLocalRepositories;
    @Option(names = "--rbac-policy", paramLabel = "FILE",
            description = "RBAC policy in Argo CD's CSV format (p, subject, resource, action, object, allow|deny and "
                    + "g, user or group, role), besides the built-in role:admin and role:readonly.")
    Path rbacPolicy;

    @Option(names = "--rbac-default-role", paramLabel = "ROLE",
            description = "A role every signed-in user has (Argo CD's policy.default), e.g. role:readonly.")
    String rbacDefaultRole;

    @Option(names = "--oidc-issuer", paramLabel = "URL",
            description = "Single sign-on: the OpenID Connect provider's issuer URL (with --oidc-client-id, "
                    + "--oidc-client-secret-file and --oidc-redirect-url).")
    URI oidcIssuer;

    @Option(names = "--oidc-client-id", paramLabel = "ID", description = "This service's client id at the provider.")
    String oidcClientId;

    @Option(names = "--oidc-client-secret-file", paramLabel = "FILE", description = "File holding the client secret.")
    Path oidcClientSecretFile;

    @Option(names = "--oidc-redirect-url", paramLabel = "URL",
            description = "<public URL of this service>/api/auth/oidc/callback, as registered at the provider.")
    URI oidcRedirectUrl;

    @Option(names = "--oidc-name", paramLabel = "NAME", defaultValue = "SSO",
            description = "Shown on the login page as \"Log in with NAME\" (default: ${DEFAULT-VALUE}).")
    String oidcName;

    @Option(names = "--oidc-groups-claim", paramLabel = "CLAIM", defaultValue = "groups",
            description = "ID token claim listing the user's groups, for g, <group>, <role> lines (default: ${DEFAULT-VALUE}).")
    String oidcGroupsClaim;

    @Override
    public Integer call() throws InterruptedException {
        if (parallelism < 1) {
            throw new InputException("--parallelism must be at least 1, got " + parallelism);
        }
        ServeSettings settings = ServeSettings.defaults(dataDir)
                .withPort(port)
                .withDatabaseUrl(databaseUrl)
                .withConfig(configSource())
                .withSandbox(!noSandbox)
                .withPollInterval(duration(pollInterval))
                .withParallelism(parallelism)
                .withLocalRepositoriesAllowed(allowLocalRepositories)
                .withAuth(new AuthSettings(rbacPolicy, rbacDefaultRole, oidc()));
        CountDownLatch stopped = new CountDownLatch(1);
        DriftlessServer server = DriftlessServer.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "driftless-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println(server.banner());
        // Printed here once, on standard output and never through the logger, so it reaches no log file.
        server.initialAdminPassword().ifPresent(password -> out.println("Created the user admin with the password "
                + password + " (shown only now; change it with: driftless account update-password)"));
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    private OidcSettings oidc() {
        if (oidcIssuer == null) {
            if (oidcClientId != null || oidcClientSecretFile != null || oidcRedirectUrl != null) {
                throw new InputException("--oidc-client-id, --oidc-client-secret-file and --oidc-redirect-url need "
                        + "--oidc-issuer");
            }
            return null;
        }
        if (oidcClientId == null || oidcClientSecretFile == null || oidcRedirectUrl == null) {
            throw new InputException("--oidc-issuer needs --oidc-client-id, --oidc-client-secret-file and "
                    + "--oidc-redirect-url");
        }
        return new OidcSettings(oidcIssuer, oidcClientId,
                ClientOptions.readSecret(oidcClientSecretFile, "--oidc-client-secret-file"), oidcRedirectUrl, oidcName,
                oidcGroupsClaim, null);
    }

    private ConfigSource configSource() {
        if (configDir != null && configRepo != null) {
            throw new InputException("--config-dir and --config-repo cannot be used together");
        }
        if (configRepo == null && !configPath.isEmpty()) {
            throw new InputException("--config-path needs --config-repo");
        }
        if (configDir != null) {
            return new ConfigSource.Directory(configDir);
        }
        return configRepo == null ? new ConfigSource.None()
                : new ConfigSource.Git(configRepo, configRevision, configPath);
    }

    /** {@code 90s}, {@code 3m}, {@code 1h}, or an ISO-8601 duration such as {@code PT30S}; positive. */
    static Duration duration(String text) {
        String trimmed = text.strip();
        Duration parsed;
        if (trimmed.matches("\\d+(ms|s|m|h)")) {
            long amount = Long.parseLong(trimmed.replaceAll("\\D", ""));
            parsed = switch (trimmed.replaceAll("\\d", "")) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        } else {
            try {
                parsed = Duration.parse(trimmed);
            } catch (DateTimeParseException e) {
                throw new InputException("--poll-interval: '" + text + "' is not a duration such as 30s, 3m or PT1M");
            }
        }
        if (parsed.isNegative() || parsed.isZero()) {
            throw new InputException("--poll-interval must be positive, got " + text);
        }
        return parsed;
    }
}
