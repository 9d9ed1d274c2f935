package dev.driftless.engine.source;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Pure rules for the revisions a user may ask for: a branch, a tag, a full or abbreviated commit SHA, or HEAD. */
public final class Revisions {

    public static final String HEAD = "HEAD";

    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern ABBREVIATED_SHA = Pattern.compile("[0-9a-f]{4,39}");

    private Revisions() {
    }

    /** {@code HEAD} when nothing was asked for, else the revision without surrounding blanks. */
    public static String requested(String revision) {
        return revision == null || revision.isBlank() ? HEAD : revision.strip();
    }

    public static boolean isFullSha(String revision) {
        return FULL_SHA.matcher(revision).matches();
    }

    static boolean isAbbreviatedSha(String revision) {
        return ABBREVIATED_SHA.matcher(revision).matches();
    }

    /**
     * The commit a revision points to according to a repository's advertised refs (as returned by
     * {@link GitSource#lsRemote(RepoSpec)}), without fetching anything. Empty when the refs cannot tell: an
     * abbreviated SHA, or a name the repository does not advertise. A full SHA resolves to itself.
     */
    public static Optional<String> resolveAdvertised(Map<String, String> advertisedRefs, String revision) {
        String requested = requested(revision);
        if (isFullSha(requested)) {
            return Optional.of(requested);
        }
        for (String name : List.of(requested, "refs/heads/" + requested, "refs/tags/" + requested)) {
            // An annotated tag is advertised twice; its peeled "^{}" entry is the commit.
            String sha = advertisedRefs.getOrDefault(name + "^{}", advertisedRefs.get(name));
            if (sha != null) {
                return Optional.of(sha);
            }
        }
        return Optional.empty();
    }
}
