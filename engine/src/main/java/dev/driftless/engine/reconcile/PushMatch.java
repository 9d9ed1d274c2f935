package dev.driftless.engine.reconcile;

import dev.driftless.engine.render.Footprint;
import dev.driftless.engine.source.Revisions;

import java.util.List;

/** Decides which applications a pushed commit concerns. Pure. */
public final class PushMatch {

    private static final String HEADS = "refs/heads/";
    private static final String TAGS = "refs/tags/";

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
     * Whether changed files can change an application's render, as its footprint from the last render tells. An empty
     * list means the push did not say, so it matches.
     */
    public static boolean pathsMatch(Footprint footprint, List<String> changedPaths) {
        return changedPaths.isEmpty() || changedPaths.stream().anyMatch(footprint::touchedBy);
    }
}
