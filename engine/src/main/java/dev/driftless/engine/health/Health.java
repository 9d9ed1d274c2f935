package dev.driftless.engine.health;

import java.util.Objects;

/** A health verdict with a message a person can act on, e.g. "Waiting for rollout: 1 of 3 updated replicas are available". */
public record Health(HealthStatus status, String message) {

    public Health {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }

    public static Health healthy(String message) {
        return new Health(HealthStatus.HEALTHY, message);
    }

    public static Health suspended(String message) {
        return new Health(HealthStatus.SUSPENDED, message);
    }

    public static Health progressing(String message) {
        return new Health(HealthStatus.PROGRESSING, message);
    }

    public static Health missing(String message) {
        return new Health(HealthStatus.MISSING, message);
    }

    public static Health degraded(String message) {
        return new Health(HealthStatus.DEGRADED, message);
    }

    public static Health unknown(String message) {
        return new Health(HealthStatus.UNKNOWN, message);
    }
}
