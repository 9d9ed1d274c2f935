package dev.driftless.client;

/** A local user. */
public record User(String name, String createdAt) {
}
