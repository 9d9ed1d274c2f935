package dev.driftless.config;

import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.ClusterSpec;
import dev.driftless.engine.app.ProjectKeys;
import dev.driftless.engine.app.ProjectSpec;
import dev.driftless.engine.app.RepositorySpec;
import dev.driftless.notify.ChannelSpec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete, validated set of declarations: names are unique per kind and every application's destination
 * cluster is among {@code clusters}, and its project among {@code projects} (or the built-in {@code default}) with its
 * source and destination inside that project's limits.
 *
 * @param repositories repository credentials by their {@code metadata.name}, in the order declared
 * @param projects     the projects declared; never the built-in {@code default}
 * @param projectKeys  the SOPS keys of the projects that declare some, by project name
 */
public record Configuration(List<ApplicationSpec> applications, List<ClusterSpec> clusters,
                            Map<String, RepositorySpec> repositories, List<ChannelSpec> channels,
                            List<ProjectSpec> projects, Map<String, ProjectKeys> projectKeys) {

    public Configuration {
        applications = List.copyOf(applications);
        clusters = List.copyOf(clusters);
        repositories = Collections.unmodifiableMap(new LinkedHashMap<>(repositories));
        channels = List.copyOf(channels);
        projects = List.copyOf(projects);
        projectKeys = Map.copyOf(projectKeys);
    }

    /** A configuration that declares no projects. */
    public Configuration(List<ApplicationSpec> applications, List<ClusterSpec> clusters,
                         Map<String, RepositorySpec> repositories, List<ChannelSpec> channels) {
        this(applications, clusters, repositories, channels, List.of(), Map.of());
    }

    public static Configuration empty() {
        return new Configuration(List.of(), List.of(), Map.of(), List.of());
    }
}
