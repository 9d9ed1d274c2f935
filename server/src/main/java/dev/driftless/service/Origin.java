package dev.driftless.service;

/**
 * Where a definition comes from: configuration files or Git (read-only through the API), the API, the sandbox, or
 * inferred from what applications use (a repository without credentials).
 */
public enum Origin { CONFIG, API, SANDBOX, INFERRED }
