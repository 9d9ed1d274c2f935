package dev.driftless.engine.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.ProjectSpec;
import dev.driftless.engine.render.sops.SopsKeys;
import dev.driftless.engine.app.RepositorySpec;
import dev.driftless.engine.app.SyncPolicy;
import dev.driftless.engine.diff.Redaction;
import dev.driftless.engine.diff.ResourceDiff;
import dev.driftless.engine.diff.SyncState;
import dev.driftless.engine.health.Health;
import dev.driftless.engine.health.HealthAssessor;
import dev.driftless.engine.health.HealthStatus;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.model.Revision;
import dev.driftless.engine.render.Footprint;
import dev.driftless.engine.render.RenderException;
import dev.driftless.engine.render.RenderOptions;
import dev.driftless.engine.render.Renderer;
import dev.driftless.engine.source.GitSource;
import dev.driftless.engine.source.RepoSpec;
import dev.driftless.engine.source.Revisions;
import dev.driftless.engine.source.SourceException;
import dev.driftless.engine.sync.LeftoverHooks;
import dev.driftless.engine.sync.ResourceResult;
import dev.driftless.engine.sync.SyncAction;
import dev.driftless.engine.sync.SyncListener;
import dev.driftless.engine.sync.SyncOptions;
import dev.driftless.engine.sync.SyncResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.function.Predicate;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Keeps many applications in sync, continuously: compares each with its cluster when Git moves (polling or a push),
 * when one of its live objects changes (watches), or when asked, and syncs the automated ones.
 *
 * <p>One operation at a time per application: requests that arrive while one runs are queued, and refreshes
 * coalesce into one. Applications run on virtual threads, at most {@link ControllerSettings#parallelism()} at once.
 * Every sync is written to the {@link OperationLog} when it starts and when it ends. A source that cannot be read or
 * rendered leaves the cluster untouched and the status as it was, with the error; so does a poll that fails.
 *
 * <p>Each application keeps the desired state it rendered last: a compare caused by a change in the cluster reuses it
 * without asking Git, and a manual refresh reuses it when the repository's refs show the revision has not moved.
 */
public final class ApplicationController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationController.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ControllerSettings settings;
    private final ClusterProvider clusters;
    private final OperationLog log;
    private final ApplicationEvents events;
    private final GitSource git;
    private final DesiredStateLoader loader;
    private final HealthAssessor healthAssessor = new HealthAssessor();
    private final Map<String, AppState> apps = new ConcurrentHashMap<>();
    private final Semaphore slots;
    private final ScheduledExecutorService timer;
    private final RepositoryPoller poller;
    private final LiveWatches watches;
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private volatile List<RepositorySpec> repositories;
    private volatile Map<String, ProjectSpec> projects = Map.of(ProjectSpec.DEFAULT, ProjectSpec.unrestricted());
    private volatile Map<String, SopsKeys> projectKeys = Map.of();
    private volatile boolean started;
    private volatile boolean closed;

    /**
     * @param repositories credentials by URL prefix; the longest matching prefix wins
     * @param renderer     usually {@link dev.driftless.engine.render.Renderers}
     */
    public ApplicationController(ControllerSettings settings, ClusterProvider clusters, List<RepositorySpec> repositories,
                                 OperationLog log, ApplicationEvents events, GitSource git, Renderer renderer) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clusters = Objects.requireNonNull(clusters, "clusters");
        this.repositories = List.copyOf(repositories);
        this.log = Objects.requireNonNull(log, "log");
        this.events = Objects.requireNonNull(events, "events");
        this.loader = new DesiredStateLoader(Objects.requireNonNull(git, "git"), Objects.requireNonNull(renderer, "renderer"));
        this.slots = new Semaphore(settings.parallelism());
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("driftless-timer").factory());
        this.git = git;
        this.poller = new RepositoryPoller(git, settings.pollInterval(), settings.pollJitter(), this::onRefs,
                this::onPollFailure, settings.clock());
        this.watches = new LiveWatches(this::onLiveChange);
    }

    /**
     * Starts reconciling: takes the applications, finishes the operations a previous run left RUNNING
     * ({@link #resumeUnfinished()}), then compares every application and starts polling and watching.
     *
     * @return the operations finished as interrupted
     * @throws IllegalStateException when already started
     */
    public synchronized List<OperationRecord> start(List<ApplicationSpec> applications) {
        if (started) {
            throw new IllegalStateException("the controller is already started");
        }
        update(applications);
        List<OperationRecord> interrupted = resumeUnfinished();
        started = true;
        refreshAll();
        return interrupted;
    }

    /**
     * Replaces the set of applications: new ones are compared, changed ones compared again with their new
     * definition, removed ones forgotten (their objects stay in the cluster).
     *
     * @throws IllegalArgumentException when two applications have the same name
     */
    public synchronized void update(List<ApplicationSpec> applications) {
        Map<String, ApplicationSpec> byName = new LinkedHashMap<>();
        for (ApplicationSpec spec : applications) {
            if (byName.put(spec.name(), spec) != null) {
                throw new IllegalArgumentException("two applications are named '" + spec.name() + "'");
            }
        }
        apps.entrySet().removeIf(entry -> {
            boolean gone = !byName.containsKey(entry.getKey());
            if (gone) {
                entry.getValue().remove();
            }
            return gone;
        });
        Instant now = settings.clock().instant();
        byName.forEach((name, spec) -> {
            AppState existing = apps.get(name);
            if (existing == null) {
                AppState created = new AppState(spec, ApplicationStatus.unknown(name, now));
                apps.put(name, created);
                if (started) {
                    enqueue(created, false, GitCheck.REFS);
                }
            } else if (!existing.spec.equals(spec)) {
                existing.spec = spec;
                enqueue(existing, false, GitCheck.REFS);
            }
        });
        trackRepositories();
        watches.retainClusters(byName.values().stream().map(spec -> spec.destination().cluster()).toList());
    }

    /**
     * Replaces the projects applications belong to; the applications of projects that changed are compared again.
     * The built-in {@code default} project allows everything unless one is given in its place.
     */
    public void updateProjects(List<ProjectSpec> newProjects) {
        updateProjects(newProjects, Map.of());
    }

    /**
     * As {@link #updateProjects(List)}, with the SOPS keys each project's applications decrypt their sources with;
     * a project missing from {@code decryptionKeys} decrypts nothing.
     */
    public void updateProjects(List<ProjectSpec> newProjects, Map<String, SopsKeys> decryptionKeys) {
        Map<String, SopsKeys> previousKeys = projectKeys;
        projectKeys = Map.copyOf(decryptionKeys);
        Map<String, ProjectSpec> byName = new HashMap<>();
        byName.put(ProjectSpec.DEFAULT, ProjectSpec.unrestricted());
        newProjects.forEach(project -> byName.put(project.name(), project));
        Map<String, ProjectSpec> previous = projects;
        projects = Map.copyOf(byName);
        apps.values().stream()
                .filter(state -> !Objects.equals(previous.get(state.spec.project()), byName.get(state.spec.project()))
                        || !Objects.equals(previousKeys.get(state.spec.project()), projectKeys.get(state.spec.project())))
                .forEach(state -> enqueue(state, false, GitCheck.NONE));
    }

    /** Replaces the repository credentials; used from the next Git request. */
    public void updateRepositories(List<RepositorySpec> newRepositories) {
        repositories = List.copyOf(newRepositories);
        trackRepositories();
    }

    /**
     * Compares an application with Git and its cluster now (and syncs it if automated and out of sync). Git is only
     * asked for its refs: when the revision has not moved, the desired state rendered last time is compared again.
     *
     * @throws IllegalArgumentException when there is no such application
     */
    public void refresh(String application) {
        enqueue(state(application), false, GitCheck.REFS);
    }

    public void refreshAll() {
        apps.values().forEach(state -> enqueue(state, false, GitCheck.REFS));
    }

    /**
     * A push reported by a webhook: refreshes the applications of that repository whose revision the pushed ref
     * moves and, when the push lists changed files, only those whose render can read one of them: a plain directory
     * reads its path, a Kustomize build its path and the files the build read ({@link Footprint}). Applications
     * rendered with Helm or a plugin, or not rendered successfully yet, may read anything, so any changed file
     * refreshes them.
     *
     * @param ref          e.g. {@code refs/heads/main}
     * @param newSha       the pushed commit; applications already compared at it are left alone
     * @param changedPaths repository-relative files the pushed commits touched; empty when unknown
     * @param mayRefresh   the applications the push may refresh (the webhook's RBAC); others are left alone
     * @return the names of the applications refreshed, sorted
     */
    public List<String> onPush(String repoUrl, String ref, String newSha, List<String> changedPaths,
                               Predicate<ApplicationSpec> mayRefresh) {
        String identity = RepositoryUrls.identity(repoUrl);
        List<String> refreshed = new ArrayList<>();
        for (AppState state : apps.values()) {
            ApplicationSpec spec = state.spec;
            if (identityOf(spec).equals(identity) && PushMatch.revisionMatches(revisionOf(state), ref)
                    && !state.lastSeenSha.equals(newSha)
                    && PushMatch.pathsMatch(state.footprint, changedPaths) && mayRefresh.test(spec)) {
                enqueue(state, false, GitCheck.FETCH);
                refreshed.add(spec.name());
            }
        }
        return refreshed.stream().sorted().toList();
    }

    /**
     * Syncs an application as asked, after any operation running for it. Allowed for manual and automated
     * applications alike, unless an open sync window forbids manual syncs.
     *
     * @return the finished operation; fails with {@link IllegalStateException} when a sync window forbids it and with
     *         {@link IllegalArgumentException} when a requested resource is not part of the application
     * @throws IllegalArgumentException when there is no such application
     */
    public CompletableFuture<OperationRecord> sync(String application, SyncRequest request) {
        AppState state = state(application);
        CompletableFuture<OperationRecord> done = new CompletableFuture<>();
        if (state.offer(new ManualSync(request, done))) {
            submit(state);
        }
        return done;
    }

    /**
     * Syncs the revision of an earlier operation and keeps it: the revision stays pinned and automated sync off
     * until {@link #resumeAutomation}. The pin shows in {@link ApplicationStatus#rollback()} so the service can
     * persist it and give it back with {@link #restoreRollback} after a restart.
     *
     * @throws IllegalArgumentException when there is no such application or operation, or the operation has no revision
     */
    public CompletableFuture<OperationRecord> rollback(String application, long operationId) {
        AppState state = state(application);
        OperationRecord target = log.find(application, operationId).orElseThrow(() -> new IllegalArgumentException(
                "application '" + application + "' has no operation " + operationId));
        if (target.revision().isEmpty()) {
            throw new IllegalArgumentException("operation " + operationId + " of application '" + application
                    + "' has no revision to roll back to: its source could not be read");
        }
        state.setRollback(new ApplicationStatus.Rollback(target.revision(), operationId));
        publish(state, state.status);
        return sync(application, new SyncRequest(Optional.of(target.revision()), Optional.empty(), false, Set.of(),
                "rollback"));
    }

    /** Gives a persisted rollback back after a restart, without syncing. */
    public void restoreRollback(String application, ApplicationStatus.Rollback rollback) {
        AppState state = state(application);
        state.setRollback(Objects.requireNonNull(rollback, "rollback"));
        publish(state, state.status);
    }

    /** Ends a rollback: the application follows its own revision again and, if automated, syncs on its own. */
    public void resumeAutomation(String application) {
        AppState state = state(application);
        state.setRollback(null);
        publish(state, state.status);
        enqueue(state, false, GitCheck.REFS);
    }

    /**
     * Finishes the operations a previous run left RUNNING as FAILED "interrupted by restart", keeping the results
     * they recorded, so history stays complete; deletes the hooks they left that have a delete policy
     * ({@link LeftoverHooks}); and queues a fresh sync of each automated application among them.
     *
     * @return the operations finished
     */
    public List<OperationRecord> resumeUnfinished() {
        List<OperationRecord> finished = new ArrayList<>();
        for (OperationRecord running : log.unfinished()) {
            List<ResourceResult> results = new ArrayList<>(running.resources());
            results.addAll(leftoverHooks(running));
            OperationRecord interrupted = running.finished(settings.clock().instant(), OperationRecord.Phase.FAILED,
                    "interrupted by restart", results);
            log.finish(interrupted);
            finished.add(interrupted);
            AppState state = apps.get(running.application());
            if (state != null) {
                publish(state, state.status.withLastOperation(interrupted));
                if (automated(state)) {
                    enqueue(state, true, GitCheck.REFS);
                }
            }
        }
        return finished;
    }

    /** Hooks of an interrupted operation are only looked for while its application and cluster are still declared. */
    private List<ResourceResult> leftoverHooks(OperationRecord interrupted) {
        AppState state = apps.get(interrupted.application());
        if (interrupted.dryRun() || state == null) {
            return List.of();
        }
        return clusters.find(state.spec.destination().cluster())
                .map(connection -> LeftoverHooks.delete(connection.cluster(), interrupted.application(),
                        String.valueOf(interrupted.id()), interrupted.resources()))
                .orElse(List.of());
    }

    /** How the last poll of each repository went, keyed by {@link RepositoryUrls#identity}; absent until polled. */
    public Map<String, RepositoryPoll> repositoryPolls() {
        return poller.lastPolls();
    }

    /** The status of an application, from memory. */
    public Optional<ApplicationStatus> status(String application) {
        return Optional.ofNullable(apps.get(application)).map(state -> state.status);
    }

    /**
     * Compares an application with its cluster now, from the desired state rendered last (rendered afresh when none
     * is kept), without changing its status or syncing: for views of the objects themselves, such as a dashboard's
     * resource tree, manifests and text diffs.
     *
     * @return empty for an unknown application, or one whose cluster is not connected or project not declared
     */
    public Optional<Comparison> inspect(String application) throws RenderException {
        AppState state = apps.get(application);
        if (state == null) {
            return Optional.empty();
        }
        ApplicationSpec spec = state.spec;
        Optional<ClusterConnection> cluster = clusters.find(spec.destination().cluster());
        if (cluster.isEmpty()) {
            return Optional.empty();
        }
        ApplicationSource.Git source = new ApplicationSource.Git(spec.source().repoUrl(), revisionOf(state),
                RepositoryCredentials.forUrl(repositories, spec.source().repoUrl()), spec.source().path(),
                spec.source().render(), decryptionKeysOf(spec));
        Optional<ProjectSpec> project = projectOf(spec);
        if (project.isEmpty()) {
            return Optional.empty();
        }
        Application app = new Application(spec.name(), source, new SyncOptions(spec.syncPolicy().prune(),
                spec.syncPolicy().allowEmpty(), spec.syncPolicy().createNamespace(), spec.destination().namespace(),
                true, settings.applyMode()), spec.ignoreDifferences(), project.get(), spec.destination().cluster());
        return Optional.of(new Reconciler(loader, cluster.get().cluster(),
                watches.trackedObjects(spec.destination().cluster()))
                .compare(app, desiredState(state, source, GitCheck.NONE), state.unconfirmedWrites));
    }

    /** Every application's status, by name, from memory. */
    public List<ApplicationStatus> statuses() {
        return apps.values().stream().map(state -> state.status)
                .sorted(Comparator.comparing(ApplicationStatus::name)).toList();
    }

    /** Stops polling, watching and timers, and waits for running operations to end. */
    @Override
    public void close() {
        closed = true;
        poller.close();
        watches.close();
        timer.shutdownNow();
        Instant deadline = Instant.now().plus(CLOSE_TIMEOUT);
        for (Thread worker : List.copyOf(workers)) {
            try {
                Duration remaining = Duration.between(Instant.now(), deadline);
                worker.join(remaining.isNegative() ? Duration.ofMillis(1) : remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // --- triggers ---

    private void onRefs(String identity, Map<String, String> refs) {
        Map<List<String>, List<String>> changedByRange = new HashMap<>();
        for (AppState state : apps.values()) {
            if (identityOf(state.spec).equals(identity)) {
                clearPollError(state);
                Optional<String> advertised = Revisions.resolveAdvertised(refs, revisionOf(state));
                if (advertised.isPresent() && !advertised.get().equals(state.lastSeenSha)
                        && touched(state, advertised.get(), changedByRange)) {
                    enqueue(state, false, GitCheck.FETCH);
                }
            }
        }
    }

    /**
     * Whether the commits since an application was last compared touch what it renders, as a push would tell; in a
     * monorepo this keeps a poll from queueing every application of the repository. When that cannot be known
     * (never compared, a fetch failing), the answer is yes. Ranges are worked out once per poll.
     */
    private boolean touched(AppState state, String newSha, Map<List<String>, List<String>> changedByRange) {
        String from = state.lastSeenSha;
        if (from.isEmpty() || state.footprint.isAnywhere()) {
            return true;
        }
        try {
            String url = state.spec.source().repoUrl();
            RepoSpec repo = new RepoSpec(url, RepositoryCredentials.forUrl(repositories, url));
            List<String> changed = changedByRange.computeIfAbsent(List.of(from, newSha), range -> {
                git.fetch(repo, revisionOf(state));
                return git.changedPaths(repo, from, newSha);
            });
            return PushMatch.pathsMatch(state.footprint, changed);
        } catch (SourceException | IllegalArgumentException e) {
            return true;
        }
    }

    /** A poll that failed shows on every application of the repository until a poll succeeds again. */
    private void onPollFailure(String identity, String message) {
        Instant now = settings.clock().instant();
        for (AppState state : apps.values()) {
            if (identityOf(state.spec).equals(identity)) {
                state.pollError = message;
                publish(state, state.status.withError(message, now));
            }
        }
    }

    private void clearPollError(AppState state) {
        String pollError = state.pollError;
        if (!pollError.isEmpty()) {
            state.pollError = "";
            if (state.status.error().equals(pollError)) {
                publish(state, state.status.withError("", settings.clock().instant()));
            }
        }
    }

    /** A live object changed and Git did not: the desired state rendered last time is compared again, without Git. */
    private void onLiveChange(String application) {
        AppState state = apps.get(application);
        if (state != null && !closed && state.debouncing.compareAndSet(false, true)) {
            schedule(settings.watchDebounce(), () -> {
                state.debouncing.set(false);
                enqueue(state, false, GitCheck.NONE);
            });
        }
    }

    private void trackRepositories() {
        Map<String, RepoSpec> byIdentity = new TreeMap<>();
        for (AppState state : apps.values()) {
            String url = state.spec.source().repoUrl();
            try {
                byIdentity.putIfAbsent(identityOf(state.spec),
                        new RepoSpec(url, RepositoryCredentials.forUrl(repositories, url)));
            } catch (SourceException | IllegalArgumentException e) {
                LOG.warn("not polling application {}'s repository: {}", state.spec.name(), e.getMessage());
            }
        }
        poller.track(byIdentity);
    }

    // --- the work queue ---

    private void enqueue(AppState state, boolean forceSync, GitCheck git) {
        if (!closed && state.offer(new Refresh(forceSync, git))) {
            submit(state);
        }
    }

    private void submit(AppState state) {
        Thread worker = Thread.ofVirtual().name("reconcile " + state.name).unstarted(() -> drain(state));
        workers.add(worker);
        worker.start();
    }

    private void drain(AppState state) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            state.abandon();
            workers.remove(Thread.currentThread());
            return;
        }
        try {
            for (Work work = state.next(); work != null; work = state.next()) {
                try {
                    switch (work) {
                        case Refresh refresh -> reconcile(state, refresh);
                        case ManualSync manual -> manualSync(state, manual);
                    }
                } catch (RuntimeException e) {
                    LOG.error("reconciling application {} failed unexpectedly", state.name, e);
                    if (work instanceof ManualSync manual) {
                        manual.done().completeExceptionally(e);
                    }
                }
            }
        } finally {
            slots.release();
            workers.remove(Thread.currentThread());
        }
    }

    private void schedule(Duration delay, Runnable task) {
        if (!closed) {
            try {
                timer.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                LOG.debug("not scheduling: the controller is closing");
            }
        }
    }

    // --- one reconcile ---

    private void reconcile(AppState state, Refresh refresh) {
        ApplicationSpec spec = state.spec;
        boolean forceSync = refresh.forceSync();
        Instant now = settings.clock().instant();
        Optional<Target> target = target(state, spec, revisionOf(state), spec.syncPolicy().prune(), false, refresh.git(), now);
        if (target.isEmpty()) {
            return;
        }
        Comparison comparison = target.get().comparison();
        ApplicationStatus compared = statusOf(state, comparison, now);
        String sha = shaOf(comparison);
        if (!sha.equals(state.retrySha)) {
            state.resetRetries();
        }
        if (comparison.inSync() && !forceSync) {
            state.driftReported = false;
            publish(state, compared);
            return;
        }
        boolean clusterDrift = !comparison.inSync() && sha.equals(lastSyncedSha(state));
        SyncPolicy policy = spec.syncPolicy();
        if (!automated(state) || clusterDrift && !policy.selfHeal() && !forceSync) {
            publish(state, compared);
            reportDrift(state, compared, clusterDrift, now);
            return;
        }
        String what = "automated sync to " + shortSha(sha);
        SyncWindows.Verdict verdict = SyncWindows.evaluate(policy.windows(), spec.name(), spec.destination().cluster(), now);
        if (!verdict.automatedAllowed()) {
            publish(state, compared.withWaiting(Optional.of(new ApplicationStatus.Waiting(what, verdict.until(), verdict.reason()))));
            verdict.until().ifPresent(until -> schedule(Duration.between(now, until),
                    () -> enqueue(state, forceSync, GitCheck.NONE)));
            return;
        }
        if (state.failures > 0 && sha.equals(state.retrySha)) {
            if (state.failures > policy.retry().limit()) {
                publish(state, compared.withWaiting(Optional.of(new ApplicationStatus.Waiting(what, Optional.empty(),
                        "gave up after " + state.failures + " failed attempts; waiting for a new commit or a manual sync"))));
                return;
            }
            if (now.isBefore(state.nextRetryAt)) {
                publish(state, compared.withWaiting(Optional.of(retryWaiting(state, policy, what))));
                return;
            }
        }
        OperationRecord operation = runSync(state, target.get(), comparison.diffs(), clusterDrift ? "self-heal" : "automated", now);
        if (operation.phase() == OperationRecord.Phase.FAILED) {
            state.retrySha = sha;
            state.failures++;
            if (state.failures <= policy.retry().limit()) {
                Duration delay = policy.retry().delay(state.failures);
                state.nextRetryAt = settings.clock().instant().plus(delay);
                schedule(delay, () -> enqueue(state, false, GitCheck.NONE));
                publish(state, state.status.withWaiting(Optional.of(retryWaiting(state, policy, what))));
            } else {
                publish(state, state.status.withWaiting(Optional.of(new ApplicationStatus.Waiting(what, Optional.empty(),
                        "gave up after " + state.failures + " failed attempts; waiting for a new commit or a manual sync"))));
            }
        }
    }

    private static ApplicationStatus.Waiting retryWaiting(AppState state, SyncPolicy policy, String what) {
        return new ApplicationStatus.Waiting(what, Optional.of(state.nextRetryAt),
                "retry " + state.failures + " of " + policy.retry().limit() + " after a failed sync");
    }

    private void reportDrift(AppState state, ApplicationStatus compared, boolean clusterDrift, Instant now) {
        if (clusterDrift && !state.driftReported) {
            state.driftReported = true;
            List<ResourceStatus> drifted = compared.resources().stream()
                    .filter(resource -> resource.sync() != SyncState.SYNCED).toList();
            emit(new ApplicationEvent.DriftDetected(state.name, now, compared.revision().map(Revision::sha).orElse(""), drifted));
        }
    }

    private void manualSync(AppState state, ManualSync manual) {
        ApplicationSpec spec = state.spec;
        SyncRequest request = manual.request();
        Instant now = settings.clock().instant();
        SyncWindows.Verdict verdict = SyncWindows.evaluate(spec.syncPolicy().windows(), spec.name(),
                spec.destination().cluster(), now);
        if (!verdict.manualAllowed()) {
            manual.done().completeExceptionally(new IllegalStateException("application '" + spec.name()
                    + "' cannot sync now: " + verdict.reason() + " and forbids manual syncs"
                    + verdict.until().map(until -> " until " + until).orElse("")));
            return;
        }
        String revision = request.revision().orElseGet(() -> revisionOf(state));
        boolean prune = request.prune().orElse(spec.syncPolicy().prune());
        Optional<Target> target = target(state, spec, revision, prune, request.dryRun(), GitCheck.REFS, now);
        if (target.isEmpty()) {
            OperationRecord failed = recordFailure(state, revision, request, prune, now);
            manual.done().complete(failed);
            return;
        }
        Comparison comparison = target.get().comparison();
        Set<ResourceKey> known = comparison.diffs().stream().map(ResourceDiff::key).collect(Collectors.toSet());
        Set<ResourceKey> unknown = new HashSet<>(request.resources());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            manual.done().completeExceptionally(new IllegalArgumentException("application '" + spec.name()
                    + "' has no resources " + unknown.stream().map(ResourceKey::toString).sorted().toList()));
            return;
        }
        List<ResourceDiff> diffs = request.resources().isEmpty() ? comparison.diffs()
                : comparison.diffs().stream().filter(diff -> request.resources().contains(diff.key())).toList();
        if (!request.dryRun()) {
            publish(state, statusOf(state, comparison, now));
            state.resetRetries();
        }
        manual.done().complete(runSync(state, target.get(), diffs, request.initiatedBy(), now));
    }

    /** An operation whose source could not be read or rendered: recorded, and nothing touched. */
    private OperationRecord recordFailure(AppState state, String revision, SyncRequest request, boolean prune, Instant now) {
        OperationRecord started = log.start(new OperationRecord(0, state.name, "", null, request.initiatedBy(), now,
                null, OperationRecord.Phase.RUNNING, "", List.of(), prune, request.dryRun()));
        OperationRecord failed = started.finished(settings.clock().instant(), OperationRecord.Phase.FAILED,
                "revision '" + revision + "': " + state.status.error(), List.of());
        log.finish(failed);
        publish(state, state.status.withLastOperation(failed));
        emit(new ApplicationEvent.SyncFailed(state.name, failed.finishedAt(), failed));
        return failed;
    }

    /** What a sync needs: the application at a revision, its cluster, its rendered desired state, how they compare now. */
    private record Target(Application app, String clusterName, ClusterConnection cluster, DesiredState rendered,
                          Comparison comparison) {
    }

    /**
     * Compares from the cluster's watch cache, reading directly the objects the cache has not caught up with since
     * this application's last sync wrote them, so a status is never made of the cache's older copies.
     */
    private Comparison compare(AppState state, String clusterName, ClusterConnection cluster, Application app,
                               DesiredState rendered) {
        return compare(state, clusterName, cluster, app, rendered, Map.of());
    }

    /** {@link #compare(AppState, String, ClusterConnection, Application, DesiredState)}, taking {@code knownLive} as read. */
    private Comparison compare(AppState state, String clusterName, ClusterConnection cluster, Application app,
                               DesiredState rendered, Map<ResourceKey, ObjectNode> knownLive) {
        Comparison comparison = new Reconciler(loader, cluster.cluster(), watches.trackedObjects(clusterName))
                .compare(app, rendered, state.unconfirmedWrites, knownLive);
        state.unconfirmedWrites = watches.behind(clusterName, state.name, comparison, state.unconfirmedWrites);
        return comparison;
    }

    /** Compares; on failure records the error in the status, keeping the rest of it, and returns empty. */
    private Optional<Target> target(AppState state, ApplicationSpec spec, String revision, boolean prune, boolean dryRun,
                                    GitCheck git, Instant now) {
        Optional<ClusterConnection> cluster = clusters.find(spec.destination().cluster());
        if (cluster.isEmpty()) {
            publish(state, state.status.withError("cluster '" + spec.destination().cluster() + "' is not declared", now));
            return Optional.empty();
        }
        Optional<ProjectSpec> project = projectOf(spec);
        if (project.isEmpty()) {
            publish(state, state.status.withError("project '" + spec.project() + "' is not declared", now));
            return Optional.empty();
        }
        Application app = new Application(spec.name(), new ApplicationSource.Git(spec.source().repoUrl(), revision,
                RepositoryCredentials.forUrl(repositories, spec.source().repoUrl()), spec.source().path(),
                spec.source().render(), decryptionKeysOf(spec)),
                new SyncOptions(prune, spec.syncPolicy().allowEmpty(), spec.syncPolicy().createNamespace(),
                        spec.destination().namespace(), dryRun, settings.applyMode()),
                spec.ignoreDifferences(), project.get(), spec.destination().cluster());
        try {
            DesiredState rendered = desiredState(state, (ApplicationSource.Git) app.source(), git);
            String clusterName = spec.destination().cluster();
            watches.watch(clusterName, cluster.get().client(), cluster.get().cluster().discover().types());
            Comparison comparison = compare(state, clusterName, cluster.get(), app, rendered);
            state.footprint = rendered.footprint();
            if (revision.equals(revisionOf(state))) {
                state.lastSeenSha = shaOf(comparison);
            }
            watches.watch(clusterName, cluster.get().client(), comparison.mapper().types());
            return Optional.of(new Target(app, clusterName, cluster.get(), rendered, comparison));
        } catch (RenderException | RuntimeException e) {
            // What a failed render would read is unknown: a fix may touch files the last good render never read.
            state.footprint = Footprint.ANYWHERE;
            publish(state, state.status.withError(messageOf(e), now));
            return Optional.empty();
        }
    }

    /**
     * The application's desired state at a revision: the one rendered last when the repository, revision, path and
     * render options are the same and the commit has not moved (taken on trust when only a live object changed, or
     * when the revision is a commit SHA), else fetched and rendered afresh, replacing the one kept.
     */
    private DesiredState desiredState(AppState state, ApplicationSource.Git source, GitCheck check) throws RenderException {
        RenderKey key = new RenderKey(source.repoUrl(), source.revision(), source.path(), source.render());
        LastRender last = state.lastRender;
        if (last != null && last.key().equals(key) && check != GitCheck.FETCH
                && (check == GitCheck.NONE || Revisions.isFullSha(source.revision()) || notMoved(source, last.desired()))) {
            return last.desired();
        }
        DesiredState loaded = loader.load(source, state.footprint);
        // Secret values never stay in a cache (DESIGN.md): an application whose render holds a Secret, or decrypted
        // SOPS values into any object, is rendered afresh for every compare instead.
        boolean holdsSecrets = loaded.decrypted()
                || loaded.manifests().stream().anyMatch(manifest -> Redaction.isSecret(manifest.body()));
        state.lastRender = holdsSecrets ? null : new LastRender(key, loaded);
        return loaded;
    }

    private boolean notMoved(ApplicationSource.Git source, DesiredState rendered) {
        Map<String, String> refs = git.lsRemote(new RepoSpec(source.repoUrl(), source.credentials()));
        return Revisions.resolveAdvertised(refs, source.revision()).equals(rendered.revision().map(Revision::sha));
    }

    private OperationRecord runSync(AppState state, Target target, List<ResourceDiff> diffs, String initiatedBy,
                                    Instant now) {
        Comparison comparison = target.comparison();
        SyncOptions options = target.app().options();
        OperationRecord started = log.start(new OperationRecord(0, state.name, shaOf(comparison),
                comparison.revision().orElse(null), initiatedBy, now, null, OperationRecord.Phase.RUNNING, "",
                List.of(), options.prune(), options.dryRun()));
        publish(state, state.status.withLastOperation(started));
        Comparison toSync = new Comparison(comparison.revision(), comparison.desired(), comparison.live(), diffs,
                comparison.mapper());
        OperationRecord finished;
        Map<ResourceKey, ObjectNode> written = Map.of();
        try {
            Application asOperation = target.app().withOptions(options.withOperation(String.valueOf(started.id())));
            ClusterConnection writer = asOperation.impersonatedUser().map(target.cluster()::impersonating)
                    .orElse(target.cluster());
            SyncResult result = new Reconciler(loader, writer.cluster())
                    .sync(asOperation, toSync, progressOf(started)).result();
            written = result.written();
            finished = started.finished(settings.clock().instant(),
                    result.succeeded() ? OperationRecord.Phase.SUCCEEDED : OperationRecord.Phase.FAILED,
                    summary(result, comparison), result.resources());
        } catch (RuntimeException e) {
            finished = started.finished(settings.clock().instant(), OperationRecord.Phase.FAILED, messageOf(e), List.of());
        }
        log.finish(finished);
        boolean succeeded = finished.phase() == OperationRecord.Phase.SUCCEEDED;
        if (options.dryRun()) {
            publish(state, state.status.withLastOperation(finished));
            return finished;
        }
        state.unconfirmedWrites = withWrites(state.unconfirmedWrites, finished);
        if (succeeded) {
            state.lastSyncedSha = Optional.of(finished.revision());
            state.driftReported = false;
        }
        refreshStatusAfterSync(state, target, finished, written);
        Instant at = finished.finishedAt();
        emit(!succeeded ? new ApplicationEvent.SyncFailed(state.name, at, finished)
                : initiatedBy.equals("self-heal") ? new ApplicationEvent.DriftReverted(state.name, at, finished)
                : new ApplicationEvent.SyncSucceeded(state.name, at, finished));
        return finished;
    }

    /** Records each result as it comes; a store that fails loses progress, never the sync itself. */
    private SyncListener progressOf(OperationRecord running) {
        AtomicBoolean warned = new AtomicBoolean();
        return result -> {
            try {
                log.progress(running.id(), result);
            } catch (RuntimeException e) {
                if (warned.compareAndSet(false, true)) {
                    LOG.warn("cannot record the progress of operation {} of {}: {}", running.id(),
                            running.application(), messageOf(e));
                }
            }
        };
    }

    /**
     * Compares once more, taking the objects the sync wrote as the server answered the writes: a read right after
     * would return the same, and at a cold start those reads are most of an application's requests.
     */
    private void refreshStatusAfterSync(AppState state, Target target, OperationRecord finished,
                                        Map<ResourceKey, ObjectNode> written) {
        Instant now = settings.clock().instant();
        try {
            Comparison after = compare(state, target.clusterName(), target.cluster(), target.app(), target.rendered(),
                    written);
            publish(state, statusOf(state, after, now).withLastOperation(finished));
        } catch (RuntimeException e) {
            publish(state, state.status.withLastOperation(finished).withError(messageOf(e), now));
        }
    }

    private static String summary(SyncResult result, Comparison comparison) {
        if (!result.succeeded()) {
            ResourceResult first = result.failures().getFirst();
            return result.failures().size() + " of " + result.resources().size() + " objects failed; first "
                    + first.key() + ": " + first.message();
        }
        Map<SyncAction, Long> counts = result.resources().stream()
                .collect(Collectors.groupingBy(ResourceResult::action, TreeMap::new, Collectors.counting()));
        String revision = comparison.revision().map(Revision::shortSha).orElse("the working tree");
        return (result.dryRun() ? "dry run of " : "synced ") + revision + ": " + counts.entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey().name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    // --- status ---

    private ApplicationStatus statusOf(AppState state, Comparison comparison, Instant now) {
        List<ResourceStatus> resources = new ArrayList<>();
        List<Health> desiredHealth = new ArrayList<>();
        Set<ResourceKey> desiredKeys = comparison.desired().stream().map(Manifest::key).collect(Collectors.toSet());
        for (ResourceDiff diff : comparison.diffs()) {
            Health health = healthAssessor.assess(comparison.live().get(diff.key()));
            resources.add(new ResourceStatus(diff.key(), diff.state(), health, diff.fields()));
            if (desiredKeys.contains(diff.key())) {
                desiredHealth.add(health);
            }
        }
        HealthStatus worst = HealthAssessor.worst(desiredHealth);
        String message = desiredHealth.stream().filter(health -> health.status() == worst).map(Health::message)
                .findFirst().orElse("");
        ApplicationStatus.Sync sync = comparison.inSync() ? ApplicationStatus.Sync.SYNCED : ApplicationStatus.Sync.OUT_OF_SYNC;
        ApplicationStatus previous = state.status;
        return new ApplicationStatus(state.name, sync, new Health(worst, message), comparison.revision(), resources,
                state.pollError,
                previous.lastOperation(), Optional.empty(), previous.rollback(), now);
    }

    private void publish(AppState state, ApplicationStatus next) {
        ApplicationStatus previous;
        ApplicationStatus current;
        synchronized (state) {
            previous = state.status;
            current = next.withRollback(Optional.ofNullable(state.rollback));
            state.status = current;
        }
        if (current.sameStateAs(previous)) {
            return;
        }
        emit(new ApplicationEvent.StatusChanged(state.name, current.reconciledAt(), current));
        if (current.health().status() == HealthStatus.DEGRADED && previous.health().status() != HealthStatus.DEGRADED) {
            emit(new ApplicationEvent.HealthDegraded(state.name, current.reconciledAt(), current.health().message()));
        }
    }

    private void emit(ApplicationEvent event) {
        try {
            events.on(event);
        } catch (RuntimeException e) {
            LOG.error("the listener failed on {} of {}", event.getClass().getSimpleName(), event.application(), e);
        }
    }

    // --- helpers ---

    private AppState state(String application) {
        AppState state = apps.get(application);
        if (state == null) {
            throw new IllegalArgumentException("no application named '" + application + "'");
        }
        return state;
    }

    private SopsKeys decryptionKeysOf(ApplicationSpec spec) {
        return projectKeys.getOrDefault(spec.project(), SopsKeys.NONE);
    }

    private Optional<ProjectSpec> projectOf(ApplicationSpec spec) {
        return Optional.ofNullable(projects.get(spec.project()));
    }

    private static boolean automated(AppState state) {
        return state.spec.syncPolicy().automated() && state.rollback == null;
    }

    /** The revision an application follows: its rollback pin, else its own. */
    private static String revisionOf(AppState state) {
        ApplicationStatus.Rollback rollback = state.rollback;
        return rollback == null ? state.spec.source().revision() : rollback.revision();
    }

    private static String identityOf(ApplicationSpec spec) {
        try {
            return RepositoryUrls.identity(spec.source().repoUrl());
        } catch (IllegalArgumentException e) {
            return spec.source().repoUrl();
        }
    }

    /** The revision last synced successfully: known in memory after a sync, else from history. */
    private String lastSyncedSha(AppState state) {
        if (state.lastSyncedSha == null) {
            state.lastSyncedSha = log.history(state.name, 100).stream()
                    .filter(record -> record.phase() == OperationRecord.Phase.SUCCEEDED && !record.dryRun())
                    .map(OperationRecord::revision)
                    .findFirst();
        }
        return state.lastSyncedSha.orElse("");
    }

    /** The objects an operation wrote or deleted (hooks are not resources, so never compared) added to {@code keys}. */
    private static Set<ResourceKey> withWrites(Set<ResourceKey> keys, OperationRecord operation) {
        Set<ResourceKey> written = new HashSet<>(keys);
        operation.resources().stream()
                .filter(result -> !result.action().isHook() && result.action() != SyncAction.UNCHANGED
                        && result.action() != SyncAction.SKIPPED)
                .forEach(result -> written.add(result.key()));
        return Set.copyOf(written);
    }

    private static String shaOf(Comparison comparison) {
        return comparison.revision().map(Revision::sha).orElse("");
    }

    private static String shortSha(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    private static String messageOf(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    // --- per-application state ---

    private sealed interface Work permits Refresh, ManualSync {
    }

    /** How much of Git a refresh needs: nothing (a live object changed), the refs (has it moved?), a fetch (it moved). */
    private enum GitCheck { NONE, REFS, FETCH }

    /** Two refreshes coalesce into one that forces a sync if either did and asks Git as much as either did. */
    private record Refresh(boolean forceSync, GitCheck git) implements Work {

        Refresh merge(Refresh other) {
            return other == null ? this : new Refresh(forceSync || other.forceSync,
                    git.compareTo(other.git) >= 0 ? git : other.git);
        }
    }

    /** What a render depends on, besides the commit. */
    private record RenderKey(String repoUrl, String revision, String path, RenderOptions render) {
    }

    /** The desired state an application rendered last, so that a compare at the same commit skips Git and the render. */
    private record LastRender(RenderKey key, DesiredState desired) {
    }

    private record ManualSync(SyncRequest request, CompletableFuture<OperationRecord> done) implements Work {
    }

    /**
     * One application: its definition and status, read by anyone; its queue, guarded by its monitor; and what only
     * its single running worker touches (last synced revision, retries, drift reported).
     */
    private static final class AppState {
        final String name;
        final AtomicBoolean debouncing = new AtomicBoolean();
        volatile ApplicationSpec spec;
        volatile ApplicationStatus status;
        volatile ApplicationStatus.Rollback rollback;
        volatile Footprint footprint = Footprint.ANYWHERE;
        volatile String lastSeenSha = "";
        volatile String pollError = "";
        volatile LastRender lastRender;

        private boolean running;
        private boolean removed;
        private Refresh pendingRefresh;
        private final Deque<ManualSync> pendingSyncs = new ArrayDeque<>();

        Optional<String> lastSyncedSha;
        String retrySha = "";
        int failures;
        Instant nextRetryAt = Instant.MIN;
        boolean driftReported;
        volatile Set<ResourceKey> unconfirmedWrites = Set.of();

        AppState(ApplicationSpec spec, ApplicationStatus status) {
            this.name = spec.name();
            this.spec = spec;
            this.status = status;
        }

        /** Queues work; refreshes coalesce (a forced sync wins). @return whether a worker must be started */
        synchronized boolean offer(Work work) {
            if (removed) {
                if (work instanceof ManualSync manual) {
                    manual.done().completeExceptionally(new IllegalStateException("application '" + name + "' was removed"));
                }
                return false;
            }
            switch (work) {
                case Refresh refresh -> pendingRefresh = refresh.merge(pendingRefresh);
                case ManualSync manual -> pendingSyncs.add(manual);
            }
            if (running) {
                return false;
            }
            running = true;
            return true;
        }

        /** The next work, manual syncs first; null (and no longer running) when there is none. */
        synchronized Work next() {
            if (removed) {
                abandon();
                return null;
            }
            if (!pendingSyncs.isEmpty()) {
                return pendingSyncs.poll();
            }
            Work refresh = pendingRefresh;
            pendingRefresh = null;
            running = refresh != null;
            return refresh;
        }

        synchronized void abandon() {
            pendingSyncs.forEach(manual -> manual.done().completeExceptionally(
                    new IllegalStateException("application '" + name + "' was removed or the controller closed")));
            pendingSyncs.clear();
            pendingRefresh = null;
            running = false;
        }

        synchronized void remove() {
            removed = true;
        }

        synchronized void setRollback(ApplicationStatus.Rollback newRollback) {
            rollback = newRollback;
        }

        void resetRetries() {
            retrySha = "";
            failures = 0;
            nextRetryAt = Instant.MIN;
        }
    }
}
