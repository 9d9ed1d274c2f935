package dev.driftless.kustomize;

/**
 * Where in which kinds a transformer acts, as kustomize's {@code fieldSpecs} say it: e.g. labels go to
 * {@code spec/selector/matchLabels} of {@code apps/Deployment}, creating the field when {@code create} is set.
 *
 * @param group   API group to match, empty matches any (and the core group)
 * @param version API version to match, empty matches any
 * @param kind    kind to match, empty matches any
 * @param path    slash-separated field path; {@code []} after a segment walks into every list item
 * @param create  create the field when it is absent
 */
public record FieldSpec(String group, String version, String kind, String path, boolean create) {

    public FieldSpec {
        group = group == null ? "" : group;
        version = version == null ? "" : version;
        kind = kind == null ? "" : kind;
    }

    public boolean appliesTo(ResId id) {
        return (group.isEmpty() || group.equals(id.group()))
                && (version.isEmpty() || version.equals(id.version()))
                && (kind.isEmpty() || kind.equals(id.kind()));
    }
}
