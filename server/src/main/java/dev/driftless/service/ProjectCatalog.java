package dev.driftless.service;

import dev.driftless.engine.app.ProjectKeys;
import dev.driftless.engine.app.ProjectSpec;
import dev.driftless.engine.render.sops.SopsKeys;
import dev.driftless.store.StoredProject;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The projects applications can belong to: the built-in {@code default}, those declared in configuration and those
 * created through the API (a declared one wins over a stored one of the same name). Replaced whole on each change,
 * so readers never see half of one.
 */
final class ProjectCatalog {

    /** One project, with its SOPS keys (possibly none). */
    record Entry(ProjectSpec spec, ProjectKeys keys, Origin origin) {
    }

    private volatile Map<String, Entry> byName = Map.of(ProjectSpec.DEFAULT,
            new Entry(ProjectSpec.unrestricted(), ProjectKeys.none(), Origin.BUILT_IN));

    Optional<Entry> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** By name. */
    List<Entry> all() {
        return byName.values().stream().sorted(Comparator.comparing(entry -> entry.spec().name())).toList();
    }

    List<ProjectSpec> specs() {
        return byName.values().stream().map(Entry::spec).toList();
    }

    /** The SOPS keys of the projects that hold any, by project name. */
    Map<String, SopsKeys> decryptionKeys() {
        return byName.values().stream().filter(entry -> !entry.keys().isEmpty()).collect(Collectors.toMap(
                entry -> entry.spec().name(), entry -> entry.keys().decryptionKeys()));
    }

    /** Replaces the declared projects, keeping the built-in one and those created through the API. */
    void useDeclared(List<ProjectSpec> declared, Map<String, ProjectKeys> keys) {
        Map<String, Entry> next = new TreeMap<>(byName);
        next.values().removeIf(entry -> entry.origin() == Origin.CONFIG);
        declared.forEach(spec -> next.put(spec.name(),
                new Entry(spec, keys.getOrDefault(spec.name(), ProjectKeys.none()), Origin.CONFIG)));
        byName = Map.copyOf(next);
    }

    /** Adds a stored project unless one of that name is built in or declared. @return whether it was added */
    boolean addStored(StoredProject stored) {
        Entry existing = byName.get(stored.name());
        if (existing != null && existing.origin() != Origin.API) {
            return false;
        }
        put(new Entry(stored.spec(), stored.keys(), Origin.API));
        return true;
    }

    void put(Entry entry) {
        Map<String, Entry> next = new TreeMap<>(byName);
        next.put(entry.spec().name(), entry);
        byName = Map.copyOf(next);
    }

    void remove(String name) {
        Map<String, Entry> next = new TreeMap<>(byName);
        next.remove(name);
        byName = Map.copyOf(next);
    }
}
