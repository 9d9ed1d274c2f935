package dev.driftless.kustomize;

import java.util.ArrayList;
import java.util.List;

/**
 * kustomize 4.5.4's built-in {@code nameReference} configuration: which fields of which kinds hold the name of
 * an object of another kind, so that renaming that object (prefix, suffix, hash) rewrites them.
 */
final class NameReferenceSpecs {

    /**
     * Objects of one kind and the fields that refer to them by name.
     *
     * @param group     group of the object referred to, empty matches any
     * @param version   version of the object referred to, empty matches any
     * @param kind      kind of the object referred to
     * @param referrers the fields holding its name (or a map with {@code name} and {@code namespace})
     */
    record BackReference(String group, String version, String kind, List<FieldSpec> referrers) {

        BackReference {
            referrers = List.copyOf(referrers);
        }

        boolean targets(ResId id) {
            return new FieldSpec(group, version, kind, "", false).appliesTo(id);
        }
    }

    /** Workload kinds and where their pod spec sits, in the order kustomize lists them. */
    private static final List<FieldSpec> POD_SPECS = List.of(
            spec("", "v1", "Pod", "spec"),
            spec("", "", "Deployment", "spec/template/spec"),
            spec("", "", "ReplicaSet", "spec/template/spec"),
            spec("", "", "DaemonSet", "spec/template/spec"),
            spec("", "", "StatefulSet", "spec/template/spec"),
            spec("", "", "Job", "spec/template/spec"),
            spec("", "", "CronJob", "spec/jobTemplate/spec/template/spec"));

    /** Kinds whose pod spec may name a service account, claim or priority class (ReplicaSet is not among them). */
    private static final List<FieldSpec> POD_SPEC_OWNERS = List.of(
            spec("", "", "Pod", "spec"),
            spec("", "", "StatefulSet", "spec/template/spec"),
            spec("", "", "Deployment", "spec/template/spec"),
            spec("", "", "ReplicationController", "spec/template/spec"),
            spec("", "", "CronJob", "spec/jobTemplate/spec/template/spec"),
            spec("", "", "Job", "spec/template/spec"),
            spec("", "", "DaemonSet", "spec/template/spec"));

    private static final String RBAC = "rbac.authorization.k8s.io";

    static final List<BackReference> BUILT_IN = List.of(
            scaleTarget("Deployment"),
            scaleTarget("ReplicationController"),
            scaleTarget("ReplicaSet"),
            scaleTarget("StatefulSet"),
            new BackReference("", "v1", "ConfigMap", configMapReferrers()),
            new BackReference("", "v1", "Secret", secretReferrers()),
            new BackReference("", "v1", "Service", List.of(
                    spec("apps", "", "StatefulSet", "spec/serviceName"),
                    spec("", "", "Ingress", "spec/rules/http/paths/backend/serviceName"),
                    spec("", "", "Ingress", "spec/backend/serviceName"),
                    spec("", "", "Ingress", "spec/rules/http/paths/backend/service/name"),
                    spec("", "", "Ingress", "spec/defaultBackend/service/name"),
                    spec("apiregistration.k8s.io", "", "APIService", "spec/service/name"),
                    spec("admissionregistration.k8s.io", "", "ValidatingWebhookConfiguration",
                            "webhooks/clientConfig/service"),
                    spec("admissionregistration.k8s.io", "", "MutatingWebhookConfiguration",
                            "webhooks/clientConfig/service"))),
            new BackReference(RBAC, "", "Role", List.of(spec(RBAC, "", "RoleBinding", "roleRef/name"))),
            new BackReference(RBAC, "", "ClusterRole", List.of(
                    spec(RBAC, "", "RoleBinding", "roleRef/name"),
                    spec(RBAC, "", "ClusterRoleBinding", "roleRef/name"))),
            new BackReference("", "v1", "ServiceAccount", concat(List.of(
                    spec(RBAC, "", "RoleBinding", "subjects"),
                    spec(RBAC, "", "ClusterRoleBinding", "subjects")),
                    inPodSpecs(POD_SPEC_OWNERS, "serviceAccountName"))),
            new BackReference("", "v1", "PersistentVolumeClaim",
                    inPodSpecs(POD_SPEC_OWNERS, "volumes/persistentVolumeClaim/claimName")),
            new BackReference("", "v1", "PersistentVolume", List.of(
                    spec("", "", "PersistentVolumeClaim", "spec/volumeName"),
                    spec("", "", "ClusterRole", "rules/resourceNames"))),
            new BackReference("storage.k8s.io", "v1", "StorageClass", List.of(
                    spec("", "", "PersistentVolume", "spec/storageClassName"),
                    spec("", "", "PersistentVolumeClaim", "spec/storageClassName"),
                    spec("", "", "StatefulSet", "spec/volumeClaimTemplates/spec/storageClassName"))),
            new BackReference("scheduling.k8s.io", "v1", "PriorityClass",
                    inPodSpecs(POD_SPEC_OWNERS, "priorityClassName")),
            // kustomize writes this group with its version; no object's group matches it, so it never applies.
            new BackReference("networking.k8s.io/v1", "v1", "IngressClass", List.of(
                    spec("", "", "Ingress", "spec/ingressClassName"))));

