package dev.driftless.kustomize;

import java.util.ArrayList;
import java.util.List;

/**
 * Where kustomize 4.5.4's built-in transformers for labels, annotations, namespaces and name prefixes act, by
 * kind. Written from kustomize's documented defaults and checked against the real binary by the differential
 * cases ({@code labels-*}, {@code annotations-*}, {@code namespace-*}, {@code prefix-*}).
 */
final class BuiltinFieldSpecs {

    private static final String METADATA_LABELS = "metadata/labels";
    private static final String TEMPLATE_LABELS = "spec/template/metadata/labels";
    private static final String MATCH_LABELS = "spec/selector/matchLabels";
    private static final String TEMPLATE_ANNOTATIONS = "spec/template/metadata/annotations";

    /** Pod templates and other embedded object metadata that carry the labels of their owner. */
    static final List<FieldSpec> TEMPLATE_LABEL_SPECS = List.of(
            new FieldSpec("", "v1", "ReplicationController", TEMPLATE_LABELS, true),
            new FieldSpec("", "", "Deployment", TEMPLATE_LABELS, true),
            new FieldSpec("", "", "ReplicaSet", TEMPLATE_LABELS, true),
            new FieldSpec("", "", "DaemonSet", TEMPLATE_LABELS, true),
            new FieldSpec("apps", "", "StatefulSet", TEMPLATE_LABELS, true),
            new FieldSpec("apps", "", "StatefulSet", "spec/volumeClaimTemplates[]/metadata/labels", true),
            new FieldSpec("batch", "", "Job", TEMPLATE_LABELS, true),
            new FieldSpec("batch", "", "CronJob", "spec/jobTemplate/metadata/labels", true),
            new FieldSpec("batch", "", "CronJob", "spec/jobTemplate/spec/template/metadata/labels", true));

    /** The object's own labels plus its templates: where {@code labels[].includeTemplates} puts labels. */
    static final List<FieldSpec> METADATA_LABEL_SPECS = concat(
            List.of(new FieldSpec("", "", "", METADATA_LABELS, true)), TEMPLATE_LABEL_SPECS);

    /**
     * Everywhere {@code commonLabels} (and {@code labels[].includeSelectors}) go: selectors, affinity and spread
     * label selectors (only where present), and {@link #METADATA_LABEL_SPECS}.
     */
    static final List<FieldSpec> COMMON_LABEL_SPECS = concat(selectorSpecs(), METADATA_LABEL_SPECS);

    /** Where {@code commonAnnotations} go. Unlike labels, StatefulSet templates match in any group. */
    static final List<FieldSpec> COMMON_ANNOTATION_SPECS = List.of(
            new FieldSpec("", "", "", "metadata/annotations", true),
            new FieldSpec("", "v1", "ReplicationController", TEMPLATE_ANNOTATIONS, true),
            new FieldSpec("", "", "Deployment", TEMPLATE_ANNOTATIONS, true),
            new FieldSpec("", "", "ReplicaSet", TEMPLATE_ANNOTATIONS, true),
            new FieldSpec("", "", "DaemonSet", TEMPLATE_ANNOTATIONS, true),
            new FieldSpec("", "", "StatefulSet", TEMPLATE_ANNOTATIONS, true),
            new FieldSpec("batch", "", "Job", TEMPLATE_ANNOTATIONS, true),
            new FieldSpec("batch", "", "CronJob", "spec/jobTemplate/metadata/annotations", true),
            new FieldSpec("batch", "", "CronJob", "spec/jobTemplate/spec/template/metadata/annotations", true));

    /**
     * Namespace fields besides {@code metadata.namespace} and RoleBinding subjects, which {@link Namespaces}
     * handles itself. A Namespace object is renamed to the namespace.
     */
    static final List<FieldSpec> NAMESPACE_SPECS = List.of(
            new FieldSpec("", "", "Namespace", "metadata/name", true),
            new FieldSpec("apiregistration.k8s.io", "", "APIService", "spec/service/namespace", true),
            new FieldSpec("apiextensions.k8s.io", "", "CustomResourceDefinition",
                    "spec/conversion/webhook/clientConfig/service/namespace", false));

    /** Kinds whose names {@code namePrefix} and {@code nameSuffix} leave alone. */
    static final List<FieldSpec> PREFIX_SUFFIX_SKIPPED = List.of(
            new FieldSpec("", "", "CustomResourceDefinition", "metadata/name", false),
            new FieldSpec("apiregistration.k8s.io", "", "APIService", "metadata/name", false),
            new FieldSpec("", "", "Namespace", "metadata/name", false));

    private BuiltinFieldSpecs() {
    }

    private static List<FieldSpec> selectorSpecs() {
        List<FieldSpec> specs = new ArrayList<>(List.of(
                new FieldSpec("", "v1", "Service", "spec/selector", true),
                new FieldSpec("", "v1", "ReplicationController", "spec/selector", true),
                new FieldSpec("", "", "Deployment", MATCH_LABELS, true),
                new FieldSpec("", "", "ReplicaSet", MATCH_LABELS, true),
                new FieldSpec("", "", "DaemonSet", MATCH_LABELS, true),
                new FieldSpec("apps", "", "StatefulSet", MATCH_LABELS, true),
                new FieldSpec("batch", "", "Job", MATCH_LABELS, false),
                new FieldSpec("batch", "", "CronJob", "spec/jobTemplate/spec/selector/matchLabels", false),
                new FieldSpec("policy", "", "PodDisruptionBudget", MATCH_LABELS, false),
                new FieldSpec("networking.k8s.io", "", "NetworkPolicy", "spec/podSelector/matchLabels", false),
                new FieldSpec("networking.k8s.io", "", "NetworkPolicy",
                        "spec/ingress/from/podSelector/matchLabels", false),
                new FieldSpec("networking.k8s.io", "", "NetworkPolicy",
                        "spec/egress/to/podSelector/matchLabels", false)));
        for (String kind : List.of("Deployment", "StatefulSet")) {
            for (String affinity : List.of("podAffinity", "podAntiAffinity")) {
                String base = "spec/template/spec/affinity/" + affinity;
                specs.add(new FieldSpec("apps", "", kind, base
                        + "/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
                        false));
                specs.add(new FieldSpec("apps", "", kind, base
                        + "/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels", false));
            }
            specs.add(new FieldSpec("apps", "", kind,
                    "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels", false));
        }
        return List.copyOf(specs);
    }

    private static List<FieldSpec> concat(List<FieldSpec> first, List<FieldSpec> second) {
        List<FieldSpec> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
