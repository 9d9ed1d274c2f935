package dev.driftless.engine.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.diff.LastApplied;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.model.Tracking;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The adapter to one Kubernetes cluster: discovery, live reads, apply, prune and namespace creation.
 * Every write goes through {@link #apply}, {@link #prune} or {@link #ensureNamespace}; reads never write.
 * Thread-safe.
 */
public final class Cluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
    private static final Set<Integer> NOT_SERVED = Set.of(403, 404, 405);

    private final KubernetesClient client;
    private final boolean ownsClient;
    private volatile ApplyMode detectedApplyMode;
    private volatile ResourceMapper discovered;

    private Cluster(KubernetesClient client, boolean ownsClient) {
        this.client = client;
        this.ownsClient = ownsClient;
    }

    /**
     * Connects with a kubeconfig file.
     *
     * @param context the context to use, or {@code null} for the file's current context
     * @throws ClusterException when the file cannot be read or parsed, or has no such context
     */
    public static Cluster connect(Path kubeconfig, String context) {
        String text;
        try {
            text = Files.readString(kubeconfig);
        } catch (NoSuchFileException e) {
            throw new ClusterException("cannot read kubeconfig " + kubeconfig + ": no such file", 0, e);
        } catch (IOException e) {
            throw new ClusterException("cannot read kubeconfig " + kubeconfig + ": " + e.getMessage(), 0, e);
        }
        Config config;
        try {
            config = Config.fromKubeconfig(context, text, kubeconfig.toString());
        } catch (RuntimeException e) {
            throw new ClusterException("cannot parse kubeconfig " + kubeconfig + ": " + e.getMessage(), 0, e);
        }
        if (context != null && (config.getCurrentContext() == null || !context.equals(config.getCurrentContext().getName()))) {
            throw new ClusterException("kubeconfig " + kubeconfig + " has no context named " + context, 0, null);
        }
        return new Cluster(new KubernetesClientBuilder().withConfig(config).build(), true);
    }

    /** Wraps a client the caller keeps owning: {@link #close()} leaves it open. */
    public static Cluster of(KubernetesClient client) {
        return new Cluster(client, false);
    }

    /** The API server's URL, for messages. */
    public String url() {
        return client.getMasterUrl().toString();
    }

    /**
     * The kinds this cluster serves: the built-in table plus whatever discovery reports. Asked once, then cached.
     * A cluster whose discovery fails or answers with nothing (fabric8's mock server) gets the built-in table.
     */
    public ResourceMapper discover() {
        ResourceMapper mapper = discovered;
        if (mapper == null) {
            mapper = ResourceMapper.builtIn().withTypes(discoveredTypes());
            discovered = mapper;
        }
        return mapper;
    }

    /** {@link #discover()} plus the kinds the CRDs among the desired objects define. */
    public ResourceMapper resourceMapper(List<Manifest> desired) {
        return discover().withCustomResourcesFrom(desired);
    }

    /** The live object with this key, if any. */
    public Optional<ObjectNode> get(ResourceType type, ResourceKey key) {
        return read(type, type.apiVersion(), key);
    }

    private Optional<ObjectNode> read(ResourceType type, String apiVersion, ResourceKey key) {
        GenericKubernetesResource live = call("read " + key,
                () -> resources(type, apiVersion, key.namespace()).withName(key.name()).get());
        return Optional.ofNullable(live).map(object -> toNode(type, object));
    }

    /**
     * Every object of one kind in one namespace (all namespaces when {@code namespace} is empty, and for cluster-wide
     * kinds); empty when the cluster does not serve the kind. Read-only: for views such as the objects an
     * application's objects own.
     */
    public List<ObjectNode> list(ResourceType type, String namespace) {
        GenericKubernetesResourceList list;
        try {
            var all = client.genericKubernetesResources(type.context());
            list = !type.namespaced() ? all.list()
                    : namespace.isEmpty() ? all.inAnyNamespace().list() : all.inNamespace(namespace).list();
        } catch (KubernetesClientException e) {
            if (NOT_SERVED.contains(e.getCode())) {
                return List.of();
            }
            throw failure("list " + type.groupKind() + (namespace.isEmpty() ? "" : " in " + namespace), e);
        }
        return list.getItems().stream().map(object -> toNode(type, object)).toList();
    }

    /**
     * The live state an application's diff needs: the live object of every desired key that exists, plus every
     * object that carries this application's tracking annotation for its own key (the prune candidates), across the
     * desired kinds and all kinds the mapper knows. Objects with the application's label but someone else's
     * tracking annotation (copies, other applications) are left out. Every kind is listed.
     *
     * @param desired the desired objects, namespaces already assigned
     */
    public Map<ResourceKey, ObjectNode> liveState(String app, List<Manifest> desired, ResourceMapper mapper) {
        return liveState(app, desired, mapper, TrackedObjects.NONE, Set.of());
    }

    /**
     * {@link #liveState(String, List, ResourceMapper)}, listing only the kinds {@code cache} cannot answer for. A
     * cache may lag behind the cluster, most of all right after this service's own writes, so the objects in
     * {@code readDirectly} are read with a GET whatever the cache holds, as is every desired object the cache does
     * not hold.
     *
     * @param readDirectly keys whose cached copy is not to be trusted, e.g. the objects a sync just wrote or pruned
     */
    public Map<ResourceKey, ObjectNode> liveState(String app, List<Manifest> desired, ResourceMapper mapper,
                                                  TrackedObjects cache, Set<ResourceKey> readDirectly) {
        return liveState(app, desired, mapper, cache, readDirectly, Map.of());
    }

    /**
     * {@link #liveState(String, List, ResourceMapper, TrackedObjects, Set)}, taking the desired objects in
     * {@code knownLive} as they are instead of reading them: the answers of the writes a sync just made, which are
     * what a read right after them would return.
     *
     * @param knownLive live objects by key, as the server answered a write moments ago; keys that are not desired
     *                  are ignored
     */
    public Map<ResourceKey, ObjectNode> liveState(String app, List<Manifest> desired, ResourceMapper mapper,
                                                  TrackedObjects cache, Set<ResourceKey> readDirectly,
                                                  Map<ResourceKey, ObjectNode> knownLive) {
        Map<ResourceKey, ObjectNode> live = new TreeMap<>();
        Set<ResourceType> listed = new LinkedHashSet<>();
        desired.forEach(manifest -> listed.add(mapper.resolve(manifest)));
        listed.addAll(mapper.types());
        for (ResourceType type : listed) {
            List<ObjectNode> objects = cache.tracked(app, type)
                    .map(cached -> cached.stream().map(object -> toNode(type, object)).toList())
                    .orElseGet(() -> listTracked(app, type));
            objects.forEach(object -> putIfTracked(app, live, object));
        }
        Set<ResourceKey> desiredKeys = new HashSet<>();
        desired.forEach(manifest -> desiredKeys.add(manifest.key()));
        for (ResourceKey key : readDirectly) {
            if (!desiredKeys.contains(key)) {
                live.remove(key);
                // As a labelled list would: only objects still carrying this application's label.
                mapper.find(key.group(), key.kind()).flatMap(type -> get(type, key))
                        .filter(object -> app.equals(object.path("metadata").path("labels").path(Tracking.APP_LABEL).asText(null)))
                        .ifPresent(object -> putIfTracked(app, live, object));
            }
        }
        // The lists already hold every desired object this application applied before; only objects it does not
        // track yet, or that Git now wants at another apiVersion than the list returned, need a read of their own.
        for (Manifest manifest : desired) {
            ObjectNode answered = knownLive.get(manifest.key());
            if (answered != null && manifest.apiVersion().equals(answered.path("apiVersion").asText())) {
                live.put(manifest.key(), answered);
                continue;
            }
            ObjectNode listedObject = live.get(manifest.key());
            if (listedObject == null || readDirectly.contains(manifest.key())
                    || !manifest.apiVersion().equals(listedObject.path("apiVersion").asText())) {
                live.remove(manifest.key());
                read(mapper.resolve(manifest), manifest.apiVersion(), manifest.key())
                        .ifPresent(object -> live.put(manifest.key(), object));
            }
        }
        return live;
    }

    private static void putIfTracked(String app, Map<ResourceKey, ObjectNode> live, ObjectNode object) {
        ResourceKey key = ResourceKey.of(object);
        if (Tracking.trackingId(app, key).equals(trackingIdOf(object))) {
            live.putIfAbsent(key, object);
        }
    }

    /**
     * Writes one desired object, already carrying its tracking label and annotations, and gives back the object as
     * the server answered the write. In {@link ApplyMode#AUTO} the first answer that shows the server lacks server-side apply switches this
     * cluster to the client-side merge for good.
     */
    public ApplyResult apply(Manifest desired, ResourceMapper mapper, ApplyMode mode) {
        return apply(desired, mapper, mode, false);
    }

    /**
     * {@link #apply(Manifest, ResourceMapper, ApplyMode)}, skipping the read of the live object when the compare the
     * sync follows found none: at a cold start that is one request fewer per object. Should the object have been
     * created since, the create fails with a conflict and the object is then read and patched as usual.
     *
     * @param seenMissing the compare this sync follows found no such object
     */
    public ApplyResult apply(Manifest desired, ResourceMapper mapper, ApplyMode mode, boolean seenMissing) {
        ResourceType type = mapper.resolve(desired);
        Optional<ObjectNode> live = seenMissing ? Optional.empty() : get(type, desired.key());
        ApplyMode effective = mode == ApplyMode.AUTO && detectedApplyMode != null ? detectedApplyMode : mode;
        if (effective == ApplyMode.CLIENT_SIDE) {
            return applyClientSide(type, desired, live);
        }
        try {
            Optional<ObjectNode> answer = serverSideApply(type, desired);
            if (effective == ApplyMode.AUTO) {
                detectedApplyMode = ApplyMode.SERVER_SIDE;
            }
            return new ApplyResult(live.isPresent() ? ApplyOutcome.CONFIGURED : ApplyOutcome.CREATED, answer);
        } catch (KubernetesClientException e) {
            if (effective == ApplyMode.AUTO && (e.getCode() == 415 || e.getCode() == 405)) {
                LOG.info("{} does not support server-side apply ({}): using client-side merge patches", url(), e.getCode());
                detectedApplyMode = ApplyMode.CLIENT_SIDE;
                return applyClientSide(type, desired, live);
            }
            if (effective == ApplyMode.AUTO && e.getCode() == 404 && live.isEmpty()) {
                // A 404 to an apply that would create means either a missing namespace or a server that cannot create
                // by apply (fabric8's mock). A plain create in the same namespace that then works rules out the first.
                ApplyResult created = applyClientSide(type, desired, live);
                LOG.info("{} answered 404 to a server-side apply of {} but accepted its create: using client-side"
                        + " merge patches", url(), desired.key());
                detectedApplyMode = ApplyMode.CLIENT_SIDE;
                return created;
            }
            throw failure("apply " + desired.key() + " from " + desired.origin(), e);
        }
    }

    /** The apply mode this cluster was found to support in {@link ApplyMode#AUTO}, if an apply has told yet. */
    public Optional<ApplyMode> detectedApplyMode() {
        return Optional.ofNullable(detectedApplyMode);
    }

    /**
     * Deletes an object this application applied, letting the garbage collector remove its dependents.
     *
     * @return {@code false} when the object was already gone
     * @throws ClusterException when the live object does not carry this application's tracking annotation
     */
    public boolean prune(String app, ResourceKey key, ResourceMapper mapper) {
        ResourceType type = mapper.resolve(key);
        Optional<ObjectNode> live = get(type, key);
        if (live.isEmpty()) {
            return false;
        }
        String expected = Tracking.trackingId(app, key);
        if (!expected.equals(trackingIdOf(live.get()))) {
            throw new ClusterException("refusing to delete " + key + ": it does not carry the tracking annotation "
                    + Tracking.TRACKING_ANNOTATION + "=" + expected, 0, null);
        }
        call("delete " + key, () -> resources(type, type.apiVersion(), key.namespace()).withName(key.name())
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete());
        return true;
    }

    /**
     * Creates a namespace unless it exists. The namespace gets no tracking annotation, so no prune ever deletes it.
     *
     * @return whether it was created
     */
    public boolean ensureNamespace(String name) {
        ResourceKey key = new ResourceKey("", "Namespace", "", name);
        ResourceType namespaceType = discover().resolve(key);
        if (get(namespaceType, key).isPresent()) {
            return false;
        }
        ObjectNode namespace = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Namespace");
        namespace.putObject("metadata").put("name", name);
        call("create namespace " + name,
                () -> resources(namespaceType, "v1", "").resource(toResource(namespace)).create());
        return true;
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    private ApplyResult applyClientSide(ResourceType type, Manifest desired, Optional<ObjectNode> live) {
        var resources = resources(type, desired.apiVersion(), desired.key().namespace());
        if (live.isEmpty()) {
            try {
                GenericKubernetesResource created = call("create " + desired.key() + " from " + desired.origin(),
                        () -> resources.resource(toResource(desired.body())).create());
                return new ApplyResult(ApplyOutcome.CREATED, answer(type, created));
            } catch (ClusterException e) {
                Optional<ObjectNode> createdMeanwhile = e.code() == 409 ? get(type, desired.key()) : Optional.empty();
                if (createdMeanwhile.isEmpty()) {
                    throw e;
                }
                return applyClientSide(type, desired, createdMeanwhile);
            }
        }
        ObjectNode lastApplied = LastApplied.read(live.get()).orElseGet(JsonNodeFactory.instance::objectNode);
        ArrayNode patch = MergePatch.asJsonPatch(live.get(), MergePatch.threeWay(lastApplied, desired.body(), live.get()));
        if (patch.isEmpty()) {
            return new ApplyResult(ApplyOutcome.UNCHANGED, live);
        }
        GenericKubernetesResource patched = call("patch " + desired.key() + " from " + desired.origin(),
                () -> resources.withName(desired.key().name()).patch(PatchContext.of(PatchType.JSON), write(patch)));
        return new ApplyResult(ApplyOutcome.CONFIGURED, answer(type, patched));
    }

    private Optional<ObjectNode> serverSideApply(ResourceType type, Manifest desired) {
        GenericKubernetesResource applied = resources(type, desired.apiVersion(), desired.key().namespace())
                .resource(toResource(desired.body()))
                .fieldManager(Tracking.FIELD_MANAGER)
                .forceConflicts()
                .serverSideApply();
        return answer(type, applied);
    }

    private static Optional<ObjectNode> answer(ResourceType type, GenericKubernetesResource written) {
        return Optional.ofNullable(written).map(object -> toNode(type, object));
    }

    private List<ObjectNode> listTracked(String app, ResourceType type) {
        GenericKubernetesResourceList list;
        try {
            var all = client.genericKubernetesResources(type.context());
            list = type.namespaced()
                    ? all.inAnyNamespace().withLabel(Tracking.APP_LABEL, app).list()
                    : all.withLabel(Tracking.APP_LABEL, app).list();
        } catch (KubernetesClientException e) {
            if (NOT_SERVED.contains(e.getCode())) {
                LOG.debug("not listing {} on {}: {}", type.groupKind(), url(), e.getCode());
                return List.of();
            }
            throw failure("list " + type.groupKind(), e);
        }
        return list.getItems().stream().map(object -> toNode(type, object)).toList();
    }

    private List<ResourceType> discoveredTypes() {
        List<ResourceType> types = new ArrayList<>();
        APIGroupList groups;
        try {
            addServed(types, "v1", client.getApiResources("v1"));
            groups = client.getApiGroups();
        } catch (KubernetesClientException e) {
            LOG.info("discovery on {} failed ({}): using the built-in kind table", url(), e.getMessage());
            return List.of();
        }
        for (APIGroup group : groups == null || groups.getGroups() == null ? List.<APIGroup>of() : groups.getGroups()) {
            if (group.getPreferredVersion() == null) {
                continue;
            }
            String groupVersion = group.getPreferredVersion().getGroupVersion();
            try {
                addServed(types, groupVersion, client.getApiResources(groupVersion));
            } catch (KubernetesClientException e) {
                // An aggregated API whose backend is down fails alone; the rest of discovery still holds.
                LOG.info("discovery of {} on {} failed ({}): skipping it", groupVersion, url(), e.getMessage());
            }
        }
        return types;
    }

    private static void addServed(List<ResourceType> types, String groupVersion, APIResourceList resources) {
        if (resources == null || resources.getResources() == null) {
            return;
        }
        String group = ResourceKey.groupOf(groupVersion);
        String version = groupVersion.substring(groupVersion.indexOf('/') + 1);
        for (APIResource resource : resources.getResources()) {
            boolean subresource = resource.getName().contains("/");
            List<String> verbs = resource.getVerbs() == null ? List.of() : resource.getVerbs();
            if (!subresource && verbs.contains("list") && verbs.contains("delete")) {
                types.add(new ResourceType(group, version, resource.getKind(), resource.getName(),
                        Boolean.TRUE.equals(resource.getNamespaced())));
            }
        }
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> resources(
            ResourceType type, String apiVersion, String namespace) {
        var all = client.genericKubernetesResources(type.context(apiVersion));
        return type.namespaced() ? all.inNamespace(namespace) : all;
    }

    private static ObjectNode toNode(ResourceType type, GenericKubernetesResource object) {
        ObjectNode node = Documents.JSON.valueToTree(object);
        // List answers may leave out apiVersion and kind on their items; the key of a live object needs them.
        if (node.path("apiVersion").asText("").isEmpty()) {
            node.put("apiVersion", type.apiVersion());
        }
        if (node.path("kind").asText("").isEmpty()) {
            node.put("kind", type.kind());
        }
        return node;
    }

    private static GenericKubernetesResource toResource(ObjectNode body) {
        return Documents.JSON.convertValue(body, GenericKubernetesResource.class);
    }

    private static String trackingIdOf(ObjectNode object) {
        return object.path("metadata").path("annotations").path(Tracking.TRACKING_ANNOTATION).asText(null);
    }

    private static String write(JsonNode patch) {
        try {
            return Documents.JSON.writeValueAsString(patch);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a patch", e);
        }
    }

    private <T> T call(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw failure(action, e);
        }
    }

    private ClusterException failure(String action, KubernetesClientException e) {
        String serverMessage = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage() : e.getMessage();
        return new ClusterException("cannot " + action + " on " + url() + ": " + serverMessage
                + (e.getCode() > 0 ? " (HTTP " + e.getCode() + ")" : ""), e.getCode(), e);
    }
}
