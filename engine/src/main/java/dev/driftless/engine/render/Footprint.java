package dev.driftless.engine.render;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The paths of a repository a render depends on, so that a push or poll refreshes only the applications whose render
 * a change can alter. Paths are relative to the repository root, with {@code /} separators.
 *
 * <p>A changed path concerns the render when it lies in one of the {@code trees}, equals one of the {@code files},
 * or leads to either (a symlink, or a file replacing a directory, on the way to a path the render read). A change to
 * some other file inside a directory the render only resolved or probed, such as a Kustomize base's
 * {@code README.md}, does not: the build reads that directory's files through paths recorded on their own.
 *
 * @param trees directories every file of which the render may read: the application's path, a Helm chart; the
 *              root ({@code ""}) means the whole repository
 * @param files files and directories the render read or probed for, including probes that found nothing
 */
public record Footprint(Set<String> trees, Set<String> files) {

    /**
     * Possibly any file: what renders that do not trace their reads (Helm, whose values files may lie outside the
     * chart; plugins) report, and what an application not rendered yet, or whose render failed, has.
     */
    public static final Footprint ANYWHERE = new Footprint(Set.of(""), Set.of());

    public Footprint {
        trees = normalised(trees);
        files = normalised(files);
    }

    /** Every file under one directory and nothing else, as a plain directory of manifests reads. */
    public static Footprint under(String path) {
        return new Footprint(Set.of(path), Set.of());
    }

    public boolean isAnywhere() {
        return trees.contains("");
    }

    /** Whether a change to this repository-relative path can change the render. */
    public boolean touchedBy(String changedPath) {
        String changed = normalise(changedPath);
        return trees.stream().anyMatch(tree -> tree.isEmpty() || within(changed, tree) || leadsTo(changed, tree))
                || files.stream().anyMatch(file -> file.equals(changed) || leadsTo(changed, file));
    }

    private static boolean within(String path, String directory) {
        return path.equals(directory) || path.startsWith(directory + "/");
    }

    private static boolean leadsTo(String changed, String path) {
        return path.startsWith(changed + "/");
    }

    private static Set<String> normalised(Set<String> paths) {
        return Set.copyOf(paths.stream().map(Footprint::normalise).collect(Collectors.toCollection(TreeSet::new)));
    }

    /** {@code ./apps/web/}, {@code /apps/web} and {@code apps/web} are one path; {@code .} is the root. */
    static String normalise(String path) {
        return path.strip().replaceAll("^(\\./)+", "").replaceAll("^/+", "").replaceAll("/+$", "")
                .replaceAll("^\\.$", "");
    }
}
