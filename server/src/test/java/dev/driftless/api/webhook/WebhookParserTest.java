package dev.driftless.api.webhook;

import static dev.driftless.api.webhook.WebhookFixtures.GITEA_SECRET;
import static dev.driftless.api.webhook.WebhookFixtures.GITEA_SIGNATURE;
import static dev.driftless.api.webhook.WebhookFixtures.hmacHex;
import static dev.driftless.api.webhook.WebhookFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.api.webhook.WebhookOutcome.Ignored;
import dev.driftless.api.webhook.WebhookOutcome.Ping;
import dev.driftless.api.webhook.WebhookOutcome.Push;
import dev.driftless.api.webhook.WebhookOutcome.Rejected;
import dev.driftless.api.webhook.WebhookOutcome.Rejected.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookParserTest {

    private static final WebhookParser UNCHECKED = new WebhookParser(WebhookSecrets.none());

    @Test
    void everyFixtureFileHasADeliveryAndNoneIsRejected() {
        assertThat(WebhookFixtures.DELIVERIES).extracting(WebhookFixtures.Delivery::file)
                .containsExactlyInAnyOrderElementsOf(WebhookFixtures.allFiles());
        for (WebhookFixtures.Delivery delivery : WebhookFixtures.DELIVERIES) {
            WebhookOutcome outcome = UNCHECKED.parse(new WebhookRequest(delivery.headers(), read(delivery.file())));
            assertThat(outcome).as(delivery.file()).isNotInstanceOf(Rejected.class).isNotInstanceOf(Ignored.class);
        }
    }

    @Test
    void gitHubPushGivesTheReadmeRefCommitAndRepository() {
        byte[] body = read("github/push.json");
        String secret = "github-secret";
        WebhookParser parser = new WebhookParser(WebhookSecrets.none().with(GitProvider.GITHUB, secret));

        PushEvent push = single(parser.parse(new WebhookRequest(
                Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + hmacHex(secret, body)), body)));

        assertThat(push).isEqualTo(new PushEvent(GitProvider.GITHUB,
                List.of("https://github.com/binkkatal/sample_app.git", "git@github.com:binkkatal/sample_app.git",
                        "https://github.com/binkkatal/sample_app"),
                "refs/heads/master", "fd489864e7642b48eaad6e3f155c10e46810ec72",
                List.of(".razorops.yaml", "app/controllers/application_controller.rb"), true, "binkkatal"));
        assertThat(push.deletesRef()).isFalse();
    }

    @Test
    void gitHubPingIsAPing() {
        assertThat(UNCHECKED.parse(new WebhookRequest(Map.of("X-GitHub-Event", "ping"), read("github/ping.json"))))
                .isEqualTo(new Ping(GitProvider.GITHUB));
    }

    @Test
    void gitLabPushListsTwoOfFourCommitsSoItsPathsAreIncomplete() {
        String token = "gitlab-token";
        WebhookParser parser = new WebhookParser(WebhookSecrets.none().with(GitProvider.GITLAB, token));

        PushEvent push = single(parser.parse(new WebhookRequest(
                Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", token), read("gitlab/push-event.json"))));

        assertThat(push).isEqualTo(new PushEvent(GitProvider.GITLAB,
                List.of("http://example.com/mike/diaspora.git", "git@example.com:mike/diaspora.git",
                        "http://example.com/mike/diaspora"),
                "refs/heads/master", "da1560886d4f094c3e6c9ef40349f7d38b5d27d7",
                List.of("CHANGELOG", "app/controller/application.rb"), false, "John Smith"));
    }

    @Test
    void gitLabSystemHookPushHasNoPaths() {
        PushEvent push = single(UNCHECKED.parse(new WebhookRequest(
                Map.of("X-Gitlab-Event", "System Hook"), read("gitlab/system-push-event.json"))));

        assertThat(push.ref()).isEqualTo("refs/heads/master");
        assertThat(push.newSha()).isEqualTo("da1560886d4f094c3e6c9ef40349f7d38b5d27d7");
        assertThat(push.repositoryUrls()).contains("http://example.com/mike/diaspora.git");
        assertThat(push.changedPaths()).isEmpty();
        assertThat(push.changedPathsComplete()).isFalse();
    }

    @Test
    void giteaSignatureFromTheReadmeVerifiesWithItsSecret() {
        WebhookParser parser = new WebhookParser(WebhookSecrets.none().with(GitProvider.GITEA, GITEA_SECRET));

        PushEvent push = single(parser.parse(new WebhookRequest(
                Map.of("X-Gitea-Event", "push", "X-Gitea-Signature", GITEA_SIGNATURE), read("gitea/push-event.json"))));

        assertThat(push).isEqualTo(new PushEvent(GitProvider.GITEA,
                List.of("http://localhost:3000/example/example.git", "git@localhost:example/example.git",
                        "http://localhost:3000/example/example"),
                "refs/heads/master", "67b56589a45103f891bdee7c0546e5d40bc02001", List.of("example"), true, "example"));
    }

    @Test
    void giteaIsRecognisedBeforeTheGogsAndGitHubHeadersItAlsoSends() {
        Map<String, String> headers = Map.of("X-Gitea-Event", "push", "X-Gogs-Event", "push", "X-GitHub-Event", "push");

        assertThat(single(UNCHECKED.parse(new WebhookRequest(headers, read("gitea/push-event.json")))).provider())
                .isEqualTo(GitProvider.GITEA);
    }

    @Test
    void gogsPushWithoutPathListsIsIncomplete() {
        byte[] body = read("gogs/push-event.json");
        WebhookParser parser = new WebhookParser(WebhookSecrets.none().with(GitProvider.GOGS, "gogs-secret"));

        PushEvent push = single(parser.parse(new WebhookRequest(
                Map.of("X-Gogs-Event", "push", "X-Gogs-Signature", hmacHex("gogs-secret", body)), body)));

        assertThat(push).isEqualTo(new PushEvent(GitProvider.GOGS,
                List.of("http://localhost:3000/unknwon/webhooks.git", "ssh://unknwon@localhost:2222/unknwon/webhooks.git",
                        "http://localhost:3000/unknwon/webhooks"),
                "refs/heads/develop", "bffeb74224043ba2feb48d137756c8a9331c449a", List.of(), false, "unknwon"));
    }

    @Test
    void bitbucketCloudPushNamesTheBranchAndNewTarget() {
        byte[] body = read("bitbucket/repo-push.json");
        WebhookParser parser = new WebhookParser(WebhookSecrets.none().with(GitProvider.BITBUCKET_CLOUD, "bb-secret"));

        PushEvent push = single(parser.parse(new WebhookRequest(
                Map.of("X-Event-Key", "repo:push", "X-Hub-Signature", "sha256=" + hmacHex("bb-secret", body)), body)));

        assertThat(push).isEqualTo(new PushEvent(GitProvider.BITBUCKET_CLOUD,
                List.of("https://api.bitbucket.org/bitbucket/bitbucket"), "refs/heads/name-of-branch",
                "709d658dc5b6d6afcd46049c2f332ee3f515a67d", List.of(), false, "emmap1"));
    }

    @Test
    void bitbucketServerRefsChangedReportsTheDeletedBranch() {
        byte[] body = read("bitbucket-server/repo-refs-changed.json");
        WebhookParser parser = new WebhookParser(WebhookSecrets.none().with(GitProvider.BITBUCKET_SERVER, "bbs"));

        PushEvent push = single(parser.parse(new WebhookRequest(
                Map.of("X-Event-Key", "repo:refs_changed", "X-Hub-Signature", "sha256=" + hmacHex("bbs", body)), body)));

        assertThat(push).isEqualTo(new PushEvent(GitProvider.BITBUCKET_SERVER,
                List.of("ssh://git@server.bitbucket.local:7999/~gopher/webhook-test.git",
                        "https://server.bitbucket.local/scm/~gopher/webhook-test.git"),
                "refs/heads/feature/wip", "0000000000000000000000000000000000000000", List.of(), false, "gopher"));
        assertThat(push.deletesRef()).isTrue();
    }

    @Test
    void bitbucketServerDiagnosticsPingIsAPing() {
        assertThat(UNCHECKED.parse(new WebhookRequest(Map.of("X-Event-Key", "diagnostics:ping"), "{}".getBytes())))
                .isEqualTo(new Ping(GitProvider.BITBUCKET_SERVER));
    }

    @Test
    void azureDevOpsIsRecognisedFromItsBodyAndCheckedByBasicAuthPassword() {
        WebhookParser parser = new WebhookParser(WebhookSecrets.none().with(GitProvider.AZURE_DEVOPS, "azure-pass"));

        PushEvent push = single(parser.parse(new WebhookRequest(
                Map.of("Authorization", basic("anyone", "azure-pass")), read("azuredevops/git.push.json"))));

        assertThat(push).isEqualTo(new PushEvent(GitProvider.AZURE_DEVOPS,
                List.of("https://dev.azure.com/fabrikam-fiber-inc/DefaultCollection/_git/Fabrikam-Fiber-Git"),
                "refs/heads/main", "33b55f7cb7e7e245323987634f960cf4a6e6bc74", List.of(), false, "Jamal Hartnett"));
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        assertThat(single(UNCHECKED.parse(new WebhookRequest(
                Map.of("x-github-event", "push"), read("github/push.json")))).provider()).isEqualTo(GitProvider.GITHUB);
    }

    @Test
    void wrongGitHubSignatureIsForbiddenWithoutQuotingSecretOrSignature() {
        byte[] body = read("github/push.json");
        String given = "sha256=" + hmacHex("not-the-secret", body);
        WebhookParser parser = new WebhookParser(WebhookSecrets.none().with(GitProvider.GITHUB, "the-real-secret"));

        Rejected rejected = rejected(parser.parse(new WebhookRequest(
                Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", given), body)));

        assertThat(rejected.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(rejected.reason().httpStatus()).isEqualTo(403);
        assertThat(rejected.message()).contains("GitHub", "X-Hub-Signature-256")
                .doesNotContain("the-real-secret", given, given.substring("sha256=".length()));
    }

    @Test
    void missingGitHubSignatureIsUnauthorisedWhenASecretIsConfigured() {
        WebhookParser parser = new WebhookParser(WebhookSecrets.none().with(GitProvider.GITHUB, "s"));

        Rejected rejected = rejected(parser.parse(new WebhookRequest(
                Map.of("X-GitHub-Event", "push"), read("github/push.json"))));

        assertThat(rejected.reason()).isEqualTo(Reason.MISSING_SIGNATURE);
        assertThat(rejected.reason().httpStatus()).isEqualTo(401);
        assertThat(rejected.message()).contains("X-Hub-Signature-256");
    }

    @Test
    void signaturesWithoutTheSha256PrefixOrNotInHexAreForbidden() {
        byte[] body = read("github/push.json");
        WebhookParser parser = new WebhookParser(WebhookSecrets.none().with(GitProvider.GITHUB, "s"));

        for (String signature : List.of(hmacHex("s", body), "sha1=" + hmacHex("s", body), "sha256=zz-not-hex")) {
            assertThat(rejected(parser.parse(new WebhookRequest(
                    Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", signature), body))).reason())
                    .as(signature).isEqualTo(Reason.BAD_SIGNATURE);
        }
    }

    @Test
    void giteaSignatureDoesNotVerifyAnotherSecretOrAChangedBody() {
        byte[] body = read("gitea/push-event.json");
        Map<String, String> headers = Map.of("X-Gitea-Event", "push", "X-Gitea-Signature", GITEA_SIGNATURE);
        WebhookParser otherSecret = new WebhookParser(WebhookSecrets.none().with(GitProvider.GITEA, GITEA_SECRET + "x"));
        WebhookParser rightSecret = new WebhookParser(WebhookSecrets.none().with(GitProvider.GITEA, GITEA_SECRET));
        byte[] changed = body.clone();
        changed[changed.length - 2] = (byte) ' ';

        assertThat(rejected(otherSecret.parse(new WebhookRequest(headers, body))).reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(rejected(rightSecret.parse(new WebhookRequest(headers, changed))).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void gitLabTokenMustEqualTheSecret() {
        byte[] body = read("gitlab/push-event.json");
        WebhookParser parser = new WebhookParser(WebhookSecrets.none().with(GitProvider.GITLAB, "token-one"));

        Rejected wrong = rejected(parser.parse(new WebhookRequest(
                Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", "token-two"), body)));
        Rejected missing = rejected(parser.parse(new WebhookRequest(Map.of("X-Gitlab-Event", "Push Hook"), body)));

        assertThat(wrong.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(wrong.message()).doesNotContain("token-one", "token-two");
        assertThat(missing.reason()).isEqualTo(Reason.MISSING_SIGNATURE);
    }

    @Test
    void azureDevOpsWrongOrMissingBasicAuthIsRefused() {
        byte[] body = read("azuredevops/git.push.json");
        WebhookParser parser = new WebhookParser(WebhookSecrets.none().with(GitProvider.AZURE_DEVOPS, "azure-pass"));

        assertThat(rejected(parser.parse(new WebhookRequest(Map.of("Authorization", basic("u", "guess")), body)))
                .reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(rejected(parser.parse(new WebhookRequest(Map.of("Authorization", "Basic !!notbase64"), body)))
                .reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(rejected(parser.parse(new WebhookRequest(Map.of(), body))).reason())
                .isEqualTo(Reason.MISSING_SIGNATURE);
    }

    @Test
    void aSecretForOneProviderLeavesTheOthersUnchecked() {
        WebhookParser parser = new WebhookParser(WebhookSecrets.none().with(GitProvider.GITLAB, "gitlab-only"));

        assertThat(parser.parse(new WebhookRequest(Map.of("X-GitHub-Event", "push"), read("github/push.json"))))
                .isInstanceOf(Push.class);
    }

    @Test
    void malformedJsonIsABadRequestNamingTheProvider() {
        Rejected rejected = rejected(UNCHECKED.parse(new WebhookRequest(
                Map.of("X-GitHub-Event", "push"), "{\"ref\": ".getBytes(StandardCharsets.UTF_8))));

        assertThat(rejected.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(rejected.reason().httpStatus()).isEqualTo(400);
        assertThat(rejected.message()).startsWith("GitHub push webhook: body is not JSON");
    }

    @Test
    void aJsonBodyThatIsNotAnObjectIsMalformed() {
        assertThat(rejected(UNCHECKED.parse(new WebhookRequest(Map.of("X-Gogs-Event", "push"), "[1]".getBytes())))
                .message()).isEqualTo("Gogs push webhook: body is not a JSON object");
    }

    @Test
    void aPushWithoutItsNewCommitNamesTheMissingField() {
        Rejected rejected = rejected(UNCHECKED.parse(new WebhookRequest(Map.of("X-GitHub-Event", "push"),
                "{\"ref\":\"refs/heads/main\",\"repository\":{\"clone_url\":\"https://example.com/r.git\"}}".getBytes())));

        assertThat(rejected.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(rejected.message()).isEqualTo("GitHub push webhook: field 'after' is missing or not a non-empty string");
    }

    @Test
    void aBitbucketServerPushWithoutCloneLinksIsMalformed() {
        assertThat(rejected(UNCHECKED.parse(new WebhookRequest(Map.of("X-Event-Key", "repo:refs_changed"),
                "{\"changes\":[]}".getBytes()))).message()).contains("repository.links.clone");
    }

    @Test
    void unknownEventsOfKnownProvidersAreIgnored() {
        assertThat(UNCHECKED.parse(new WebhookRequest(Map.of("X-GitHub-Event", "issues"), "{}".getBytes())))
                .isEqualTo(new Ignored(GitProvider.GITHUB, "issues"));
        assertThat(UNCHECKED.parse(new WebhookRequest(Map.of("X-Gitlab-Event", "System Hook"),
                "{\"event_name\":\"project_create\"}".getBytes())))
                .isEqualTo(new Ignored(GitProvider.GITLAB, "System Hook"));
        assertThat(UNCHECKED.parse(new WebhookRequest(Map.of(),
                "{\"eventType\":\"build.complete\",\"publisherId\":\"tfs\"}".getBytes())))
                .isEqualTo(new Ignored(GitProvider.AZURE_DEVOPS, "build.complete"));
    }

    @Test
    void aRequestFromNoKnownProviderIsUnrecognised() {
        Rejected rejected = rejected(UNCHECKED.parse(new WebhookRequest(
                Map.of("Content-Type", "application/json"), read("github/push.json"))));

        assertThat(rejected.reason()).isEqualTo(Reason.UNRECOGNISED);
        assertThat(rejected.message()).contains("X-GitHub-Event", "Azure DevOps");
    }

    @Test
    void anOversizedBodyIsRefusedBeforeAnythingElse() {
        WebhookParser parser = new WebhookParser(WebhookSecrets.none().with(GitProvider.GITHUB, "s"), 1000);

        Rejected rejected = rejected(parser.parse(new WebhookRequest(
                Map.of("X-GitHub-Event", "push"), read("github/push.json"))));

        assertThat(rejected.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(rejected.reason().httpStatus()).isEqualTo(413);
        assertThat(rejected.message()).contains("1000 bytes");
    }

    @Test
    void aBodyExactlyAtTheLimitIsAccepted() {
        byte[] body = read("github/push.json");

        assertThat(new WebhookParser(WebhookSecrets.none(), body.length)
                .parse(new WebhookRequest(Map.of("X-GitHub-Event", "push"), body))).isInstanceOf(Push.class);
    }

    @Test
    void secretsAndHeaderValuesStayOutOfToString() {
        WebhookSecrets secrets = WebhookSecrets.none().with(GitProvider.GITLAB, "hidden-token");
        WebhookRequest request = new WebhookRequest(Map.of("X-Gitlab-Token", "hidden-token"), new byte[3]);

        assertThat(secrets.toString()).contains("GITLAB").doesNotContain("hidden-token");
        assertThat(request.toString()).contains("X-Gitlab-Token", "3 bytes").doesNotContain("hidden-token");
    }

    private static PushEvent single(WebhookOutcome outcome) {
        assertThat(outcome).isInstanceOf(Push.class);
        List<PushEvent> events = ((Push) outcome).events();
        assertThat(events).hasSize(1);
        return events.getFirst();
    }

    private static Rejected rejected(WebhookOutcome outcome) {
        assertThat(outcome).isInstanceOf(Rejected.class);
        return (Rejected) outcome;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
