package dev.driftless.engine.app;

import java.util.List;

/**
 * Fields whose drift does not count, for objects matching group, kind, and optionally name and namespace.
 *
 * @param jsonPointers RFC 6901 pointers, e.g. {@code /spec/replicas}
 */
public record IgnoreDifference(String group, String kind, String name, String namespace, List<String> jsonPointers) {

    public IgnoreDifference {
        group = group == null ? "" : group;
        name = name == null ? "" : name;
        namespace = namespace == null ? "" : namespace;
        jsonPointers = List.copyOf(jsonPointers);
    }
}
