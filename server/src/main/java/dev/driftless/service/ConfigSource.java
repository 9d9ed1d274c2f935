package dev.driftless.service;

import java.nio.file.Path;
import java.util.Objects;

/** Where the declarative configuration (applications, clusters, repositories, channels) is read from. */
public sealed interface ConfigSource {

    /** No declarative configuration: everything comes from the API (and the sandbox). */
    record None() implements ConfigSource {
    }

    /** Every YAML file under a directory, read again at every poll. */
    record Directory(Path path) implements ConfigSource {
        public Directory {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * A path in a Git repository, so Driftless's own configuration is managed with GitOps; read again when the
     * revision moves.
     *
     * @param revision branch, tag or SHA; {@code HEAD} when blank
     * @param path     directory in the repository; the root when blank
     */
    record Git(String url, String revision, String path) implements ConfigSource {
        public Git {
            Objects.requireNonNull(url, "url");
            revision = revision == null || revision.isBlank() ? "HEAD" : revision;
            path = path == null ? "" : path;
        }
    }
}
