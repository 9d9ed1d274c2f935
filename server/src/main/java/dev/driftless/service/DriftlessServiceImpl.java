package dev.driftless.service;

import dev.driftless.api.Metrics;
import dev.driftless.api.webhook.PushEvent;
import dev.driftless.api.webhook.RepoUrls;
import dev.driftless.config.ConfigException;
import dev.driftless.config.ConfigLoader;
import dev.driftless.config.ConfigWriter;
import dev.driftless.config.Configuration;
import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.ClusterSpec;
import dev.driftless.engine.app.NotificationTrigger;
import dev.driftless.engine.app.ProjectKeys;
import dev.driftless.engine.app.ProjectSpec;
import dev.driftless.engine.app.RepositorySpec;
import dev.driftless.engine.cluster.Cluster;
import dev.driftless.engine.cluster.ClusterException;
import dev.driftless.engine.cluster.ResourceMapper;
import dev.driftless.engine.diff.ResourceDiff;
import dev.driftless.engine.health.HealthAssessor;
import dev.driftless.engine.health.HealthStatus;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.reconcile.ApplicationController;
import dev.driftless.engine.reconcile.ApplicationEvent;
import dev.driftless.engine.reconcile.ApplicationStatus;
import dev.driftless.engine.reconcile.ClusterConnection;
import dev.driftless.engine.reconcile.Comparison;
import dev.driftless.engine.reconcile.ControllerSettings;
import dev.driftless.engine.reconcile.OperationRecord;
import dev.driftless.engine.reconcile.ProjectViolationException;
import dev.driftless.engine.reconcile.RepositoryPoll;
import dev.driftless.engine.reconcile.RepositoryUrls;
import dev.driftless.engine.reconcile.SyncRequest;
import dev.driftless.engine.render.RenderException;
import dev.driftless.engine.render.Renderer;
import dev.driftless.engine.source.GitSource;
import dev.driftless.engine.source.RepositoryUrlPolicy;
import dev.driftless.engine.source.SourceException;
import dev.driftless.notify.ChannelSpec;
import dev.driftless.notify.NotificationEvent;
import dev.driftless.notify.Notifier;
import dev.driftless.store.ApplicationDefinition;
import dev.driftless.store.AuditEntry;
import dev.driftless.store.AuditEvent;
import dev.driftless.store.AuditVerification;
import dev.driftless.store.EventQuery;
import dev.driftless.store.Page;
import dev.driftless.store.PageRequest;
import dev.driftless.store.Store;
import dev.driftless.store.StoreException;
import dev.driftless.store.StoredApplication;
import dev.driftless.store.StoredCluster;
import dev.driftless.store.StoredProject;
import dev.driftless.store.StoredRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The running service behind the API: applications from the declarative configuration (read-only here), from the
 * store (created through the API) and from the sandbox, reconciled by one {@link ApplicationController}; clusters
 * and repository credentials likewise. Every change through it is written to the audit log, as are the
 * controller's sync, drift and health events, which also go out as notifications.
 *
 * <p>Lists are served from memory, so paging through thousands of applications costs no database query.
 * A rollback's pin survives a restart: it is recorded in the audit log under {@value #PIN_ACTOR}, and the newest
 * such record of each application is read back on start.
 */
public final class DriftlessServiceImpl implements DriftlessService, AutoCloseable {

    static final String SYSTEM_ACTOR = "driftless";
    static final String PIN_ACTOR = "driftless:rollback-pin";
    static final String PINNED = "rollback.pinned";
    static final String UNPINNED = "rollback.unpinned";
    static final String SYNC_STARTED = "sync.started";
    static final String WEBHOOK_RECEIVED = "webhook.received";
    static final String WEBHOOK_ACTOR = "webhook:";

    private static final Logger LOG = LoggerFactory.getLogger(DriftlessServiceImpl.class);
    private static final Pattern PIN_MESSAGE = Pattern.compile("pinned revision (\\p{XDigit}+) of operation (\\d+)");
    private static final int MAX_LIMIT = PageRequest.MAX_LIMIT;
    private static final Duration CHANGE_PERIOD = Duration.ofMillis(250);

    /** @param searchText the lower-cased fields free text is matched against, one per line */
    private record Entry(ApplicationSpec spec, Origin origin, String searchText) {

        Entry(ApplicationSpec spec, Origin origin) {
            this(spec, origin, Stream.concat(Stream.of(spec.name(), spec.project(), spec.destination().cluster(),
                                    spec.destination().namespace(), spec.source().repoUrl(), spec.source().path()),
                            spec.labels().values().stream())
                    .map(field -> field.toLowerCase(Locale.ROOT)).collect(Collectors.joining("\n")));
        }
    }

    /**
     * The applications sorted by name, so a page needs no sort, and how many use each cluster and each repoURL, so
     * the cluster and repository lists need no scan. Replaced whole on every change.
     */
    private record Applications(NavigableMap<String, Entry> byName, Map<String, Integer> perCluster,
                                NavigableMap<String, Integer> perRepoUrl) {

        static Applications of(Map<String, Entry> entries) {
            NavigableMap<String, Entry> byName = Collections.unmodifiableNavigableMap(new TreeMap<>(entries));
            return new Applications(byName, count(byName, spec -> spec.destination().cluster()),
                    Collections.unmodifiableNavigableMap(count(byName, spec -> spec.source().repoUrl())));
        }

        private static TreeMap<String, Integer> count(Map<String, Entry> entries,
                                                      Function<ApplicationSpec, String> key) {
            return entries.values().stream().collect(Collectors.groupingBy(entry -> key.apply(entry.spec()),
                    TreeMap::new, Collectors.summingInt(entry -> 1)));
        }
    }

