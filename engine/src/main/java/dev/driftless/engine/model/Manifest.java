package dev.driftless.engine.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * One desired Kubernetes object as rendered from Git.
 *
 * <p>The body is a private deep copy taken at construction. Treat it as read-only: code that needs a changed
 * object calls {@link #withBody} with a new tree rather than mutating {@link #body()}.
 *
 * @param key    the object's identity
 * @param body   the whole object (apiVersion, kind, metadata, spec, ...)
 * @param origin where it came from, for error messages: a repository-relative file and document index,
 *               e.g. {@code apps/web.yaml#2}
 */
public record Manifest(ResourceKey key, ObjectNode body, String origin) {

    public Manifest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(body, "body");
        body = body.deepCopy();
        origin = origin == null ? "" : origin;
    }

    /** Builds a manifest whose key is read from the body. */
    public static Manifest of(ObjectNode body, String origin) {
        return new Manifest(ResourceKey.of(body), body, origin);
    }

    public String apiVersion() {
        return body.path("apiVersion").asText("");
    }

    public String kind() {
        return key.kind();
    }

    public Manifest withBody(ObjectNode newBody) {
        return new Manifest(ResourceKey.of(newBody), newBody, origin);
    }

    /** Key and origin only: the body may be a Secret, and a record's default toString would print its values. */
    @Override
    public String toString() {
        return "Manifest[" + key + " from " + origin + "]";
    }
}
