package dev.driftless.api;

import dev.driftless.api.webhook.PushEvent;
import dev.driftless.config.ConfigLoader;
import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.ProjectKeys;
import dev.driftless.engine.app.ProjectSpec;
import dev.driftless.engine.diff.ResourceDiff;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.reconcile.OperationRecord;
import dev.driftless.engine.reconcile.SyncRequest;
import dev.driftless.service.ApplicationFilter;
import dev.driftless.service.ApplicationPage;
import dev.driftless.service.ApplicationView;
import dev.driftless.service.ClusterView;
import dev.driftless.service.DriftlessService;
import dev.driftless.service.Origin;
import dev.driftless.service.ProjectView;
import dev.driftless.service.RepositoryView;
import dev.driftless.service.ResourceManifest;
import dev.driftless.service.ResourceNode;
import dev.driftless.service.ServiceChange;
import dev.driftless.service.ServiceException;
import dev.driftless.store.AuditEntry;
import dev.driftless.store.AuditEvent;
import dev.driftless.store.AuditVerification;
import dev.driftless.store.EventQuery;
import dev.driftless.store.Page;
import dev.driftless.store.StoredCluster;
import dev.driftless.store.StoredRepository;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An in-memory {@link DriftlessService} that records what the API asked of it. It pages but does not filter the
 * applications: filtering is the service's job, and the API's tests check only that the filter reaches it.
 */
final class FakeDriftlessService implements DriftlessService {

    final Map<String, ApplicationView> applications = new TreeMap<>();
    final Map<String, StoredCluster> clusters = new TreeMap<>();
    final Map<String, StoredRepository> repositories = new TreeMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<PushEvent> pushes = new CopyOnWriteArrayList<>();
    final List<Consumer<ServiceChange>> listeners = new CopyOnWriteArrayList<>();
    List<ResourceDiff> diff = List.of();
    List<ResourceNode> tree = List.of();
    final Map<ResourceKey, ResourceManifest> manifests = new TreeMap<>();
    List<OperationRecord> history = List.of();
    List<AuditEvent> events = List.of();
    final List<AuditEntry> recorded = new CopyOnWriteArrayList<>();
    AuditVerification verification = new AuditVerification(0, Optional.empty());
    ApplicationPage.StatusCounts counts = new ApplicationPage.StatusCounts(Map.of(), Map.of());
    CompletableFuture<OperationRecord> nextOperation = new CompletableFuture<>();
    RuntimeException failure;

    volatile ApplicationFilter lastFilter;
    volatile int lastLimit;
    volatile int lastOffset;
    volatile SyncRequest lastSync;
    volatile EventQuery lastEventQuery;

    /** A definition as a configuration file would declare it. */
    static ApplicationSpec spec(String name) {
        return ConfigLoader.readApplication("""
                apiVersion: driftless.dev/v1alpha1
                kind: Application
                metadata:
                  name: %s
                  labels: {team: shop, env: prod}
                spec:
                  project: retail
                  source:
                    repoURL: https://git.example.com/shop.git
                    targetRevision: main
                    path: k8s/%s
                  destination:
                    cluster: prod
                    namespace: shop
                  syncPolicy:
                    automated:
                      prune: true
                      selfHeal: true
                """.formatted(name, name), "test");
    }

    FakeDriftlessService with(ApplicationView view) {
        applications.put(view.spec().name(), view);
        return this;
    }

    @Override
    public ApplicationPage applications(ApplicationFilter filter, int limit, int offset) {
        check();
        lastFilter = filter;
        lastLimit = limit;
        lastOffset = offset;
        List<ApplicationView> all = applications.values().stream()
                .filter(view -> filter.visible().test(view.spec())).toList();
        List<ApplicationView> page = all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
        return new ApplicationPage(page, all.size(), offset, limit, counts);
    }

    @Override
    public Optional<ApplicationView> application(String name) {
        check();
        return Optional.ofNullable(applications.get(name));
    }

    @Override
    public ApplicationView create(ApplicationSpec spec, String actor) {
        check();
        if (applications.containsKey(spec.name())) {
            throw new ServiceException.Conflict("application " + spec.name() + " exists");
        }
        calls.add("create " + spec.name() + " by " + actor);
        ApplicationView view = new ApplicationView(spec, Origin.API, Optional.empty());
        applications.put(spec.name(), view);
        return view;
    }

    @Override
    public ApplicationView update(ApplicationSpec spec, String actor) {
        ApplicationView existing = changeable(spec.name());
        calls.add("update " + spec.name() + " by " + actor);
        ApplicationView view = new ApplicationView(spec, existing.origin(), existing.status());
        applications.put(spec.name(), view);
        return view;
    }

    @Override
    public void delete(String name, boolean cascade, String actor) {
        changeable(name);
        calls.add("delete " + name + (cascade ? " with cascade" : "") + " by " + actor);
        applications.remove(name);
    }

    @Override
    public CompletableFuture<OperationRecord> sync(String name, SyncRequest request, String actor) {
        existing(name);
        calls.add("sync " + name + " by " + actor);
        lastSync = request;
        return nextOperation;
    }

    @Override
    public void refresh(String name, String actor) {
        existing(name);
        calls.add("refresh " + name + " by " + actor);
    }

    @Override
    public List<ResourceDiff> diff(String name) {
        existing(name);
        return diff;
    }

    @Override
    public List<ResourceNode> tree(String name) {
        existing(name);
        return tree;
    }

    @Override
    public ResourceManifest manifest(String name, ResourceKey key) {
        existing(name);
        return Optional.ofNullable(manifests.get(key)).orElseThrow(() ->
                new ServiceException.NotFound("application " + name + " has no object " + key));
    }

