package dev.driftless.service;

/** Repository credentials as the API shows them: the kind and user name, never the secret. */
public record RepositoryView(String urlPrefix, String type, String username, Origin origin) {
}
