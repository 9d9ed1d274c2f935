package dev.driftless.service;

/**
 * Where a definition comes from: configuration files or Git (read-only through the API), the API, the sandbox,
 * inferred from what applications use (a repository without credentials), or built in (the {@code default} project).
 */
public enum Origin { CONFIG, API, SANDBOX, INFERRED, BUILT_IN }
