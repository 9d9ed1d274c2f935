package dev.driftless.service;

import dev.driftless.api.webhook.PushEvent;
import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.ProjectKeys;
import dev.driftless.engine.app.ProjectSpec;
import dev.driftless.engine.diff.ResourceDiff;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.reconcile.OperationRecord;
import dev.driftless.engine.reconcile.SyncRequest;
import dev.driftless.store.AuditEntry;
import dev.driftless.store.AuditEvent;
import dev.driftless.store.AuditVerification;
import dev.driftless.store.EventQuery;
import dev.driftless.store.Page;
import dev.driftless.store.StoredCluster;
import dev.driftless.store.StoredRepository;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What the REST API (and so the CLI and the dashboard) can ask of a running Driftless. One implementation wires
 * the store, the declarative configuration and the reconcile loop; the API's tests use a fake.
 *
 * <p>Errors: {@link ServiceException.NotFound}, {@link ServiceException.Conflict} and
 * {@link ServiceException.Invalid} (with a message naming the field), which the API maps to 404, 409 and 400.
 * {@code actor} is who asked, for the audit log.
 */
public interface DriftlessService {

    ApplicationPage applications(ApplicationFilter filter, int limit, int offset);

    Optional<ApplicationView> application(String name);

    /** Only applications created through the API can be changed or deleted through it. */
    ApplicationView create(ApplicationSpec spec, String actor);

    ApplicationView update(ApplicationSpec spec, String actor);

    /** @param cascade also delete the objects the application tracks in its cluster */
    void delete(String name, boolean cascade, String actor);

    CompletableFuture<OperationRecord> sync(String name, SyncRequest request, String actor);

    void refresh(String name, String actor);

    /**
     * Drift per resource, Secret values redacted; compared now, with the normalised views of both sides, when the
     * cluster can be read, else as the status last recorded it (without views).
     */
    List<ResourceDiff> diff(String name);

    /**
     * The application's objects and the live objects they own, compared now.
     *
     * @throws ServiceException.Conflict when its cluster is not connected or its source cannot be rendered
     */
    List<ResourceNode> tree(String name);

    /**
     * One object of the application's tree, live and desired, redacted.
     *
     * @throws ServiceException.NotFound when the key is neither the application's nor owned by one of its objects
     */
    ResourceManifest manifest(String name, ResourceKey key);

    List<OperationRecord> history(String name, int limit);

    /** Syncs the revision of an earlier operation and turns automated sync off until re-enabled. */
    CompletableFuture<OperationRecord> rollback(String name, long operationId, String actor);

    List<ClusterView> clusters();

    void addCluster(StoredCluster cluster, String actor);

    void removeCluster(String name, String actor);

    List<RepositoryView> repositories();

    void addRepository(StoredRepository repository, String actor);

    void removeRepository(String urlPrefix, String actor);

    // --- projects ---

    /** Every project, the built-in {@code default} included, by name. */
    List<ProjectView> projects();

    Optional<ProjectView> project(String name);

    /** @throws ServiceException.Conflict when a project of that name exists */
    ProjectView createProject(ProjectSpec spec, ProjectKeys keys, String actor);

    /**
     * Only projects created through the API can be changed or deleted through it.
     *
     * @param keys the new SOPS keys; empty keeps the ones held (they are write-only)
     */
    ProjectView updateProject(ProjectSpec spec, Optional<ProjectKeys> keys, String actor);

    /** @throws ServiceException.Conflict when applications belong to it, naming them */
    void deleteProject(String name, String actor);

    /** The SOPS keys of a project, for rendering its applications; empty when it holds none. */
    Optional<ProjectKeys> projectKeys(String name);

    /** Every project role's Casbin lines ({@link ProjectSpec#policyLines()}), for the RBAC enforcer. */
    List<String> projectPolicyLines();

    Page<AuditEvent> events(EventQuery query);

    /** Appends an entry the API writes for a request it answered or refused (see {@code api/AuditTrail}). */
    void record(AuditEntry entry);

    /** Checks the audit log's hash chain. */
    AuditVerification verifyAudit();

    /** Hands every audit entry {@code query} matches to {@code sink}, oldest first, as it is read. */
    void exportAudit(EventQuery query, Consumer<AuditEvent> sink);

    /**
     * @param mayRefresh the applications the webhook may refresh (RBAC {@code applications, refresh} of subject
     *                   {@code webhook}); the others are left alone
     * @return how many applications the push refreshed
     */
    int onPush(PushEvent push, Predicate<ApplicationSpec> mayRefresh);

    /**
     * Tells {@code listener} of every change a live view shows, until the returned handle is closed: an
     * application's summary at most once per application per 250 ms, deletions and new events at once. The listener
     * is called on the service's threads and must not block.
     */
    AutoCloseable subscribe(Consumer<ServiceChange> listener);
}
