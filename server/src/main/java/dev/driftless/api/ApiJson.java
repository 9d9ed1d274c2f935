package dev.driftless.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.config.ConfigWriter;
import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.diff.DiffFormatter;
import dev.driftless.engine.diff.ResourceDiff;
import dev.driftless.engine.health.HealthStatus;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.model.Revision;
import dev.driftless.engine.reconcile.ApplicationStatus;
import dev.driftless.engine.reconcile.OperationRecord;
import dev.driftless.engine.reconcile.ResourceStatus;
import dev.driftless.engine.sync.ResourceResult;
import dev.driftless.service.ApplicationPage;
import dev.driftless.service.ApplicationView;
import dev.driftless.service.ClusterView;
import dev.driftless.service.Origin;
import dev.driftless.service.ProjectView;
import dev.driftless.service.RepositoryView;
import dev.driftless.service.ResourceManifest;
import dev.driftless.service.ResourceNode;
import dev.driftless.store.AuditEvent;
import dev.driftless.store.AuditVerification;
import dev.driftless.store.Page;
import dev.driftless.store.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The JSON forms of the service's views, as {@code api/openapi.yaml} defines them. Only views reach here, never
 * stored credentials, so no answer can carry a secret.
 */
final class ApiJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ApiJson() {
    }

    static String syncName(ApplicationStatus.Sync sync) {
        return switch (sync) {
            case SYNCED -> "Synced";
            case OUT_OF_SYNC -> "OutOfSync";
            case UNKNOWN -> "Unknown";
        };
    }

    static String originName(Origin origin) {
        return origin.name().toLowerCase(Locale.ROOT);
    }

    /** A page of summaries, built from the records alone: no definition is serialised for the list. */
    static ObjectNode page(ApplicationPage page) {
        ObjectNode result = NODES.objectNode();
        ArrayNode items = result.putArray("items");
        page.items().forEach(view -> items.add(summary(view)));
        result.put("total", page.total()).put("offset", page.offset()).put("limit", page.limit());
        ObjectNode counts = result.putObject("counts");
        putCounts(counts.putObject("sync"), page.counts().sync(), Metrics.SYNC_STATUSES);
        putCounts(counts.putObject("health"), page.counts().health(),
                Arrays.stream(HealthStatus.values()).map(HealthStatus::displayName).toList());
        return result;
    }

    private static void putCounts(ObjectNode node, Map<String, Long> counts, List<String> order) {
        order.forEach(status -> node.put(status, counts.getOrDefault(status, 0L)));
    }

    static ObjectNode summary(ApplicationView view) {
        ApplicationSpec spec = view.spec();
        ObjectNode summary = NODES.objectNode()
                .put("name", spec.name())
                .put("project", spec.project())
                .put("cluster", spec.destination().cluster())
                .put("namespace", spec.destination().namespace())
                .put("repoURL", spec.source().repoUrl())
                .put("path", spec.source().path());
        putLabels(summary, spec.labels());
        Optional<ApplicationStatus> status = view.status();
        summary.put("sync", status.map(s -> syncName(s.sync())).orElse("Unknown"));
        summary.put("health", status.map(s -> s.health().status()).orElse(HealthStatus.UNKNOWN).displayName());
        status.flatMap(ApplicationStatus::revision).ifPresent(revision -> summary.put("revision", revision.sha()));
        summary.put("automated", automated(view));
        summary.put("origin", originName(view.origin()));
        status.flatMap(ApplicationStatus::lastOperation).ifPresent(operation -> {
            if (operation.finishedAt() != null) {
                summary.put("lastSyncedAt", text(operation.finishedAt()));
            }
            summary.put("lastSyncResult", operation.phase().name());
        });
        status.flatMap(ApiJson::message).ifPresent(message -> summary.put("message", message));
        return summary;
    }

    /** The status error, else the health message: the one line a list shows about what is wrong. */
    private static Optional<String> message(ApplicationStatus status) {
        return Stream.of(status.error(), status.health().message()).filter(text -> text != null && !text.isEmpty())
                .findFirst();
    }

    /** The declarative document, the origin and the status. */
    static ObjectNode application(ApplicationView view) {
        ObjectNode result = NODES.objectNode();
        result.set("definition", ConfigWriter.toTree(view.spec()));
        result.put("origin", originName(view.origin()));
        result.set("status", view.status().map(ApiJson::status).orElseGet(ApiJson::notComparedYet));
        return result;
    }

    static ObjectNode status(ApplicationStatus status) {
        ObjectNode result = NODES.objectNode()
                .put("sync", syncName(status.sync()))
                .put("health", status.health().status().displayName())
                .put("healthMessage", status.health().message());
        status.revision().ifPresent(revision -> putRevision(result, revision));
        ArrayNode resources = result.putArray("resources");
        status.resources().forEach(resource -> resources.add(resource(resource)));
        status.lastOperation().ifPresent(operation -> result.set("lastOperation", operation(operation)));
        ArrayNode errors = result.putArray("errors");
        if (!status.error().isEmpty()) {
            errors.add(status.error());
        }
        status.waiting().ifPresent(waiting -> result.put("waiting", waiting(waiting)));
        status.rollback().ifPresent(rollback -> result.putObject("rollback")
                .put("revision", rollback.revision())
                .put("operationId", rollback.operationId()));
        return result.put("reconciledAt", text(status.reconciledAt()));
    }

    /** The commit compared, with what a header shows about it, so a page need not look for it in the history. */
    private static void putRevision(ObjectNode status, Revision revision) {
        status.put("revision", revision.sha());
        if (revision.author() != null) {
            status.put("revisionAuthor", revision.author().name());
        }
        if (revision.message() != null) {
            status.put("revisionMessage", revision.message());
        }
        if (revision.commitTime() != null) {
            status.put("revisionTime", text(revision.commitTime()));
        }
    }

    static ObjectNode operation(OperationRecord operation) {
        ObjectNode result = NODES.objectNode()
                .put("id", operation.id())
                .put("application", operation.application())
                .put("revision", operation.revision());
        Revision commit = operation.commit();
        if (commit != null) {
            if (commit.author() != null) {
                result.put("author", commit.author().name());
            }
            result.put("message", commit.message());
        }
        result.put("initiatedBy", operation.initiatedBy())
                .put("startedAt", text(operation.startedAt()))
                .put("finishedAt", text(operation.finishedAt()))
                .put("phase", operation.phase().name())
                .put("result", operation.message())
                .put("prune", operation.prune())
                .put("dryRun", operation.dryRun());
        if (operation.finishedAt() != null) {
            result.put("durationMs", Duration.between(operation.startedAt(), operation.finishedAt()).toMillis());
        }
        ArrayNode resources = result.putArray("resources");
        for (ResourceResult resource : operation.resources()) {
            resources.addObject()
                    .put("key", resource.key().toString())
                    .put("action", resource.action().name())
                    .put("message", resource.message());
        }
        return result;
    }

    static ArrayNode operations(List<OperationRecord> operations) {
        ArrayNode result = NODES.arrayNode();
        operations.forEach(operation -> result.add(operation(operation)));
        return result;
    }

    static ArrayNode clusters(List<ClusterView> clusters) {
        ArrayNode result = NODES.arrayNode();
        for (ClusterView cluster : clusters) {
            ObjectNode node = result.addObject().put("name", cluster.name()).put("server", cluster.server());
            putLabels(node, cluster.labels());
            node.put("sandbox", cluster.sandbox()).put("origin", originName(cluster.origin()))
                    .put("applications", cluster.applications())
                    .put("connection", switch (cluster.connection()) {
                        case CONNECTED -> "Connected";
                        case FAILED -> "Failed";
                        case UNKNOWN -> "Unknown";
                    });
            putIfNotEmpty(node, "message", cluster.message());
        }
        return result;
    }

    private static void putIfNotEmpty(ObjectNode node, String field, String text) {
        if (!text.isEmpty()) {
            node.put(field, text);
        }
    }

    /** The service names credential types as the store does (SSH_KEY); the API documents none|basic|token|ssh. */
    private static String credentialType(String storeName) {
        String lower = storeName.toLowerCase(Locale.ROOT);
        return lower.equals("ssh_key") ? "ssh" : lower;
    }

    static ArrayNode repositories(List<RepositoryView> repositories) {
        ArrayNode result = NODES.arrayNode();
        for (RepositoryView repository : repositories) {
            ObjectNode node = result.addObject()
                    .put("urlPrefix", repository.urlPrefix())
                    .put("type", credentialType(repository.type()))
                    .put("username", repository.username())
                    .put("origin", originName(repository.origin()))
                    .put("applications", repository.applications())
                    .put("state", switch (repository.poll()) {
                        case OK -> "OK";
                        case FAILED -> "Failed";
                        case UNKNOWN -> "Unknown";
                    });
            putIfNotEmpty(node, "message", repository.message());
            repository.lastPolledAt().ifPresent(at -> node.put("lastPolledAt", text(at)));
        }
        return result;
    }

    static ArrayNode events(List<AuditEvent> events) {
        ArrayNode result = NODES.arrayNode();
        events.forEach(event -> result.add(event(event)));
        return result;
    }

    static ObjectNode event(AuditEvent event) {
        return NODES.objectNode()
                .put("time", text(event.at()))
                .put("actor", event.actor())
                .put("action", event.action())
                .put("application", event.application())
                .put("message", event.message());
    }

    /** A page of the audit log, newest first. */
    static ObjectNode auditPage(Page<AuditEvent> page, PageRequest request) {
        ObjectNode result = NODES.objectNode();
        ArrayNode items = result.putArray("items");
        page.items().forEach(event -> items.add(auditEvent(event)));
        return result.put("total", page.total()).put("offset", request.offset()).put("limit", request.limit());
    }

    /** An audit entry with its place in the chain: {@code time} is the exact text the hash covers. */
    static ObjectNode auditEvent(AuditEvent event) {
        return NODES.objectNode()
                .put("id", event.id())
                .put("time", text(event.at()))
                .put("actor", event.actor())
                .put("action", event.action())
                .put("application", event.application())
                .put("source", event.source())
                .put("result", event.result())
                .put("message", event.message())
                .put("previousHash", event.previousHash())
                .put("hash", event.hash());
    }

    static ObjectNode auditVerification(AuditVerification verification) {
        ObjectNode result = NODES.objectNode()
                .put("intact", verification.intact())
                .put("checked", verification.checked());
        verification.broken().ifPresent(broken -> result.putObject("broken")
                .put("entry", broken.entry())
                .put("reason", broken.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .put("detail", broken.detail()));
        return result;
    }

    /** {@link DiffFormatter#tree}, each entry with its unified YAML diff, live to desired (empty without views). */
    static ArrayNode diff(List<ResourceDiff> diffs) {
        ArrayNode result = DiffFormatter.tree(diffs);
        for (int i = 0; i < diffs.size(); i++) {
            ResourceDiff diff = diffs.get(i);
            boolean viewed = diff.desired() != null || diff.live() != null;
            ((ObjectNode) result.get(i)).put("unified", viewed ? DiffFormatter.unifiedDiff(diff) : "");
        }
        return result;
    }

    static ObjectNode tree(List<ResourceNode> nodes) {
        ObjectNode result = NODES.objectNode();
        ArrayNode items = result.putArray("nodes");
        for (ResourceNode node : nodes) {
            ObjectNode item = items.addObject()
                    .put("key", node.key().toString())
                    .put("group", node.key().group())
                    .put("version", node.version())
                    .put("kind", node.key().kind())
                    .put("namespace", node.key().namespace())
                    .put("name", node.key().name())
                    .put("parent", node.parent().map(ResourceKey::toString).orElse(null))
                    .put("managed", node.managed());
            node.sync().ifPresent(sync -> item.put("sync", sync.name()));
            item.put("health", node.health().status().displayName())
                    .put("healthMessage", node.health().message())
                    .put("createdAt", node.createdAt().map(Instant::toString).orElse(null));
        }
        return result;
    }

    static ObjectNode manifest(ResourceManifest manifest) {
        ObjectNode result = NODES.objectNode().put("key", manifest.key().toString());
        result.set("live", manifest.live().<JsonNode>map(live -> live).orElse(NODES.nullNode()));
        result.set("desired", manifest.desired().<JsonNode>map(desired -> desired).orElse(NODES.nullNode()));
        return result;
    }

    static ObjectNode error(String message) {
        return NODES.objectNode().put("error", message);
    }

    /** Automated as declared, unless a rollback in force has turned automated sync off. */
    private static boolean automated(ApplicationView view) {
        return view.spec().syncPolicy().automated()
                && view.status().flatMap(ApplicationStatus::rollback).isEmpty();
    }

    private static ObjectNode notComparedYet() {
        ObjectNode result = NODES.objectNode()
                .put("sync", "Unknown")
                .put("health", HealthStatus.UNKNOWN.displayName())
                .put("healthMessage", "not compared yet");
        result.putArray("resources");
        result.putArray("errors");
        return result;
    }

    private static ObjectNode resource(ResourceStatus resource) {
        return NODES.objectNode()
                .put("key", resource.key().toString())
                .put("group", resource.key().group())
                .put("kind", resource.key().kind())
                .put("namespace", resource.key().namespace())
                .put("name", resource.key().name())
                .put("sync", resource.sync().name())
                .put("health", resource.health().status().displayName())
                .put("healthMessage", resource.health().message());
    }

    /** E.g. {@code automated sync to 1a2b3c4 until 2025-01-06T10:00:00Z: deny window '0 10 * * *' is open}. */
    private static String waiting(ApplicationStatus.Waiting waiting) {
        return waiting.what() + waiting.until().map(until -> " until " + until).orElse("") + ": " + waiting.why();
    }

    private static void putLabels(ObjectNode node, Map<String, String> labels) {
        ObjectNode result = node.putObject("labels");
        labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(label -> result.put(label.getKey(), label.getValue()));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    // --- projects ---

    static ArrayNode projects(List<ProjectView> projects) {
        ArrayNode result = NODES.arrayNode();
        projects.forEach(project -> result.add(project(project)));
        return result;
    }

    /** The project's limits and roles, and how many SOPS keys it holds: the keys are write-only. */
    static ObjectNode project(ProjectView view) {
        ObjectNode result = Documents.JSON.valueToTree(view.spec());
        result.put("origin", originName(view.origin()));
        result.putObject("sopsKeys").put("ageIdentities", view.ageIdentities()).put("pgpKeys", view.pgpKeys());
        ArrayNode applications = result.putArray("applications");
        view.applications().forEach(applications::add);
        return result;
    }
}
