package dev.driftless.config;

import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.ClusterSpec;
import dev.driftless.engine.app.RepositorySpec;
import dev.driftless.notify.ChannelSpec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete, validated set of declarations: names are unique per kind and every application's destination
 * cluster is among {@code clusters}.
 *
 * @param repositories repository credentials by their {@code metadata.name}, in the order declared
 */
public record Configuration(List<ApplicationSpec> applications, List<ClusterSpec> clusters,
                            Map<String, RepositorySpec> repositories, List<ChannelSpec> channels) {

    public Configuration {
        applications = List.copyOf(applications);
        clusters = List.copyOf(clusters);
        repositories = Collections.unmodifiableMap(new LinkedHashMap<>(repositories));
        channels = List.copyOf(channels);
    }

    public static Configuration empty() {
        return new Configuration(List.of(), List.of(), Map.of(), List.of());
    }
}