    private final Store store;
    private final ClusterRegistry clusters;
    private final Credentials credentials;
    private final ApplicationController controller;
    private final ExecutorService auditWriter = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("driftless-audit").factory());
    private final Notifier.Settings notifierSettings;
    private final Object lock = new Object();
    private final HealthAssessor healthAssessor = new HealthAssessor();
    private final ChangeFeed changes = new ChangeFeed(this::application, CHANGE_PERIOD);

    private volatile Applications applications = Applications.of(Map.of());
    private volatile List<RepositorySpec> declaredRepositories = List.of();
    private volatile Map<String, ClusterSpec> declaredClusters = Map.of();
    private final ProjectCatalog projects = new ProjectCatalog();
    private volatile Consumer<List<String>> projectPolicyListener = lines -> { };
    private volatile Notifier notifier;
    private volatile Metrics metrics;
    private final RepositoryUrlPolicy urlPolicy;

    DriftlessServiceImpl(Store store, ClusterRegistry clusters, Credentials credentials, ControllerSettings settings,
                         GitSource git, Renderer renderer, Notifier.Settings notifierSettings) {
        this.store = store;
        this.clusters = clusters;
        this.credentials = credentials;
        this.notifierSettings = notifierSettings;
        this.notifier = new Notifier(List.of(), notifierSettings);
        this.urlPolicy = git.urlPolicy();
        this.controller = new ApplicationController(settings, clusters, List.of(),
                new AnnouncingOperationLog(store.operations(), this::onSyncStarted), this::onEvent, git, renderer);
    }

    /**
     * Takes the configuration, the stored definitions and the sandbox's example, restores rollback pins, finishes
     * the operations a previous run left unfinished and starts reconciling.
     *
     * @return the operations finished as interrupted by the restart
     */
    List<OperationRecord> start(Configuration configuration, Optional<ApplicationSpec> sandboxApplication,
                                Metrics serviceMetrics) {
        synchronized (lock) {
            metrics = serviceMetrics;
            useDeclaredClusters(configuration.clusters());
            for (StoredCluster stored : store.clusters().all()) {
                try {
                    clusters.addStored(stored);
                } catch (ServiceException.Invalid e) {
                    LOG.error("Skipping stored cluster {}: {}", stored.name(), e.getMessage());
                }
            }
            declaredRepositories = List.copyOf(configuration.repositories().values());
            controller.updateRepositories(repositories(declaredRepositories));
            useChannels(configuration.channels());
            useProjects(configuration);
            for (StoredProject stored : store.projects().all()) {
                if (!projects.addStored(stored)) {
                    LOG.warn("Project {} is declared in configuration and stored through the API; the declared one is used",
                            stored.name());
                }
            }
            projectsChanged();
            Map<String, Entry> loaded = new TreeMap<>();
            sandboxApplication.ifPresent(spec -> loaded.put(spec.name(), new Entry(spec, Origin.SANDBOX)));
            configuration.applications().forEach(spec -> loaded.put(spec.name(), new Entry(spec, Origin.CONFIG)));
            for (StoredApplication stored : store.applications().all()) {
                if (loaded.containsKey(stored.name())) {
                    LOG.warn("Application {} is declared in configuration and stored through the API; the declared one is used",
                            stored.name());
                    continue;
                }
                try {
                    loaded.put(stored.name(), new Entry(ConfigLoader.readApplication(stored.definition().definition(),
                            "stored application " + stored.name()), Origin.API));
                } catch (ConfigException e) {
                    LOG.error("Skipping stored application {}: {}", stored.name(), e.getMessage());
                }
            }
            applications = Applications.of(loaded);
            List<ApplicationSpec> specs = specs();
            controller.update(specs);
            restorePins();
            List<OperationRecord> interrupted = controller.start(specs);
            interrupted.forEach(operation -> audit(new AuditEntry(SYSTEM_ACTOR, "operation.interrupted",
                    operation.application(), AuditEntry.CONTROLLER, AuditEntry.failed("interrupted by a restart"),
                    "operation " + operation.id() + " was running when the service stopped; finished as failed")));
            return interrupted;
        }
    }

    /** Replaces what the configuration declares, after it changed in its directory or repository. */
    void reload(Configuration configuration) {
        synchronized (lock) {
            useDeclaredClusters(configuration.clusters());
            declaredRepositories = List.copyOf(configuration.repositories().values());
            controller.updateRepositories(repositories(declaredRepositories));
            useChannels(configuration.channels());
            useProjects(configuration);
            projectsChanged();
            Map<String, Entry> next = new TreeMap<>();
            applications.byName().values().stream().filter(entry -> entry.origin() != Origin.CONFIG)
                    .forEach(entry -> next.put(entry.spec().name(), entry));
            for (ApplicationSpec spec : configuration.applications()) {
                Entry previous = next.put(spec.name(), new Entry(spec, Origin.CONFIG));
                if (previous != null) {
                    LOG.warn("Application {} is now declared in configuration; the declaration replaces the {} one",
                            spec.name(), previous.origin());
                }
            }
            List<ApplicationSpec> gone = applications.byName().values().stream().map(Entry::spec)
                    .filter(spec -> !next.containsKey(spec.name())).toList();
            applications = Applications.of(next);
            controller.update(specs());
            gone.forEach(changes::applicationDeleted);
            next.keySet().forEach(changes::applicationChanged);
            audit(new AuditEntry(SYSTEM_ACTOR, "configuration.reload", null, AuditEntry.CONTROLLER, AuditEntry.OK,
                    configuration.applications().size() + " applications, " + configuration.clusters().size()
                            + " clusters, " + configuration.repositories().size() + " repositories declared"));
        }
    }

    /** Connects the declared clusters that are new or changed, and forgets those no longer declared. */
    private void useDeclaredClusters(List<ClusterSpec> declared) {
        Map<String, ClusterSpec> next = new LinkedHashMap<>();
        declared.forEach(spec -> next.put(spec.name(), spec));
        declaredClusters.keySet().stream().filter(name -> !next.containsKey(name)).forEach(clusters::remove);
        for (ClusterSpec spec : declared) {
            if (!spec.equals(declaredClusters.get(spec.name()))) {
                clusters.addDeclared(spec);
            }
        }
        declaredClusters = next;
    }

    private void useProjects(Configuration configuration) {
        projects.useDeclared(configuration.projects(), configuration.projectKeys());
    }

    private void useChannels(List<ChannelSpec> channels) {
        Notifier previous = notifier;
        notifier = new Notifier(channels, notifierSettings);
        previous.close();
    }

    ApplicationController controller() {
        return controller;
    }

    // --- applications ---

    @Override
    public ApplicationPage applications(ApplicationFilter filter, int limit, int offset) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ServiceException.Invalid("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (offset < 0) {
            throw new ServiceException.Invalid("offset must not be negative, not " + offset);
        }
        ApplicationFilter wanted = filter == null ? ApplicationFilter.none() : filter;
        String text = blank(wanted.text()) ? null : wanted.text().toLowerCase(Locale.ROOT);
        Map<String, Long> bySync = zeros(Metrics.SYNC_STATUSES);
        Map<String, Long> byHealth = zeros(Arrays.stream(HealthStatus.values()).map(HealthStatus::displayName).toList());
        List<ApplicationView> page = new ArrayList<>();
        long total = 0;
        for (Entry entry : applications.byName().values()) {
            if (!matchesDefinition(wanted, text, entry)) {
                continue;
            }
            Optional<ApplicationStatus> status = controller.status(entry.spec().name());
            String sync = syncName(status);
            String health = healthName(status);
            bySync.merge(sync, 1L, Long::sum);
            byHealth.merge(health, 1L, Long::sum);
            if ((blank(wanted.sync()) || wanted.sync().equalsIgnoreCase(sync))
                    && (blank(wanted.health()) || wanted.health().equalsIgnoreCase(health))) {
                if (total >= offset && page.size() < limit) {
                    page.add(new ApplicationView(entry.spec(), entry.origin(), status));
                }
                total++;
            }
        }
        return new ApplicationPage(page, total, offset, limit, new ApplicationPage.StatusCounts(bySync, byHealth));
    }

    private static Map<String, Long> zeros(List<String> statuses) {
        Map<String, Long> counts = new LinkedHashMap<>();
        statuses.forEach(status -> counts.put(status, 0L));
        return counts;
    }

    /** Every filter but sync and health, which the counts leave out. */
    private static boolean matchesDefinition(ApplicationFilter filter, String text, Entry entry) {
        ApplicationSpec spec = entry.spec();
        return (blank(filter.nameContains())
                || spec.name().toLowerCase(Locale.ROOT).contains(filter.nameContains().toLowerCase(Locale.ROOT)))
                && (blank(filter.project()) || spec.project().equals(filter.project()))
                && (blank(filter.cluster()) || spec.destination().cluster().equals(filter.cluster()))
                && filter.labels().entrySet().stream()
                .allMatch(label -> label.getValue().equals(spec.labels().get(label.getKey())))
                && (text == null || entry.searchText().contains(text))
                && filter.visible().test(spec);
    }

    /** The sync status as the API and metrics name it: Synced, OutOfSync or Unknown. */
    static String syncName(Optional<ApplicationStatus> status) {
        return switch (status.map(ApplicationStatus::sync).orElse(ApplicationStatus.Sync.UNKNOWN)) {
            case SYNCED -> "Synced";
            case OUT_OF_SYNC -> "OutOfSync";
            case UNKNOWN -> "Unknown";
        };
    }

    private static String healthName(Optional<ApplicationStatus> status) {
        return status.map(current -> current.health().status().displayName()).orElse("Unknown");
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    @Override
    public Optional<ApplicationView> application(String name) {
        return Optional.ofNullable(applications.byName().get(name)).map(this::view);
    }

    private ApplicationView view(Entry entry) {
        return new ApplicationView(entry.spec(), entry.origin(), controller.status(entry.spec().name()));
    }

    @Override
    public ApplicationView create(ApplicationSpec spec, String actor) {
        requireAllowedSource(spec);
        synchronized (lock) {
            ApplicationSpec checked = checked(spec);
            Entry existing = applications.byName().get(checked.name());
            if (existing != null) {
                throw new ServiceException.Conflict("application " + checked.name() + " already exists"
                        + (existing.origin() == Origin.API ? "" : " (" + describe(existing.origin()) + ")"));
            }
            try {
                store.applications().create(definition(checked), actor);
            } catch (StoreException.AlreadyExists e) {
                throw new ServiceException.Conflict(e.getMessage());
            }
            Entry entry = new Entry(checked, Origin.API);
            putApplication(entry);
            audit(actor, "application.create", checked.name(), summary(checked));
            return view(entry);
        }
    }

    @Override
    public ApplicationView update(ApplicationSpec spec, String actor) {
        requireAllowedSource(spec);
        synchronized (lock) {
            ApplicationSpec checked = checked(spec);
            requireChangeable(checked.name());
            try {
                store.applications().update(definition(checked));
            } catch (StoreException.NotFound e) {
                throw new ServiceException.NotFound(e.getMessage());
            }
            Entry entry = new Entry(checked, Origin.API);
            putApplication(entry);
            boolean resumed = checked.syncPolicy().automated() && pin(checked.name()).isPresent();
            if (resumed) {
                controller.resumeAutomation(checked.name());
                recordPin(checked.name(), Optional.empty());
            }
            audit(actor, "application.update", checked.name(), summary(checked)
                    + (resumed ? "; automated sync re-enabled, rollback pin released" : ""));
            return view(entry);
        }
    }

    @Override
    public void delete(String name, boolean cascade, String actor) {
        synchronized (lock) {
            Entry entry = requireChangeable(name);
            Optional<ClusterConnection> cluster = clusters.find(entry.spec().destination().cluster());
            if (cascade && cluster.isEmpty()) {
                throw new ServiceException.Conflict("application " + name + ": its cluster "
                        + entry.spec().destination().cluster() + " is not connected, so its objects cannot be deleted;"
                        + " delete without cascade");
            }
            store.applications().delete(name);
            Map<String, Entry> next = new TreeMap<>(applications.byName());
            next.remove(name);
            applications = Applications.of(next);
            controller.update(specs());
            changes.applicationDeleted(entry.spec());
            if (pin(name).isPresent()) {
                recordPin(name, Optional.empty());
            }
            String deleted = cascade ? "; deleted its objects: " + deleteTracked(name, cluster.orElseThrow().cluster())
                    : "; its objects stay in the cluster";
            audit(actor, "application.delete", name, "deleted application" + deleted);
        }
    }

    /**
     * Deletes every object in the cluster that carries this application's tracking annotation; {@link Cluster#prune}
     * checks the annotation again on each, so nothing else is ever deleted.
     */
    private static List<String> deleteTracked(String application, Cluster cluster) {
        ResourceMapper mapper = cluster.discover();
        List<String> deleted = new ArrayList<>();
        for (ResourceKey key : cluster.liveState(application, List.of(), mapper).keySet()) {
            if (cluster.prune(application, key, mapper)) {
                deleted.add(key.toString());
            }
        }
        return deleted;
    }

    private Entry requireChangeable(String name) {
        Entry entry = requireApplication(name);
        if (entry.origin() != Origin.API) {
            throw new ServiceException.Conflict("application " + name + " is " + describe(entry.origin())
                    + " and cannot be changed or deleted through the API");
        }
        return entry;
    }

    private Entry requireApplication(String name) {
        Entry entry = applications.byName().get(name);
        if (entry == null) {
            throw new ServiceException.NotFound("no application named " + name);
        }
        return entry;
    }

    private static String describe(Origin origin) {
        return switch (origin) {
            case CONFIG -> "declared in configuration";
            case SANDBOX -> "the sandbox's example";
            case API -> "created through the API";
            case INFERRED -> "inferred from the applications that use it";
            case BUILT_IN -> "built in";
        };
    }

    /** Checks a definition as the configuration would, and that its destination cluster exists. */
    private ApplicationSpec checked(ApplicationSpec spec) {
        Objects.requireNonNull(spec, "spec");
        ApplicationSpec checked;
        try {
            checked = ConfigLoader.readApplication(ConfigWriter.toYaml(spec), "application " + spec.name());
        } catch (ConfigException e) {
            throw new ServiceException.Invalid(e.getMessage());
        }
        if (!clusters.contains(checked.destination().cluster())) {
            throw new ServiceException.Invalid("application " + checked.name() + ": destination.cluster: no cluster named "
                    + checked.destination().cluster());
        }
        ProjectSpec project = projects.find(checked.project()).map(ProjectCatalog.Entry::spec)
                .orElseThrow(() -> new ServiceException.Invalid("application " + checked.name() + ": project: no project named "
                        + checked.project()));
        List<String> violations = project.applicationViolations(checked.source().repoUrl(),
                checked.destination().cluster(), checked.destination().namespace());
        if (!violations.isEmpty()) {
            throw new ServiceException.Invalid("application " + checked.name() + " is outside project "
                    + project.name() + ": " + String.join("; ", violations));
        }
        return checked;
    }

    /** Checked outside the lock: the check may wait for DNS. */
    private void requireAllowedSource(ApplicationSpec spec) {
        Objects.requireNonNull(spec, "spec");
        requireAllowed(spec.source().repoUrl(), "application " + spec.name() + ": source.repoURL");
    }

    /** Refuses a repository URL that the service may not fetch, naming {@code field}. */
    private void requireAllowed(String url, String field) {
        try {
            urlPolicy.check(url);
        } catch (SourceException refused) {
            throw new ServiceException.Invalid(field + ": " + refused.getMessage());
        }
    }

    private static ApplicationDefinition definition(ApplicationSpec spec) {
        return new ApplicationDefinition(spec.name(), spec.project(), spec.labels(), ConfigWriter.toYaml(spec));
    }

    private static String summary(ApplicationSpec spec) {
        return spec.source().repoUrl() + "@" + spec.source().revision() + ":" + spec.source().path() + " to cluster "
                + spec.destination().cluster() + (spec.destination().namespace().isEmpty() ? ""
                : " namespace " + spec.destination().namespace())
                + (spec.syncPolicy().automated() ? ", automated" : ", manual");
    }

    private void putApplication(Entry entry) {
        Map<String, Entry> next = new TreeMap<>(applications.byName());
        next.put(entry.spec().name(), entry);
        applications = Applications.of(next);
        controller.update(specs());
        changes.applicationChanged(entry.spec().name());
    }

    private List<ApplicationSpec> specs() {
        return applications.byName().values().stream().map(Entry::spec).toList();
    }

    // --- operations ---

    @Override
    public CompletableFuture<OperationRecord> sync(String name, SyncRequest request, String actor) {
        requireApplication(name);
        SyncRequest asked = new SyncRequest(request.revision(), request.prune(), request.dryRun(), request.resources(),
                actor);
        audit(actor, "sync", name, (request.dryRun() ? "dry run" : "sync")
                + request.revision().map(revision -> " of revision " + revision).orElse("")
                + request.prune().map(prune -> prune ? " with prune" : " without prune").orElse("")
                + (request.resources().isEmpty() ? "" : " of " + request.resources().size() + " resources"));
        return translated(controller.sync(name, asked));
    }

    @Override
    public void refresh(String name, String actor) {
        requireApplication(name);
        controller.refresh(name);
        audit(actor, "refresh", name, "asked for a comparison with Git and the cluster");
    }

    @Override
    public List<ResourceDiff> diff(String name) {
        requireApplication(name);
        try {
            Optional<Comparison> comparison = controller.inspect(name);
            if (comparison.isPresent()) {
                return comparison.get().diffs();
            }
        } catch (RenderException | RuntimeException e) {
            LOG.info("diff of {}: cannot compare now, answering the last recorded drift: {}", name, e.getMessage());
        }
        return controller.status(name).map(status -> status.resources().stream()
                        .map(resource -> new ResourceDiff(resource.key(), resource.sync(), resource.drift()))
                        .toList())
                .orElse(List.of());
    }

    @Override
    public List<ResourceNode> tree(String name) {
        return resourceTree(name).nodes(healthAssessor);
    }

    @Override
    public ResourceManifest manifest(String name, ResourceKey key) {
        return resourceTree(name).manifest(key).orElseThrow(() -> new ServiceException.NotFound("application " + name
                + " has no object " + key + " and none of its objects owns one"));
    }

    private ResourceTree resourceTree(String name) {
        Entry entry = requireApplication(name);
        String clusterName = entry.spec().destination().cluster();
        try {
            Comparison comparison = controller.inspect(name).orElseThrow(() -> new ServiceException.Conflict(
                    "application " + name + ": its cluster " + clusterName + " is not connected"));
            Cluster cluster = clusters.find(clusterName).orElseThrow(() -> new ServiceException.Conflict(
                    "application " + name + ": its cluster " + clusterName + " is not connected")).cluster();
            return new ResourceTree(comparison, cluster::list);
        } catch (RenderException | SourceException | ClusterException | ProjectViolationException e) {
            throw new ServiceException.Conflict("application " + name + " cannot be compared now: " + e.getMessage());
        }
    }

    @Override
    public List<OperationRecord> history(String name, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ServiceException.Invalid("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        List<OperationRecord> history = store.operations().history(name, limit);
        if (history.isEmpty() && !applications.byName().containsKey(name)) {
            throw new ServiceException.NotFound("no application named " + name);
        }
        return history;
    }

    @Override
    public CompletableFuture<OperationRecord> rollback(String name, long operationId, String actor) {
        requireApplication(name);
        OperationRecord target = store.operations().find(name, operationId).orElseThrow(() ->
                new ServiceException.NotFound("application " + name + " has no operation " + operationId));
        if (target.revision().isEmpty()) {
            throw new ServiceException.Invalid("operation " + operationId + " of application " + name
                    + " has no revision to roll back to: its source could not be read");
        }
        CompletableFuture<OperationRecord> done = controller.rollback(name, operationId);
        synchronized (lock) {
            recordPin(name, controller.status(name).flatMap(ApplicationStatus::rollback));
        }
        audit(actor, "rollback", name, "rolled back to operation " + operationId + " at revision " + target.revision()
                + "; automated sync is off until the application is updated with it on");
        return translated(done);
    }

    /** The controller's refusals, as the API reports them. */
    private static CompletableFuture<OperationRecord> translated(CompletableFuture<OperationRecord> operation) {
        return operation.handle((record, failure) -> {
            if (failure == null) {
                return record;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            throw new CompletionException(switch (cause) {
                case IllegalArgumentException invalid -> new ServiceException.Invalid(invalid.getMessage());
                case IllegalStateException refused -> new ServiceException.Conflict(refused.getMessage());
                default -> cause;
            });
        });
    }

    // --- rollback pins ---

    private Optional<ApplicationStatus.Rollback> pin(String application) {
        return controller.status(application).flatMap(ApplicationStatus::rollback);
    }

    private void recordPin(String application, Optional<ApplicationStatus.Rollback> pin) {
        store.events().append(new AuditEntry(PIN_ACTOR, pin.isPresent() ? PINNED : UNPINNED, application,
                AuditEntry.CONTROLLER, AuditEntry.OK, pin.map(rollback -> "pinned revision " + rollback.revision()
                        + " of operation " + rollback.operationId()).orElse("released the rollback pin")));
    }

    private void restorePins() {
        for (String application : applications.byName().keySet()) {
            store.events().list(new EventQuery(application, PIN_ACTOR, PageRequest.first(1))).items().stream()
                    .filter(event -> event.action().equals(PINNED))
                    .map(event -> PIN_MESSAGE.matcher(event.message()))
                    .filter(Matcher::matches)
                    .forEach(pin -> controller.restoreRollback(application,
                            new ApplicationStatus.Rollback(pin.group(1), Long.parseLong(pin.group(2)))));
        }
    }

    // --- clusters ---

    @Override
    public List<ClusterView> clusters() {
        Map<String, Integer> users = applications.perCluster();
        return clusters.views().stream().map(view -> view.withApplications(users.getOrDefault(view.name(), 0)))
                .toList();
    }

    @Override
    public void addCluster(StoredCluster cluster, String actor) {
        synchronized (lock) {
            Optional<ClusterView> existing = clusters.view(cluster.name());
            if (existing.isPresent()) {
                throw new ServiceException.Conflict("cluster " + cluster.name() + " already exists ("
                        + describe(existing.get().origin()) + ")");
            }
            ClusterRegistry.validate(cluster);
            try {
                store.clusters().create(cluster);
            } catch (StoreException.AlreadyExists e) {
                throw new ServiceException.Conflict(e.getMessage());
            }
            clusters.addStored(cluster);
            audit(actor, "cluster.add", null, "added cluster " + cluster.name() + " at "
                    + clusters.view(cluster.name()).map(ClusterView::server).orElse("?") + " with labels "
                    + new TreeMap<>(cluster.labels()));
            applications.byName().values().stream()
                    .filter(entry -> entry.spec().destination().cluster().equals(cluster.name()))
                    .forEach(entry -> controller.refresh(entry.spec().name()));
        }
    }

    @Override
    public void removeCluster(String name, String actor) {
        synchronized (lock) {
            ClusterView view = clusters.view(name).orElseThrow(() ->
                    new ServiceException.NotFound("no cluster named " + name));
            if (view.origin() != Origin.API) {
                throw new ServiceException.Conflict("cluster " + name + " is " + describe(view.origin())
                        + " and cannot be removed through the API");
            }
            List<String> users = applications.byName().values().stream()
                    .filter(entry -> entry.spec().destination().cluster().equals(name))
                    .map(entry -> entry.spec().name()).sorted().toList();
            if (!users.isEmpty()) {
                throw new ServiceException.Conflict("cluster " + name + " is the destination of " + users
                        + "; delete or move them first");
            }
            store.clusters().delete(name);
            clusters.remove(name);
            audit(actor, "cluster.remove", null, "removed cluster " + name);
        }
    }

    // --- projects ---

    @Override
    public List<ProjectView> projects() {
        return projects.all().stream().map(this::projectView).toList();
    }

    @Override
    public Optional<ProjectView> project(String name) {
        return projects.find(name).map(this::projectView);
    }

    private ProjectView projectView(ProjectCatalog.Entry entry) {
        String name = entry.spec().name();
        List<String> users = applications.byName().values().stream()
                .filter(application -> application.spec().project().equals(name))
                .map(application -> application.spec().name()).sorted().toList();
        return new ProjectView(entry.spec(), entry.origin(), entry.keys().ageIdentityCount(), entry.keys().pgpKeyCount(),
                users);
    }

    @Override
    public ProjectView createProject(ProjectSpec spec, ProjectKeys keys, String actor) {
        synchronized (lock) {
            Optional<ProjectCatalog.Entry> existing = projects.find(spec.name());
            if (existing.isPresent()) {
                throw new ServiceException.Conflict("project " + spec.name() + " already exists"
                        + (existing.get().origin() == Origin.API ? "" : " (" + describe(existing.get().origin()) + ")"));
            }
            StoredProject stored = new StoredProject(spec, keys);
            try {
                store.projects().create(stored, actor);
            } catch (StoreException.AlreadyExists e) {
                throw new ServiceException.Conflict(e.getMessage());
            }
            return putProject(new ProjectCatalog.Entry(spec, stored.keys(), Origin.API), actor, "project.create");
        }
    }

    @Override
    public ProjectView updateProject(ProjectSpec spec, Optional<ProjectKeys> keys, String actor) {
        synchronized (lock) {
            ProjectCatalog.Entry existing = requireChangeableProject(spec.name());
            StoredProject stored = new StoredProject(spec, keys.orElse(existing.keys()));
            try {
                store.projects().update(stored);
            } catch (StoreException.NotFound e) {
                throw new ServiceException.NotFound(e.getMessage());
            }
            return putProject(new ProjectCatalog.Entry(spec, stored.keys(), Origin.API), actor, "project.update");
        }
    }

    private ProjectView putProject(ProjectCatalog.Entry entry, String actor, String action) {
        projects.put(entry);
        projectsChanged();
        ProjectSpec spec = entry.spec();
        audit(actor, action, null, "project " + spec.name() + ": sourceRepos " + spec.sourceRepos() + ", "
                + spec.destinations().size() + " destinations, " + spec.roles().size() + " roles, "
                + entry.keys().ageIdentityCount() + " age identities, " + entry.keys().pgpKeyCount() + " PGP keys");
        return projectView(entry);
    }

    @Override
    public void deleteProject(String name, String actor) {
        synchronized (lock) {
            ProjectView view = projectView(requireChangeableProject(name));
            if (!view.applications().isEmpty()) {
                throw new ServiceException.Conflict("project " + name + " is used by applications "
                        + view.applications() + "; delete them or move them to another project first");
            }
            store.projects().delete(name);
            projects.remove(name);
            projectsChanged();
            audit(actor, "project.delete", null, "deleted project " + name);
        }
    }

    private ProjectCatalog.Entry requireChangeableProject(String name) {
        ProjectCatalog.Entry entry = projects.find(name)
                .orElseThrow(() -> new ServiceException.NotFound("no project named " + name));
        if (entry.origin() != Origin.API) {
            throw new ServiceException.Conflict("project " + name + " is " + describe(entry.origin())
                    + " and cannot be changed or deleted through the API");
        }
        return entry;
    }

    @Override
    public Optional<ProjectKeys> projectKeys(String name) {
        return projects.find(name).map(ProjectCatalog.Entry::keys).filter(keys -> !keys.isEmpty());
    }

    @Override
    public List<String> projectPolicyLines() {
        return projects.all().stream().flatMap(entry -> entry.spec().policyLines().stream()).distinct().toList();
    }

    /**
     * Hands the project roles' policy lines ({@link #projectPolicyLines()}) to {@code listener} now and after every
     * change of the projects, so that RBAC follows project roles as they are created, changed and deleted.
     */
    public void onProjectPolicies(Consumer<List<String>> listener) {
        projectPolicyListener = listener;
        listener.accept(projectPolicyLines());
    }

    /** The controller and RBAC take the projects as they now are. */
    private void projectsChanged() {
        controller.updateProjects(projects.specs(), projects.decryptionKeys());
        projectPolicyListener.accept(projectPolicyLines());
    }

    // --- repositories ---

    /**
     * The credentials, then the repositories applications use that no credentials cover, each with the
     * applications using it and how its last polls went.
     */
    @Override
    public List<RepositoryView> repositories() {
        NavigableMap<String, Integer> usersByUrl = applications.perRepoUrl();
        Map<String, RepositoryPoll> polls = controller.repositoryPolls();
        List<RepositoryView> credentials = Stream.concat(
                        declaredRepositories.stream().map(spec -> Credentials.view(spec, Origin.CONFIG)),
                        store.repositories().all().stream().map(stored -> new RepositoryView(stored.urlPrefix(),
                                stored.type().name(), stored.username(), Origin.API)))
                .map(view -> used(view, underPrefix(usersByUrl, view.urlPrefix()), polls))
                .toList();
        Map<String, Map<String, Integer>> uncoveredByIdentity = usersByUrl.entrySet().stream()
                .filter(url -> credentials.stream().noneMatch(view -> url.getKey().startsWith(view.urlPrefix())))
                .collect(Collectors.groupingBy(url -> identity(url.getKey()), TreeMap::new,
                        Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Integer::sum, TreeMap::new)));
        Stream<RepositoryView> inferred = uncoveredByIdentity.values().stream().map(urls -> used(
                new RepositoryView(urls.keySet().iterator().next(), "NONE", null, Origin.INFERRED), urls, polls));
        return Stream.concat(credentials.stream(), inferred)
                .sorted(Comparator.comparing(RepositoryView::urlPrefix))
                .toList();
    }

    /** The repoURLs that start with {@code prefix}: sorted, they are one range of the map. */
    private static Map<String, Integer> underPrefix(NavigableMap<String, Integer> usersByUrl, String prefix) {
        return usersByUrl.tailMap(prefix, true).entrySet().stream()
                .takeWhile(url -> url.getKey().startsWith(prefix))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * A repository with the applications whose repoURLs are the keys of {@code usersByUrl}, and the last polls of
     * those URLs.
     */
    private static RepositoryView used(RepositoryView view, Map<String, Integer> usersByUrl,
                                       Map<String, RepositoryPoll> polls) {
        List<RepositoryPoll> last = usersByUrl.keySet().stream().map(DriftlessServiceImpl::identity).distinct()
                .map(polls::get).filter(Objects::nonNull).toList();
        Optional<RepositoryPoll> failed = last.stream().filter(poll -> !poll.succeeded()).findFirst();
        RepositoryView.PollState state = failed.isPresent() ? RepositoryView.PollState.FAILED
                : last.isEmpty() ? RepositoryView.PollState.UNKNOWN : RepositoryView.PollState.OK;
        int users = usersByUrl.values().stream().mapToInt(Integer::intValue).sum();
        return new RepositoryView(view.urlPrefix(), view.type(), view.username(), view.origin(), users, state,
                failed.map(RepositoryPoll::failure).orElse(""),
                last.stream().map(RepositoryPoll::at).max(Comparator.naturalOrder()));
    }

    /** As the controller keys its polls. */
    private static String identity(String repoUrl) {
        try {
            return RepositoryUrls.identity(repoUrl);
        } catch (IllegalArgumentException e) {
            return repoUrl;
        }
    }

    @Override
    public void addRepository(StoredRepository repository, String actor) {
        requireAllowed(repository.urlPrefix(), "repository: url");
        synchronized (lock) {
            if (declaredRepositories.stream().anyMatch(spec -> spec.urlPrefix().equals(repository.urlPrefix()))) {
                throw new ServiceException.Conflict("repository " + repository.urlPrefix()
                        + " is declared in configuration");
            }
            try {
                store.repositories().create(repository);
            } catch (StoreException.AlreadyExists e) {
                throw new ServiceException.Conflict(e.getMessage());
            }
            controller.updateRepositories(repositories(declaredRepositories));
            audit(actor, "repository.add", null, "added credentials of type " + repository.type() + " for "
                    + repository.urlPrefix() + (repository.username() == null ? "" : " as " + repository.username()));
        }
    }

    @Override
    public void removeRepository(String urlPrefix, String actor) {
        synchronized (lock) {
            if (declaredRepositories.stream().anyMatch(spec -> spec.urlPrefix().equals(urlPrefix))) {
                throw new ServiceException.Conflict("repository " + urlPrefix
                        + " is declared in configuration and cannot be removed through the API");
            }
            if (!store.repositories().delete(urlPrefix)) {
                throw new ServiceException.NotFound("no repository credentials for " + urlPrefix);
            }
            credentials.forget(urlPrefix);
            controller.updateRepositories(repositories(declaredRepositories));
            audit(actor, "repository.remove", null, "removed the credentials for " + urlPrefix);
        }
    }

    /** Declared credentials first: on equal prefixes, the declaration wins. */
    private List<RepositorySpec> repositories(List<RepositorySpec> declared) {
        List<RepositorySpec> all = new ArrayList<>(declared);
        Set<String> prefixes = declared.stream().map(RepositorySpec::urlPrefix).collect(Collectors.toSet());
        store.repositories().all().stream().filter(stored -> !prefixes.contains(stored.urlPrefix()))
                .map(credentials::toSpec).forEach(all::add);
        return all;
    }

    // --- events ---

    @Override
    public Page<AuditEvent> events(EventQuery query) {
        return store.events().list(query);
    }

    @Override
    public void record(AuditEntry entry) {
        audit(entry);
    }

    @Override
    public AuditVerification verifyAudit() {
        return store.events().verify();
    }

    @Override
    public void exportAudit(EventQuery query, Consumer<AuditEvent> sink) {
        store.events().export(query, sink);
    }

    @Override
    public AutoCloseable subscribe(Consumer<ServiceChange> listener) {
        return changes.subscribe(listener);
    }

    @Override
    public int onPush(PushEvent push, Predicate<ApplicationSpec> mayRefresh) {
        if (push.deletesRef()) {
            auditWebhook(push, 0);
            return 0;
        }
        List<String> paths = push.changedPathsComplete() ? push.changedPaths() : List.of();
        Set<String> refreshed = new TreeSet<>();
        for (String url : push.repositoryUrls()) {
            refreshed.addAll(controller.onPush(url, push.ref(), push.newSha(), paths, mayRefresh));
        }
        auditWebhook(push, refreshed.size());
        return refreshed.size();
    }

    /** Repository URLs are shown normalised, which drops any user information a payload might carry. */
    private void auditWebhook(PushEvent push, int refreshed) {
        String repository = push.repositoryUrls().isEmpty() ? "an unnamed repository"
                : RepoUrls.normalise(push.repositoryUrls().getFirst());
        String what = push.deletesRef() ? "deleted " + push.ref() : "moved " + push.ref() + " to "
                + push.newSha().substring(0, Math.min(7, push.newSha().length()));
        audit(new AuditEntry(WEBHOOK_ACTOR + push.provider().name().toLowerCase(Locale.ROOT), WEBHOOK_RECEIVED,
                null, AuditEntry.API, AuditEntry.OK, push.provider().displayName() + " push to " + repository + " "
                + what + (push.pusher().isBlank() ? "" : " by " + push.pusher())
                + "; refreshed " + refreshed + (refreshed == 1 ? " application" : " applications")));
    }

    /** Called on the controller's threads when an operation starts. */
    private void onSyncStarted(OperationRecord operation) {
        auditLater(new AuditEntry(operation.initiatedBy(), SYNC_STARTED, operation.application(),
                AuditEntry.CONTROLLER, "started", (operation.dryRun() ? "dry run" : "sync")
                + (operation.revision().isEmpty() ? "" : " of " + operation.revision()
                .substring(0, Math.min(7, operation.revision().length())))
                + (operation.prune() ? " with prune" : "") + " started"));
    }

    /** Called on the controller's threads: the audit log and notifications are written on threads of their own. */
    private void onEvent(ApplicationEvent event) {
        changes.applicationChanged(event.application());
        Optional<NotificationEvent> notification = switch (event) {
            case ApplicationEvent.SyncSucceeded succeeded -> recorded(succeeded.operation().initiatedBy(),
                    "sync.succeeded", AuditEntry.OK, NotificationTrigger.SYNC_SUCCEEDED, event,
                    succeeded.operation().revision(), succeeded.operation().message());
            case ApplicationEvent.SyncFailed failed -> recorded(failed.operation().initiatedBy(), "sync.failed",
                    AuditEntry.failed(failed.operation().message()), NotificationTrigger.SYNC_FAILED, event,
                    failed.operation().revision(), failed.operation().message());
            case ApplicationEvent.DriftReverted reverted -> recorded("self-heal", "drift.reverted", AuditEntry.OK,
                    NotificationTrigger.DRIFT_REVERTED, event, reverted.operation().revision(),
                    reverted.operation().message());
            case ApplicationEvent.DriftDetected drift -> recorded(SYSTEM_ACTOR, "drift.detected", "drifted",
                    NotificationTrigger.DRIFT_DETECTED, event, drift.revision(), drift.drifted().size()
                            + " objects changed in the cluster: " + drift.drifted().stream()
                            .map(resource -> resource.key().toString()).collect(Collectors.joining(", ")));
            case ApplicationEvent.HealthDegraded degraded -> recorded(SYSTEM_ACTOR, "health.degraded", "degraded",
                    NotificationTrigger.HEALTH_DEGRADED, event, "", degraded.message());
            case ApplicationEvent.StatusChanged ignored -> Optional.empty();
        };
        notification.ifPresent(sent -> Optional.ofNullable(applications.byName().get(event.application()))
                .ifPresent(entry -> notifier.notify(entry.spec(), sent)));
    }

    /** The audit entry carries the revision beside the message, so every sync's entry says what it applied. */
    private Optional<NotificationEvent> recorded(String actor, String action, String result,
                                                 NotificationTrigger trigger, ApplicationEvent event, String revision,
                                                 String message) {
        switch (event) {
            case ApplicationEvent.SyncSucceeded succeeded -> recordSync(succeeded.operation());
            case ApplicationEvent.SyncFailed failed -> recordSync(failed.operation());
            case ApplicationEvent.DriftReverted reverted -> recordSync(reverted.operation());
            default -> { }
        }
        auditLater(new AuditEntry(actor, action, event.application(), AuditEntry.CONTROLLER, result,
                revision.isEmpty() ? message : "revision " + revision + ": " + message));
        return Optional.of(new NotificationEvent(trigger, event.application(), revision, message, event.at()));
    }

    private void recordSync(OperationRecord operation) {
        Entry entry = applications.byName().get(operation.application());
        if (metrics != null && entry != null && operation.finishedAt() != null) {
            metrics.recordSync(entry.spec().destination().cluster(), operation.phase(),
                    Duration.between(operation.startedAt(), operation.finishedAt()));
        }
    }

    /** How many applications have this sync and health status, for the metrics gauges. */
    long count(String sync, HealthStatus health) {
        return controller.statuses().stream()
                .filter(status -> syncName(Optional.of(status)).equals(sync) && status.health().status() == health)
                .count();
    }

    /**
     * Appends what an API request asked for; the request's own entry, with the client's address and the answer's
     * status, is written by the API.
     */
    private void audit(String actor, String action, String application, String message) {
        audit(new AuditEntry(actor, action, application, AuditEntry.API, AuditEntry.OK, message));
    }

    /** Appends to the audit log now, so the entry is there when the call returns; a failed write is logged. */
    private void audit(AuditEntry entry) {
        try {
            changes.eventRecorded(store.events().append(entry));
        } catch (RuntimeException e) {
            LOG.error("cannot write {} of {} to the audit log: {}", entry.action(), entry.application(),
                    e.getMessage());
        }
    }

    /** Appends to the audit log in order, off the controller's threads. */
    private void auditLater(AuditEntry entry) {
        try {
            auditWriter.execute(() -> audit(entry));
        } catch (RejectedExecutionException closing) {
            LOG.warn("not auditing {} of {}: the service is closing", entry.action(), entry.application());
        }
    }

    /** Stops reconciling, then lets the audit entries already queued reach the store. */
    @Override
    public void close() {
        changes.close();
        controller.close();
        auditWriter.shutdown();
        try {
            if (!auditWriter.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("audit entries still queued were dropped on close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        notifier.close();
    }
}
