package dev.driftless.engine.sync;

import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.model.Tracking;

import java.util.Comparator;
import java.util.List;

/** The order objects are applied in: phase, sync wave, Argo CD's kind order, then namespace and name. */
final class ApplyOrder {

    /** Argo CD's kind order: what others depend on comes first. Kinds not listed come after all of these. */
    private static final List<String> KIND_ORDER = List.of(
            "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget",
            "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass", "PersistentVolume",
            "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList",
            "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList",
            "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
            "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService");

    private static final Comparator<ResourceKey> KIND_THEN_NAME = Comparator
            .comparingInt((ResourceKey key) -> kindRank(key.kind()))
            .thenComparing(ResourceKey::kind)
            .thenComparing(ResourceKey::name)
            .thenComparing(ResourceKey::namespace)
            .thenComparing(ResourceKey::group);

    static final Comparator<SyncStep> STEPS = Comparator.comparing(SyncStep::phase)
            .thenComparingInt(SyncStep::wave)
            .thenComparing(SyncStep::key, KIND_THEN_NAME);

    static final Comparator<Hook> HOOKS = Comparator.comparing(Hook::phase)
            .thenComparingInt(Hook::wave)
            .thenComparing(Hook::displayKey, KIND_THEN_NAME);

    /** Prune candidates have no desired body, so no wave: phase and kind order alone. */
    static final Comparator<ResourceKey> KEYS = Comparator.comparing(ApplyOrder::phaseOf)
            .thenComparing(KIND_THEN_NAME);

    private ApplyOrder() {
    }

    static SyncStep.Phase phaseOf(ResourceKey key) {
        if (key.group().isEmpty() && key.kind().equals("Namespace")) {
            return SyncStep.Phase.NAMESPACES;
        }
        if (key.group().equals("apiextensions.k8s.io") && key.kind().equals("CustomResourceDefinition")) {
            return SyncStep.Phase.CUSTOM_RESOURCE_DEFINITIONS;
        }
        return SyncStep.Phase.RESOURCES;
    }

    /**
     * @throws PlanException when the sync-wave annotation is not an integer
     */
    static int waveOf(Manifest manifest) {
        String value = manifest.body().path("metadata").path("annotations").path(Tracking.SYNC_WAVE_ANNOTATION).asText("");
        if (value.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new PlanException("annotation " + Tracking.SYNC_WAVE_ANNOTATION + " of " + manifest.key() + " from "
                    + manifest.origin() + " must be an integer, not '" + value + "'");
        }
    }

    private static int kindRank(String kind) {
        int rank = KIND_ORDER.indexOf(kind);
        return rank < 0 ? KIND_ORDER.size() : rank;
    }
}