    private NameReferenceSpecs() {
    }

    private static BackReference scaleTarget(String kind) {
        return new BackReference("", "", kind, List.of(
                spec("", "", "HorizontalPodAutoscaler", "spec/scaleTargetRef/name")));
    }

    private static List<FieldSpec> configMapReferrers() {
        List<FieldSpec> referrers = new ArrayList<>();
        for (FieldSpec pod : POD_SPECS) {
            referrers.addAll(inPodSpecs(List.of(pod), List.of(
                    "volumes/configMap/name",
                    "containers/env/valueFrom/configMapKeyRef/name",
                    "initContainers/env/valueFrom/configMapKeyRef/name",
                    "containers/envFrom/configMapRef/name",
                    "initContainers/envFrom/configMapRef/name",
                    "volumes/projected/sources/configMap/name")));
        }
        referrers.addAll(List.of(
                spec("", "", "Node", "spec/configSource/configMap"),
                spec("", "", "Role", "rules/resourceNames"),
                spec("", "", "ClusterRole", "rules/resourceNames"),
                spec("", "", "Ingress", "metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap"),
                spec("serving.knative.dev", "v1", "Service", "spec/template/spec/containers/env/valueFrom/configMapKeyRef/name"),
                spec("serving.knative.dev", "v1", "Service", "spec/template/spec/containers/envFrom/configMapRef/name")));
        return referrers;
    }

    private static List<FieldSpec> secretReferrers() {
        List<FieldSpec> referrers = new ArrayList<>();
        for (FieldSpec pod : POD_SPECS) {
            referrers.addAll(inPodSpecs(List.of(pod), List.of(
                    "volumes/secret/secretName",
                    "containers/env/valueFrom/secretKeyRef/name",
                    "initContainers/env/valueFrom/secretKeyRef/name",
                    "containers/envFrom/secretRef/name",
                    "initContainers/envFrom/secretRef/name",
                    "imagePullSecrets/name",
                    "volumes/projected/sources/secret/name")));
        }
        referrers.addAll(List.of(
                spec("", "", "Ingress", "spec/tls/secretName"),
                spec("", "", "Ingress", "metadata/annotations/ingress.kubernetes.io\\/auth-secret"),
                spec("", "", "Ingress", "metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret"),
                spec("", "", "Ingress", "metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret"),
                spec("", "", "ServiceAccount", "imagePullSecrets/name"),
                spec("", "", "StorageClass", "parameters/secretName"),
                spec("", "", "StorageClass", "parameters/adminSecretName"),
                spec("", "", "StorageClass", "parameters/userSecretName"),
                spec("", "", "StorageClass", "parameters/secretRef"),
                spec("", "", "Role", "rules/resourceNames"),
                spec("", "", "ClusterRole", "rules/resourceNames"),
                spec("serving.knative.dev", "v1", "Service", "spec/template/spec/containers/env/valueFrom/secretKeyRef/name"),
                spec("", "", "PersistentVolume", "spec/azureFile/secretName")));
        return referrers;
    }

    private static List<FieldSpec> inPodSpecs(List<FieldSpec> podSpecs, String field) {
        return inPodSpecs(podSpecs, List.of(field));
    }

    private static List<FieldSpec> inPodSpecs(List<FieldSpec> podSpecs, List<String> fields) {
        List<FieldSpec> specs = new ArrayList<>();
        for (FieldSpec pod : podSpecs) {
            for (String field : fields) {
                specs.add(spec(pod.group(), pod.version(), pod.kind(), pod.path() + "/" + field));
            }
        }
        return specs;
    }

    private static List<FieldSpec> concat(List<FieldSpec> first, List<FieldSpec> second) {
        List<FieldSpec> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static FieldSpec spec(String group, String version, String kind, String path) {
        return new FieldSpec(group, version, kind, path, false);
    }
}
