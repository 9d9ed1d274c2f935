package dev.driftless.service;

import java.util.Map;

/** A cluster as the API shows it: never its credentials. */
public record ClusterView(String name, String server, Map<String, String> labels, boolean sandbox, Origin origin) {
}
