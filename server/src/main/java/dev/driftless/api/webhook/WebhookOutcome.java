package dev.driftless.api.webhook;

import java.util.List;

/** What a webhook delivery amounts to once recognised and verified. */
public sealed interface WebhookOutcome {

    /** A push: one event per ref it moved (Bitbucket and Azure DevOps report several refs in one delivery). */
    record Push(List<PushEvent> events) implements WebhookOutcome {
        public Push {
            events = List.copyOf(events);
        }
    }

    /** The provider checking that the endpoint answers. */
    record Ping(GitProvider provider) implements WebhookOutcome {
    }

    /** A verified event of a kind that never triggers a refresh (issues, pull requests, ...). */
    record Ignored(GitProvider provider, String event) implements WebhookOutcome {
    }

    /** A delivery refused; {@code message} never quotes a secret, token or signature. */
    record Rejected(Reason reason, String message) implements WebhookOutcome {

        /** Why, with the HTTP status that says so. */
        public enum Reason {
            /** No provider's headers and not an Azure DevOps service hook. */
            UNRECOGNISED(400),
            /** Not JSON, or a field a push needs is missing or of the wrong type. */
            MALFORMED(400),
            /** A secret is configured for the provider but the delivery carries no signature or token. */
            MISSING_SIGNATURE(401),
            /** The signature or token does not match the configured secret. */
            BAD_SIGNATURE(403),
            /** The body exceeds the size limit. */
            TOO_LARGE(413);

            private final int httpStatus;

            Reason(int httpStatus) {
                this.httpStatus = httpStatus;
            }

            public int httpStatus() {
                return httpStatus;
            }
        }
    }
}
