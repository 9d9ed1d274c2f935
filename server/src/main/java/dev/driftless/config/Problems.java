package dev.driftless.config;

import java.util.ArrayList;
import java.util.List;

/** Collects the errors of one document, so that one pass reports all of them. */
final class Problems {

    private final String file;
    private final int document;
    private final int line;
    private final List<ConfigError> errors = new ArrayList<>();
    private final List<YamlObject> objects = new ArrayList<>();
    private String clusterName;

    Problems(String file, int document, int line) {
        this.file = file;
        this.document = document;
        this.line = line;
    }

    void add(String path, String reason) {
        errors.add(new ConfigError(file, document, line, path, reason));
    }

    boolean any() {
        return !errors.isEmpty();
    }

    void track(YamlObject object) {
        objects.add(object);
    }

    /** Which fields are known depends on the kind; without a valid kind, listing them all as unknown is noise. */
    void skipUnknownFields() {
        objects.clear();
    }

    /** The errors, with the fields no reader asked for reported as unknown. */
    List<ConfigError> finish() {
        objects.forEach(YamlObject::reportUnknownFields);
        objects.clear();
        return List.copyOf(errors);
    }

    /**
     * Records that the document declares this cluster, even when it fails, so that applications using it are
     * not reported too: one error, at its cause.
     */
    void declaresCluster(String name) {
        clusterName = name;
    }

    /** The cluster the document declares, or {@code null}. */
    String clusterName() {
        return clusterName;
    }

    String file() {
        return file;
    }

    int document() {
        return document;
    }

    int line() {
        return line;
    }
}
