package dev.driftless.api.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.TreeSet;

/** Reads push payloads, one method per payload format, into {@link PushEvent}s. */
final class PushPayloads {

    /** GitHub lists at most this many commits in a push payload; a push of more lists only part of its paths. */
    private static final int GITHUB_COMMIT_LIMIT = 2048;
    private static final String DELETED_SHA = "0000000000000000000000000000000000000000";

    private PushPayloads() {
    }

    /** GitHub, Gitea and Gogs: Gitea and Gogs copied GitHub's push payload. */
    static List<PushEvent> gitHubStyle(GitProvider provider, JsonNode body) throws MalformedPayloadException {
        JsonNode commits = body.path("commits");
        ChangedPaths paths = ChangedPaths.of(commits);
        boolean truncated = provider == GitProvider.GITHUB
                ? commits.size() >= GITHUB_COMMIT_LIMIT
                : body.path("total_commits").asInt(commits.size()) > commits.size();
        return List.of(new PushEvent(provider,
                urls(body, "/repository/clone_url", "/repository/ssh_url", "/repository/html_url"),
                requiredText(body, "/ref"),
                requiredText(body, "/after"),
                paths.paths(), paths.complete() && !truncated,
                firstText(body, "/pusher/login", "/pusher/username", "/pusher/name")));
    }

    /** GitLab project push and tag push hooks, and the same events as system hooks. */
    static List<PushEvent> gitLab(JsonNode body) throws MalformedPayloadException {
        JsonNode commits = body.path("commits");
        ChangedPaths paths = ChangedPaths.of(commits);
        boolean truncated = body.path("total_commits_count").asInt(commits.size()) > commits.size();
        return List.of(new PushEvent(GitProvider.GITLAB,
                urls(body, "/project/git_http_url", "/project/git_ssh_url", "/project/web_url",
                        "/repository/git_http_url", "/repository/git_ssh_url", "/repository/homepage"),
                requiredText(body, "/ref"),
                requiredText(body, "/after"),
                paths.paths(), paths.complete() && !truncated,
                firstText(body, "/user_username", "/user_name")));
    }

    /** Bitbucket Cloud {@code repo:push}: one event per change; the payload lists commits but never paths. */
    static List<PushEvent> bitbucketCloud(JsonNode body) throws MalformedPayloadException {
        List<String> urls = urls(body, "/repository/links/html/href");
        String pusher = firstText(body, "/actor/nickname", "/actor/display_name");
        List<PushEvent> events = new ArrayList<>();
        JsonNode changes = requiredArray(body, "/push/changes");
        for (int i = 0; i < changes.size(); i++) {
            JsonNode change = changes.get(i);
            boolean deleted = change.path("new").isNull() || change.path("new").isMissingNode();
            String side = deleted ? "old" : "new";
            String pointer = "/push/changes/" + i + "/" + side;
            String name = requiredText(body, pointer + "/name");
            String ref = ("tag".equals(change.path(side).path("type").asText()) ? "refs/tags/" : "refs/heads/") + name;
            String sha = deleted ? DELETED_SHA : requiredText(body, pointer + "/target/hash");
            events.add(new PushEvent(GitProvider.BITBUCKET_CLOUD, urls, ref, sha, List.of(), false, pusher));
        }
        return events;
    }

    /** Bitbucket Server / Data Center {@code repo:refs_changed}: one event per changed ref, no paths. */
    static List<PushEvent> bitbucketServer(JsonNode body) throws MalformedPayloadException {
        List<String> urls = new ArrayList<>();
        for (JsonNode clone : body.at("/repository/links/clone")) {
            String href = clone.path("href").asText("");
            if (!href.isBlank() && !urls.contains(href)) {
                urls.add(href);
            }
        }
        if (urls.isEmpty()) {
            throw new MalformedPayloadException("field 'repository.links.clone' lists no clone URL");
        }
        String pusher = firstText(body, "/actor/name", "/actor/slug", "/actor/displayName");
        List<PushEvent> events = new ArrayList<>();
        JsonNode changes = requiredArray(body, "/changes");
        for (int i = 0; i < changes.size(); i++) {
            events.add(new PushEvent(GitProvider.BITBUCKET_SERVER, urls,
                    requiredText(body, "/changes/" + i + "/refId"),
                    requiredText(body, "/changes/" + i + "/toHash"),
                    List.of(), false, pusher));
        }
        return events;
    }

    /** Azure DevOps {@code git.push} service hook: one event per ref update, no paths. */
    static List<PushEvent> azureDevOps(JsonNode body) throws MalformedPayloadException {
        List<String> urls = urls(body, "/resource/repository/remoteUrl", "/resource/repository/sshUrl",
                "/resource/repository/webUrl");
        String pusher = firstText(body, "/resource/pushedBy/displayName", "/resource/pushedBy/uniqueName");
        List<PushEvent> events = new ArrayList<>();
        JsonNode updates = requiredArray(body, "/resource/refUpdates");
        for (int i = 0; i < updates.size(); i++) {
            events.add(new PushEvent(GitProvider.AZURE_DEVOPS, urls,
                    requiredText(body, "/resource/refUpdates/" + i + "/name"),
                    requiredText(body, "/resource/refUpdates/" + i + "/newObjectId"),
                    List.of(), false, pusher));
        }
        return events;
    }

    /** The URLs present at {@code pointers}, in order, without duplicates; at least the first must be there. */
    private static List<String> urls(JsonNode body, String... pointers) throws MalformedPayloadException {
        requiredText(body, pointers[0]);
        SequencedSet<String> urls = new LinkedHashSet<>();
        for (String pointer : pointers) {
            optionalText(body, pointer).ifPresent(urls::add);
        }
        return List.copyOf(urls);
    }

    private static String requiredText(JsonNode body, String pointer) throws MalformedPayloadException {
        return optionalText(body, pointer).orElseThrow(() -> new MalformedPayloadException(
                "field '" + fieldName(pointer) + "' is missing or not a non-empty string"));
    }

    private static JsonNode requiredArray(JsonNode body, String pointer) throws MalformedPayloadException {
        JsonNode node = body.at(pointer);
        if (!node.isArray()) {
            throw new MalformedPayloadException("field '" + fieldName(pointer) + "' is missing or not a list");
        }
        return node;
    }

    private static Optional<String> optionalText(JsonNode body, String pointer) {
        JsonNode node = body.at(pointer);
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static String firstText(JsonNode body, String... pointers) {
        for (String pointer : pointers) {
            Optional<String> text = optionalText(body, pointer);
            if (text.isPresent()) {
                return text.get();
            }
        }
        return "";
    }

    private static String fieldName(String pointer) {
        return pointer.substring(1).replace('/', '.');
    }

    /** The paths the listed commits touch; complete only when there are commits and each lists its paths. */
    private record ChangedPaths(List<String> paths, boolean complete) {

        static ChangedPaths of(JsonNode commits) {
            TreeSet<String> paths = new TreeSet<>();
            boolean everyCommitListsPaths = commits.isArray() && !commits.isEmpty();
            for (JsonNode commit : commits) {
                for (String list : List.of("added", "modified", "removed")) {
                    JsonNode entries = commit.path(list);
                    everyCommitListsPaths &= entries.isArray();
                    entries.forEach(path -> paths.add(path.asText()));
                }
            }
            return new ChangedPaths(List.copyOf(paths), everyCommitListsPaths);
        }
    }
}
