package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Rewrites references to renamed objects (prefix, suffix, hash) everywhere kustomize 4.5.4 does, after the whole
 * pipeline. A reference written against any earlier name of an object of the referred kind follows it to its
 * current name, but only to an object the referrer can see: one in the referrer's namespace, a cluster-scoped
 * one, or (for RoleBindings) a ServiceAccount in a namespace its subjects name.
 *
 * <p>Where several objects once had the referenced name and kustomize would pick the one renamed with the same
 * prefixes and suffixes as the referrer, this implementation reports the ambiguity instead.
 */
final class NameReferences {

    /** Cluster-scoped kinds by group and kind, from the Kubernetes API kustomize 4.5.4 was built with. */

    private NameReferences() {
    }

    static List<Resource> fix(List<Resource> resources, Build build) {
        List<NameReferenceSpecs.BackReference> backReferences = new ArrayList<>(NameReferenceSpecs.BUILT_IN);
        backReferences.addAll(build.crdReferences());
        List<Resource> result = new ArrayList<>();
        for (Resource referrer : resources) {
            result.add(fixReferrer(referrer, resources, backReferences));
        }
        return result;
    }

    private static Resource fixReferrer(Resource referrer, List<Resource> all,
                                        List<NameReferenceSpecs.BackReference> backReferences) {
        ResId original = referrer.allIds().get(0);
        ObjectNode object = null;
        List<Resource> visible = null;
        for (NameReferenceSpecs.BackReference target : backReferences) {
            for (FieldSpec field : target.referrers()) {
                if (!field.appliesTo(original)) {
                    continue;
                }
                if (object == null) {
                    object = referrer.object().deepCopy();
                    visible = visibleTo(referrer, all);
                }
                Lookup lookup = new Lookup(referrer, target, field.path(), visible);
                FieldPaths.edit(object, field.path(), false, lookup::rewrite);
            }
        }
        return object == null || object.equals(referrer.object()) ? referrer : referrer.withObject(object);
    }

    /** One field spec applied to one referrer: finds the object a name refers to and gives its current name. */
    private record Lookup(Resource referrer, NameReferenceSpecs.BackReference target, String path,
                          List<Resource> candidates) {

        JsonNode rewrite(JsonNode value) {
            if (value instanceof ArrayNode items) {
                for (int i = 0; i < items.size(); i++) {
                    JsonNode rewritten = rewrite(items.get(i));
                    if (rewritten != null) {
                        items.set(i, rewritten);
                    }
                }
                return null;
            }
            if (value instanceof ObjectNode map) {
                rewriteMap(map);
                return null;
            }
            if (value == null || !value.isValueNode()) {
                return null;
            }
            Resource referral = select(value.asText(), candidates, false);
            return referral == null || referral.id().name().equals(value.asText())
                    ? null : TextNode.valueOf(referral.id().name());
        }

        /** A map holding {@code name} and maybe {@code namespace} (RoleBinding subjects, webhook services). */
        private void rewriteMap(ObjectNode map) {
            JsonNode name = map.get("name");
            if (name == null) {
                throw new KustomizeException(referrer.origin() + ": " + referrer.id() + ": " + path
                        + ": no 'name' field in the reference");
            }
            List<Resource> inNamespace = candidates;
            if (map.get("namespace") != null) {
                String namespace = map.get("namespace").asText();
                inNamespace = candidates.stream().filter(r -> !Namespaces.isClusterScoped(r.id())
                        && Namespaces.effectiveNamespace(r.allIds().get(0)).equals(namespace)).toList();
                if (inNamespace.isEmpty()) {
                    inNamespace = candidates.stream().filter(r -> !Namespaces.isClusterScoped(r.id())
                            && Namespaces.effectiveNamespace(r.id()).equals(namespace)).toList();
                }
            }
            Resource referral = select(name.asText(), inNamespace, true);
            if (referral == null) {
                return;
            }
            ResId current = referral.id();
            if (current.name().equals(name.asText()) && current.namespace().isEmpty()) {
                return;
            }
            map.put("name", current.name());
            if (!current.namespace().isEmpty()) {
                map.put("namespace", current.namespace());
            }
        }

        private Resource select(String oldName, List<Resource> from, boolean namespaceMatters) {
            Predicate<Resource> wasNamed = r -> r.previousIds().stream().anyMatch(id -> id.name().equals(oldName));
            Predicate<Resource> wasTarget = r -> r.previousIds().stream().anyMatch(target::targets);
            List<Resource> found = from.stream()
                    .filter(wasNamed).filter(wasTarget).filter(this::matchesRoleRef).filter(this::sameNamespace)
                    .toList();
            if (found.isEmpty()) {
                return null;
            }
            Set<String> distinct = new HashSet<>();
            for (Resource r : found) {
                distinct.add(r.id().name() + (namespaceMatters ? "|" + r.id().namespace() : ""));
            }
            if (distinct.size() > 1) {
                throw new KustomizeException(referrer.origin() + ": " + referrer.id() + ": " + path + ": the name '"
                        + oldName + "' could refer to several objects: "
                        + found.stream().map(r -> r.id().toString()).toList());
            }
            return found.get(0);
        }

        /** A {@code roleRef/name} only follows objects of the kind and group its roleRef names. */
        private boolean matchesRoleRef(Resource candidate) {
            if (!path.endsWith("roleRef/name")) {
                return true;
            }
            JsonNode roleRef = referrer.object().path("roleRef");
            if (!roleRef.path("apiGroup").isTextual() || !roleRef.path("kind").isTextual()) {
                return true;
            }
            FieldSpec gvk = new FieldSpec(roleRef.get("apiGroup").asText(), "", roleRef.get("kind").asText(), "", false);
            return candidate.previousIds().stream().anyMatch(gvk::appliesTo);
        }

        private boolean sameNamespace(Resource candidate) {
            ResId referrerId = referrer.id();
            return Namespaces.isClusterScoped(referrerId) || Namespaces.isClusterScoped(candidate.id())
                    || candidate.id().kind().equals("ServiceAccount")
                    || Namespaces.effectiveNamespace(referrerId).equals(Namespaces.effectiveNamespace(candidate.id()));
        }
    }

    /** The objects a referrer may name: see the class comment. */
    private static List<Resource> visibleTo(Resource referrer, List<Resource> all) {
        ResId id = referrer.id();
        if (Namespaces.isClusterScoped(id)) {
            return all;
        }
        Set<String> subjectNamespaces = new HashSet<>();
        if (id.kind().equals("RoleBinding")) {
            for (JsonNode subject : referrer.object().path("subjects")) {
                if (subject.path("kind").asText().equals("ServiceAccount") && subject.path("namespace").isTextual()) {
                    subjectNamespaces.add(subject.get("namespace").asText());
                }
            }
        }
        return all.stream().filter(candidate -> Namespaces.isClusterScoped(candidate.id())
                || Namespaces.effectiveNamespace(candidate.id()).equals(Namespaces.effectiveNamespace(id))
                || subjectNamespaces.contains(candidate.id().namespace())).toList();
    }
}
