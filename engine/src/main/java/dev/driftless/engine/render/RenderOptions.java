package dev.driftless.engine.render;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Settings of one renderer. The type selects the renderer. */
public sealed interface RenderOptions {

    /**
     * Plain manifests: every {@code .yaml}, {@code .yml} and {@code .json} file under the path.
     *
     * @param recursive descend into sub-directories
     * @param include   glob patterns (relative to the path) a file must match, empty for all
     * @param exclude   glob patterns (relative to the path) that drop a file
     */
    record Directory(boolean recursive, List<String> include, List<String> exclude) implements RenderOptions {
        public Directory {
            include = List.copyOf(include);
            exclude = List.copyOf(exclude);
        }

        public static Directory defaults() {
            return new Directory(false, List.of(), List.of());
        }
    }

    /**
     * A kustomization ({@code kustomization.yaml}, {@code kustomization.yml} or {@code Kustomization}) built like
     * {@code kustomize build}, in process. Chosen explicitly with this type, or automatically for a
     * {@link Directory} render of a path holding a kustomization file (see {@link Renderers}), which never allows
     * remote bases.
     *
     * @param allowRemoteBases fetch remote bases and components (Git URLs) anonymously; refused when false
     */
    record Kustomize(boolean allowRemoteBases) implements RenderOptions {

        /** Remote bases refused. */
        public Kustomize() {
            this(false);
        }
    }

    /**
     * A Helm chart directory in the repository.
     *
     * @param releaseName  the release name, {@code .Release.Name}; empty for Helm's default
     * @param namespace    the release namespace, {@code .Release.Namespace}; may be empty
     * @param valueFiles   values files, relative to the chart path; must stay inside the repository
     * @param inlineValues values as a YAML document, applied after the files; may be empty
     * @param set          {@code --set key=value} pairs, applied last
     */
    record Helm(String releaseName, String namespace, List<String> valueFiles, String inlineValues,
                Map<String, String> set) implements RenderOptions {
        public Helm {
            valueFiles = List.copyOf(valueFiles);
            set = Map.copyOf(set);
            releaseName = releaseName == null ? "" : releaseName;
            inlineValues = inlineValues == null ? "" : inlineValues;
            namespace = namespace == null ? "" : namespace;
        }
    }

    /**
     * An external command run in the application's path whose standard output is YAML documents.
     *
     * @param command the program and its arguments
     * @param env     extra environment variables
     * @param timeout how long the command may run before it is killed
     */
    record Plugin(List<String> command, Map<String, String> env, Duration timeout) implements RenderOptions {
        public Plugin {
            command = List.copyOf(command);
            env = Map.copyOf(env);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("a plugin needs a command");
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("a plugin needs a positive timeout, got " + timeout);
            }
        }
    }
}
