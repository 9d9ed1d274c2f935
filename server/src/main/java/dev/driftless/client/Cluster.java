package dev.driftless.client;

import java.util.Map;

/** A cluster the server deploys to; its credentials are never returned. {@code origin}: config, api or sandbox. */
public record Cluster(String name, String server, Map<String, String> labels, boolean sandbox, String origin) {

    public Cluster {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