    @Override
    public List<OperationRecord> history(String name, int limit) {
        existing(name);
        calls.add("history " + name + " limit " + limit);
        return history.stream().limit(limit).toList();
    }

    @Override
    public CompletableFuture<OperationRecord> rollback(String name, long operationId, String actor) {
        existing(name);
        if (history.stream().noneMatch(operation -> operation.id() == operationId)) {
            throw new ServiceException.NotFound("application " + name + " has no history entry " + operationId);
        }
        calls.add("rollback " + name + " to " + operationId + " by " + actor);
        return nextOperation;
    }

    @Override
    public List<ClusterView> clusters() {
        check();
        return clusters.values().stream().map(cluster -> new ClusterView(cluster.name(),
                "https://" + cluster.name() + ".example.com:6443", cluster.labels(), false, Origin.API)).toList();
    }

    @Override
    public void addCluster(StoredCluster cluster, String actor) {
        check();
        if (clusters.putIfAbsent(cluster.name(), cluster) != null) {
            throw new ServiceException.Conflict("cluster " + cluster.name() + " exists");
        }
        calls.add("add cluster " + cluster.name() + " by " + actor);
    }

    @Override
    public void removeCluster(String name, String actor) {
        check();
        if (clusters.remove(name) == null) {
            throw new ServiceException.NotFound("no cluster named " + name);
        }
        calls.add("remove cluster " + name + " by " + actor);
    }

    @Override
    public List<RepositoryView> repositories() {
        check();
        return repositories.values().stream().map(repository -> new RepositoryView(repository.urlPrefix(),
                repository.type().name().toLowerCase(Locale.ROOT), repository.username(), Origin.API)).toList();
    }

    @Override
    public void addRepository(StoredRepository repository, String actor) {
        check();
        if (repositories.putIfAbsent(repository.urlPrefix(), repository) != null) {
            throw new ServiceException.Conflict("repository " + repository.urlPrefix() + " exists");
        }
        calls.add("add repository " + repository.urlPrefix() + " by " + actor);
    }

    @Override
    public void removeRepository(String urlPrefix, String actor) {
        check();
        if (repositories.remove(urlPrefix) == null) {
            throw new ServiceException.NotFound("no repository credentials for " + urlPrefix);
        }
        calls.add("remove repository " + urlPrefix + " by " + actor);
    }

    // --- projects: kept in a map, keys counted as the service counts them ---

    final Map<String, ProjectView> projects = new TreeMap<>();

    @Override
    public List<ProjectView> projects() {
        check();
        return List.copyOf(projects.values());
    }

    @Override
    public Optional<ProjectView> project(String name) {
        check();
        return Optional.ofNullable(projects.get(name));
    }

    @Override
    public ProjectView createProject(ProjectSpec spec, ProjectKeys keys, String actor) {
        check();
        calls.add("createProject " + spec.name() + " by " + actor);
        ProjectView view = new ProjectView(spec, Origin.API, keys.ageIdentityCount(), keys.pgpKeyCount(), List.of());
        projects.put(spec.name(), view);
        return view;
    }

    @Override
    public ProjectView updateProject(ProjectSpec spec, Optional<ProjectKeys> keys, String actor) {
        check();
        calls.add("updateProject " + spec.name() + " by " + actor);
        ProjectView previous = projects.get(spec.name());
        ProjectView view = keys.map(given -> new ProjectView(spec, Origin.API, given.ageIdentityCount(),
                given.pgpKeyCount(), List.of())).orElse(new ProjectView(spec, Origin.API, previous.ageIdentities(),
                previous.pgpKeys(), List.of()));
        projects.put(spec.name(), view);
        return view;
    }

    @Override
    public void deleteProject(String name, String actor) {
        check();
        calls.add("deleteProject " + name + " by " + actor);
        projects.remove(name);
    }

    @Override
    public Optional<ProjectKeys> projectKeys(String name) {
        check();
        return Optional.empty();
    }

    @Override
    public List<String> projectPolicyLines() {
        check();
        return projects.values().stream().flatMap(view -> view.spec().policyLines().stream()).toList();
    }

    @Override
    public Page<AuditEvent> events(EventQuery query) {
        check();
        lastEventQuery = query;
        return new Page<>(events, events.size() + 40L);
    }

    @Override
    public void record(AuditEntry entry) {
        recorded.add(entry);
    }

    @Override
    public AuditVerification verifyAudit() {
        check();
        return verification;
    }

    @Override
    public void exportAudit(EventQuery query, Consumer<AuditEvent> sink) {
        check();
        lastEventQuery = query;
        events.forEach(sink);
    }

    @Override
    public AutoCloseable subscribe(Consumer<ServiceChange> listener) {
        check();
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Delivers a change to every subscriber, as the service's change feed would. */
    void publish(ServiceChange change) {
        listeners.forEach(listener -> listener.accept(change));
    }

    @Override
    public int onPush(PushEvent push, Predicate<ApplicationSpec> mayRefresh) {
        pushes.add(push);
        return (int) applications.values().stream().map(ApplicationView::spec).filter(mayRefresh).count();
    }

    private ApplicationView existing(String name) {
        check();
        ApplicationView view = applications.get(name);
        if (view == null) {
            throw new ServiceException.NotFound("no application named " + name);
        }
        return view;
    }

    private ApplicationView changeable(String name) {
        ApplicationView view = existing(name);
        if (view.origin() != Origin.API) {
            throw new ServiceException.Conflict("application " + name + " is declared in configuration");
        }
        return view;
    }

    private void check() {
        if (failure != null) {
            throw failure;
        }
    }
}
