package dev.driftless.api.webhook;

import static dev.driftless.api.webhook.WebhookFixtures.hmacHex;
import static dev.driftless.api.webhook.WebhookFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.api.webhook.WebhookOutcome.Push;
import dev.driftless.api.webhook.WebhookOutcome.Rejected;
import dev.driftless.api.webhook.WebhookOutcome.Rejected.Reason;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Right, wrong, truncated and missing signatures for each provider that signs or carries a token. */
class SignaturesTest {

    private static final String SECRET = "webhook-secret-5f1e";

    /** How each provider proves a delivery: the header, and its value for a body and a secret. */
    private enum Signed {
        GITHUB(GitProvider.GITHUB, "github/push.json", Map.of("X-GitHub-Event", "push"), "X-Hub-Signature-256",
                (secret, body) -> "sha256=" + hmacHex(secret, body)),
        GITLAB(GitProvider.GITLAB, "gitlab/push-event.json", Map.of("X-Gitlab-Event", "Push Hook"), "X-Gitlab-Token",
                (secret, body) -> secret),
        GITEA(GitProvider.GITEA, "gitea/push-event.json", Map.of("X-Gitea-Event", "push"), "X-Gitea-Signature",
                WebhookFixtures::hmacHex);

        final GitProvider provider;
        final String file;
        final Map<String, String> event;
        final String header;
        final BiFunction<String, byte[], String> proof;

        Signed(GitProvider provider, String file, Map<String, String> event, String header,
               BiFunction<String, byte[], String> proof) {
            this.provider = provider;
            this.file = file;
            this.event = event;
            this.header = header;
            this.proof = proof;
        }

        WebhookOutcome deliver(String headerValue) {
            Map<String, String> headers = new HashMap<>(event);
            if (headerValue != null) {
                headers.put(header, headerValue);
            }
            return new WebhookParser(WebhookSecrets.none().with(provider, SECRET))
                    .parse(new WebhookRequest(headers, read(file)));
        }

        String right() {
            return proof.apply(SECRET, read(file));
        }
    }

    @ParameterizedTest
    @EnumSource(Signed.class)
    void theRightSignatureIsAccepted(Signed signed) {
        assertThat(signed.deliver(signed.right())).isInstanceOf(Push.class);
    }

    @ParameterizedTest
    @EnumSource(Signed.class)
    void aWrongSignatureIsForbiddenWithoutQuotingEither(Signed signed) {
        String wrong = signed.proof.apply(SECRET + "-not", read(signed.file));

        Rejected rejected = (Rejected) signed.deliver(wrong);

        assertThat(rejected.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(rejected.message()).contains(signed.header).doesNotContain(SECRET, wrong, signed.right());
    }

    @ParameterizedTest
    @EnumSource(Signed.class)
    void aTruncatedOrExtendedSignatureIsForbidden(Signed signed) {
        String right = signed.right();

        for (String altered : new String[] {right.substring(0, right.length() - 2), right.substring(0, 1),
                right + "00", right + "0"}) {
            assertThat(signed.deliver(altered)).as(altered).isInstanceOfSatisfying(Rejected.class,
                    rejected -> assertThat(rejected.reason()).isEqualTo(Reason.BAD_SIGNATURE));
        }
    }

    @ParameterizedTest
    @EnumSource(Signed.class)
    void aMissingOrEmptySignatureIsRefused(Signed signed) {
        assertThat(signed.deliver(null)).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(Reason.MISSING_SIGNATURE));
        assertThat(signed.deliver("")).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.reason()).isIn(Reason.MISSING_SIGNATURE, Reason.BAD_SIGNATURE));
    }

    @Test
    void comparisonsDependOnEveryByteAndOnTheLength() {
        byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String hex = hmacHex(SECRET, body);

        assertThat(Signatures.hmacSha256Matches(SECRET, body, hex)).isTrue();
        assertThat(Signatures.hmacSha256Matches(SECRET, body, " " + hex.toUpperCase() + "\n")).isTrue();
        assertThat(Signatures.hmacSha256Matches(SECRET, body, hex.substring(0, 62))).isFalse();
        assertThat(Signatures.hmacSha256Matches(SECRET, body, hex.substring(0, 63) + (hex.endsWith("0") ? "1" : "0")))
                .isFalse();
        assertThat(Signatures.hmacSha256Matches(SECRET, body, "")).isFalse();
        assertThat(Signatures.tokenMatches(SECRET, SECRET)).isTrue();
        assertThat(Signatures.tokenMatches(SECRET, SECRET.substring(1))).isFalse();
        assertThat(Signatures.tokenMatches(SECRET, SECRET + " ")).isFalse();
    }
}
