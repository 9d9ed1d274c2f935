package dev.driftless.service;

/** Where a definition comes from: configuration files or Git (read-only through the API), the API, the sandbox. */
public enum Origin { CONFIG, API, SANDBOX }
