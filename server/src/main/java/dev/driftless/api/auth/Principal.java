package dev.driftless.api.auth;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who makes a request.
 *
 * @param actor   what the audit log records: {@code user:<name>}, {@code sso:<email>}, {@code token:<id>} or
 *                {@code webhook}
 * @param subject the RBAC subject whose policies apply: a user name, an email, {@code proj:<project>:<role>} or
 *                {@code webhook}
 * @param groups  groups the identity provider put the user in, each matched by {@code g, <group>, <role>} lines
 */
public record Principal(String actor, String subject, List<String> groups) {

    /** The webhook receiver, which may refresh what {@code role:webhook} allows. */
    public static final Principal WEBHOOK = new Principal("webhook", "webhook", List.of());

    public Principal {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subject, "subject");
        groups = List.copyOf(groups);
    }

    /** A local user. */
    public static Principal user(String name) {
        return new Principal("user:" + name, name, List.of());
    }

    /** The local user's name, when the actor is a local user. */
    public Optional<String> localUser() {
        return actor.startsWith("user:") ? Optional.of(actor.substring("user:".length()))
                : Optional.empty();
    }
}
