package dev.driftless.api.webhook;

import java.util.List;

/**
 * One ref moved by a push.
 *
 * @param repositoryUrls       every URL the payload gives for the repository (HTTPS clone, SSH, web page), in the
 *                             payload's order, without duplicates; match them with {@link RepoUrls#normalise}
 * @param ref                  the full ref name, e.g. {@code refs/heads/main}
 * @param newSha               the commit the ref now points to; all zeros when the push deleted the ref
 * @param changedPaths         repository-relative paths added, modified or removed by the listed commits, sorted
 * @param changedPathsComplete whether {@code changedPaths} covers the whole push; false when the payload lists no
 *                             paths or lists only some of the commits, so every application of the ref must refresh
 * @param pusher               who pushed, as the provider names them; empty when the payload does not say
 */
public record PushEvent(GitProvider provider, List<String> repositoryUrls, String ref, String newSha,
                        List<String> changedPaths, boolean changedPathsComplete, String pusher) {

    private static final String DELETED_SHA = "0000000000000000000000000000000000000000";

    public PushEvent {
        repositoryUrls = List.copyOf(repositoryUrls);
        changedPaths = List.copyOf(changedPaths);
    }

    /** Whether the push deleted the ref rather than moving it to a commit. */
    public boolean deletesRef() {
        return DELETED_SHA.equals(newSha);
    }

    /** Whether this push happened in the repository at {@code repoUrl}, whatever URL form either side uses. */
    public boolean concerns(String repoUrl) {
        String wanted = RepoUrls.normalise(repoUrl);
        return repositoryUrls.stream().map(RepoUrls::normalise).anyMatch(wanted::equals);
    }
}
