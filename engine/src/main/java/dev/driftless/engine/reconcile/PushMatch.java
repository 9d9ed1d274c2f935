package dev.driftless.engine.reconcile;

import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.render.RenderOptions;
import dev.driftless.engine.source.Revisions;

import java.util.List;
import java.util.Set;

/** Decides which applications a pushed commit concerns. Pure. */
public final class PushMatch {

    private static final String HEADS = "refs/heads/";
    private static final String TAGS = "refs/tags/";
    private static final Set<String> KUSTOMIZATION_FILES = Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    /** Which files of the repository an application's render may read. */
    public enum Footprint {
        /** Only files under the application's path: a plain directory of manifests. */
        APPLICATION_PATH,
        /**
         * Possibly any file: a Kustomize build (bases, components and patches may live anywhere in the repository and
         * its origins do not name them all), a Helm chart (values files may be outside the chart), a plugin, or an
         * application not rendered yet.
         */
        ANYWHERE
    }

    private PushMatch() {
    }

    /**
     * Whether a push to {@code pushedRef} ({@code refs/heads/main}, {@code main} or {@code refs/tags/v1}) moves the
     * revision an application follows. {@code HEAD} follows the default branch, which a push does not name, so
     * any branch push matches it; a commit SHA never moves.
     */
    public static boolean revisionMatches(String revision, String pushedRef) {
        String requested = Revisions.requested(revision);
        if (Revisions.isFullSha(requested)) {
            return false;
        }
        boolean tag = pushedRef.startsWith(TAGS);
        String name = pushedRef.startsWith(HEADS) ? pushedRef.substring(HEADS.length())
                : tag ? pushedRef.substring(TAGS.length()) : pushedRef;
        if (requested.equals(Revisions.HEAD)) {
            return !tag;
        }
        if (requested.startsWith(HEADS)) {
            return !tag && requested.substring(HEADS.length()).equals(name);
        }
        if (requested.startsWith(TAGS)) {
            return tag && requested.substring(TAGS.length()).equals(name);
        }
        return requested.equals(name);
    }

    /**
     * Whether changed files can change an application's render. An empty list means the push did not say, so it
     * matches.
     */
    public static boolean pathsMatch(String applicationPath, Footprint footprint, List<String> changedPaths) {
        if (changedPaths.isEmpty() || footprint == Footprint.ANYWHERE) {
            return true;
        }
        String root = normalise(applicationPath);
        return root.isEmpty() || changedPaths.stream().map(PushMatch::normalise)
                .anyMatch(changed -> changed.equals(root) || changed.startsWith(root + "/"));
    }

    /** The footprint of a render from its options and the objects it produced. */
    public static Footprint footprint(RenderOptions options, List<Manifest> rendered) {
        boolean plainFiles = options instanceof RenderOptions.Directory && !rendered.isEmpty()
                && rendered.stream().noneMatch(PushMatch::fromKustomization);
        return plainFiles ? Footprint.APPLICATION_PATH : Footprint.ANYWHERE;
    }

    private static boolean fromKustomization(Manifest manifest) {
        String file = manifest.origin().split("[ #]", 2)[0];
        return KUSTOMIZATION_FILES.contains(file.substring(file.lastIndexOf('/') + 1));
    }

    private static String normalise(String path) {
        return path.strip().replaceAll("^(\\./)+", "").replaceAll("^/+", "").replaceAll("/+$", "")
                .replaceAll("^\\.$", "");
    }
}
