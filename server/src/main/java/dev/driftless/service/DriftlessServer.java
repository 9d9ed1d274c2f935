package dev.driftless.service;

import dev.driftless.api.ApiServer;
import dev.driftless.api.Metrics;
import dev.driftless.api.auth.AccessControl;
import dev.driftless.api.auth.Accounts;
import dev.driftless.api.auth.LoginLimiter;
import dev.driftless.api.auth.OidcLogin;
import dev.driftless.api.ReadinessCheck;
import dev.driftless.api.webhook.WebhookParser;
import dev.driftless.config.ConfigError;
import dev.driftless.config.ConfigException;
import dev.driftless.config.ConfigLoader;
import dev.driftless.config.Configuration;
import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.RepositorySpec;
import dev.driftless.engine.reconcile.ControllerSettings;
import dev.driftless.engine.reconcile.OperationRecord;
import dev.driftless.engine.render.Renderers;
import dev.driftless.engine.source.GitCredentials;
import dev.driftless.engine.source.GitSource;
import dev.driftless.engine.source.RepoSpec;
import dev.driftless.engine.source.RepositoryUrlPolicy;
import dev.driftless.engine.source.SourceException;
import dev.driftless.notify.Notifier;
import dev.driftless.store.Store;
import dev.driftless.store.StoreSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running Driftless: the store, the clusters, the reconcile loop, notifications, the HTTP server and, when no
 * cluster is configured, the sandbox. {@link #start} returns once it listens; {@link #close} stops everything in
 * the reverse order.
 */
public final class DriftlessServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DriftlessServer.class);

    private final List<AutoCloseable> resources;
    private final DriftlessServiceImpl service;
    private final ApiServer api;
    private final AccessControl access;
    private final Optional<String> initialAdminPassword;
    private final Optional<Sandbox> sandbox;

    private DriftlessServer(List<AutoCloseable> resources, DriftlessServiceImpl service, ApiServer api,
                            AccessControl access, Optional<String> initialAdminPassword, Optional<Sandbox> sandbox) {
        this.resources = resources;
        this.service = service;
        this.api = api;
        this.access = access;
        this.initialAdminPassword = initialAdminPassword;
        this.sandbox = sandbox;
    }

    /**
     * Opens the store, reads the configuration, starts the sandbox if needed, resumes unfinished operations and
     * starts reconciling and serving.
     *
     * @throws dev.driftless.store.StoreException   when the database cannot be opened
     * @throws ConfigException                      when the configuration has errors
     * @throws IllegalArgumentException             when the RBAC policy file has errors (naming line and field)
     * @throws ServiceException.Invalid             when a declared cluster's kubeconfig is unusable
     */
    public static DriftlessServer start(ServeSettings settings) {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            Store store = Store.open(new StoreSettings(settings.dataDir(), settings.databaseUrl(),
                    settings.environment(), Clock.systemUTC()));
            resources.add(store);
            Credentials credentials = new Credentials();
            resources.add(credentials);
            GitSource configGit = new GitSource(settings.dataDir().resolve("cache").resolve("git"));
            RepositoryUrlPolicy urlPolicy = settings.allowLocalRepositories() ? RepositoryUrlPolicy.ALLOW_ALL
                    : RepositoryUrlPolicy.refusingLocal();
            ConfigReader reader = new ConfigReader(settings, configGit, urlPolicy, store, credentials);
            Configuration configuration = reader.read();
            AccessControl access = new AccessControl(new Accounts(store.accounts(), Clock.systemUTC()),
                    LoginLimiter.defaults(), settings.auth().policy(), settings.auth().defaultRoleIfAny(),
                    Optional.ofNullable(settings.auth().oidc()).map(oidc -> OidcLogin.discover(oidc, Clock.systemUTC())));
            Optional<String> initialAdminPassword = access.accounts().createAdminIfNoUser();

            Optional<Sandbox> sandbox = Optional.empty();
            if (settings.sandbox() && configuration.clusters().isEmpty() && store.clusters().all().isEmpty()) {
                sandbox = Optional.of(Sandbox.start(settings.dataDir()));
                resources.add(sandbox.get());
            }
            ClusterRegistry clusters = new ClusterRegistry();
            resources.add(clusters);
            sandbox.ifPresent(box -> clusters.addShared(box.view(), box.client()));
            GitSource git = configGit.withUrlPolicy(sandbox.map(box -> urlPolicy.allowing(box.application().source()
                    .repoUrl())).orElse(urlPolicy));

            ControllerSettings controllerSettings = ControllerSettings.defaults()
                    .withPollInterval(settings.pollInterval())
                    .withParallelism(settings.parallelism());
            DriftlessServiceImpl service = new DriftlessServiceImpl(store, clusters, credentials, controllerSettings,
                    git, new Renderers(git), Notifier.Settings.defaults());
            resources.add(service);
            AtomicBoolean ready = new AtomicBoolean();
            ApiServer api = ApiServer.start(new ApiServer.Options(settings.host(), settings.port(),
                    settings.webhookSecrets(), WebhookParser.DEFAULT_MAX_BODY_BYTES), service, access,
                    () -> ready.get() ? ReadinessCheck.Readiness.READY
                            : ReadinessCheck.Readiness.notReady("starting: resuming operations and loading applications"));
            resources.add(api);
            Metrics metrics = new Metrics(api.registry(), service::count);
            List<OperationRecord> interrupted = service.start(configuration,
                    sandbox.map(Sandbox::application), metrics);
            service.onProjectPolicies(access::setProjectPolicies);
            if (!interrupted.isEmpty()) {
                LOG.warn("Finished {} operation(s) interrupted by the previous stop as failed", interrupted.size());
            }
            if (!(settings.config() instanceof ConfigSource.None)) {
                ScheduledExecutorService reloads = Executors.newSingleThreadScheduledExecutor(
                        Thread.ofVirtual().name("driftless-config").factory());
                resources.add(reloads::shutdownNow);
                long every = settings.pollInterval().toMillis();
                reloads.scheduleWithFixedDelay(() -> reader.readIfChanged().ifPresent(service::reload),
                        every, every, TimeUnit.MILLISECONDS);
            }
            ready.set(true);
            return new DriftlessServer(List.copyOf(resources), service, api, access, initialAdminPassword, sandbox);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /** Where the API listens, e.g. {@code http://localhost:8080/}. */
    public URI url() {
        return api.url();
    }

    public DriftlessService service() {
        return service;
    }

    /**
     * The password of {@value Accounts#ADMIN} when this start created that user (the store had no user): the only
     * time it is known in clear. {@code driftless serve} prints it once; tests sign in with it.
     */
    public Optional<String> initialAdminPassword() {
        return initialAdminPassword;
    }

    /** Users, tokens and the RBAC policy; {@link AccessControl#setProjectPolicies} takes the project roles' lines. */
    public AccessControl access() {
        return access;
    }

    /** The sandbox cluster's API server URL, when the sandbox runs. */
    public Optional<String> sandboxUrl() {
        return sandbox.map(Sandbox::url);
    }

    /** The sandbox's example repository, when the sandbox runs. */
    public Optional<Path> sandboxRepository() {
        return sandbox.map(Sandbox::repository);
    }

    /** The one line {@code driftless serve} prints once it listens. */
    public String banner() {
        String where = "Driftless is serving at " + url();
        String box = sandbox.map(running -> " (sandbox cluster: " + running.url()
                + ", a mock API server in this process, not a real cluster; example application: "
                + Sandbox.APPLICATION + ")").orElse("");
        return where + box;
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}: {}", resource.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    /** Reads the declarative configuration from its directory or repository, remembering the last one read. */
    private static final class ConfigReader {
        private final ServeSettings settings;
        private final GitSource git;
        private final RepositoryUrlPolicy urlPolicy;
        private final Store store;
        private final Credentials credentials;
        private final ConfigLoader loader;
        private Configuration last;

        /**
         * @param git       reads the configuration repository, which the administrator named, so it may be local
         * @param urlPolicy the repositories the configuration's applications and credentials may name
         */
        ConfigReader(ServeSettings settings, GitSource git, RepositoryUrlPolicy urlPolicy, Store store,
                     Credentials credentials) {
            this.settings = settings;
            this.git = git;
            this.urlPolicy = urlPolicy;
            this.store = store;
            this.credentials = credentials;
            this.loader = new ConfigLoader(settings.environment()::get);
        }

        Configuration read() {
            last = switch (settings.config()) {
                case ConfigSource.None none -> Configuration.empty();
                case ConfigSource.Directory directory -> loader.loadDirectory(directory.path());
                case ConfigSource.Git repository -> loader.loadFromGit(git, new RepoSpec(repository.url(),
                        credentialsFor(repository.url())), repository.revision(), repository.path());
            };
            requireAllowedUrls(last);
            return last;
        }

        private void requireAllowedUrls(Configuration configuration) {
            String file = switch (settings.config()) {
                case ConfigSource.None none -> "configuration";
                case ConfigSource.Directory directory -> directory.path().toString();
                case ConfigSource.Git repository -> RepoSpec.anonymous(repository.url()).url();
            };
            List<ConfigError> errors = new ArrayList<>();
            for (ApplicationSpec application : configuration.applications()) {
                refusal(application.source().repoUrl()).ifPresent(reason -> errors.add(new ConfigError(file, 0, 0,
                        "Application " + application.name() + ": spec.source.repoURL", reason)));
            }
            configuration.repositories().forEach((name, repository) -> refusal(repository.urlPrefix())
                    .ifPresent(reason -> errors.add(new ConfigError(file, 0, 0, "Repository " + name + ": spec.url",
                            reason))));
            if (!errors.isEmpty()) {
                throw new ConfigException(errors);
            }
        }

        /** The configuration when it differs from the last one read; errors are logged and the last one kept. */
        Optional<Configuration> readIfChanged() {
            Configuration previous = last;
            try {
                Configuration current = read();
                return current.equals(previous) ? Optional.empty() : Optional.of(current);
            } catch (ConfigException | SourceException e) {
                last = previous;
                LOG.error("The configuration could not be read again; keeping the previous one. {}", e.getMessage());
                return Optional.empty();
            }
        }

        private Optional<String> refusal(String url) {
            try {
                urlPolicy.check(url);
                return Optional.empty();
            } catch (SourceException refused) {
                return Optional.of(refused.getMessage());
            }
        }

        private GitCredentials credentialsFor(String url) {
            return store.repositories().matching(url).map(credentials::toSpec).map(RepositorySpec::credentials)
                    .orElseGet(GitCredentials.None::new);
        }
    }
}
