package dev.driftless.config;

import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.ClusterSpec;
import dev.driftless.engine.app.ProjectKeys;
import dev.driftless.engine.app.ProjectSpec;
import dev.driftless.engine.app.RepositorySpec;
import dev.driftless.notify.ChannelSpec;

/** One declaration read from a document, with where it came from for errors about the whole set. */
sealed interface Declared {

    /** Where a declaration is: file, document and its first line. */
    record Origin(String file, int document, int line) {
        ConfigError error(String path, String reason) {
            return new ConfigError(file, document, line, path, reason);
        }

        String describe() {
            return file + " (document " + document + ")";
        }
    }

    String name();

    Origin origin();

    /** The kind as written in documents, for messages. */
    String kind();

    record Application(ApplicationSpec spec, Origin origin) implements Declared {
        public String name() {
            return spec.name();
        }

        public String kind() {
            return "Application";
        }
    }

    record Cluster(ClusterSpec spec, Origin origin) implements Declared {
        public String name() {
            return spec.name();
        }

        public String kind() {
            return "Cluster";
        }
    }

    record Repository(String name, RepositorySpec spec, Origin origin) implements Declared {
        public String kind() {
            return "Repository";
        }
    }

    record Channel(ChannelSpec spec, Origin origin) implements Declared {
        public String name() {
            return spec.name();
        }

        public String kind() {
            return "NotificationChannel";
        }
    }

    /** @param keys the project's SOPS keys, read from the files or environment the document names */
    record Project(ProjectSpec spec, ProjectKeys keys, Origin origin) implements Declared {
        public String name() {
            return spec.name();
        }

        public String kind() {
            return "Project";
        }
    }
}
