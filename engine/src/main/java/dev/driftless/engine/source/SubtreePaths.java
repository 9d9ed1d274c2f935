package dev.driftless.engine.source;

/** Repository-relative paths with {@code /} separators, where {@code ""} is the root and holds every path. */
final class SubtreePaths {

    private SubtreePaths() {
    }

    /** Whether {@code path} is {@code subtree} or lies under it. */
    static boolean within(String path, String subtree) {
        return subtree.isEmpty() || path.equals(subtree) || path.startsWith(subtree + "/");
    }

    /** {@code ./apps/web/} and {@code apps/web} are one path; {@code .} is the root. */
    static String normalise(String path) {
        String normalised = path.strip().replaceAll("^(\\./)+", "").replaceAll("/+$", "");
        return normalised.equals(".") ? "" : normalised;
    }
}
