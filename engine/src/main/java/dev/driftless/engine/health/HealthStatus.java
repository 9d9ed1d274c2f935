package dev.driftless.engine.health;

/** Health of one live object, as Argo CD users know it. */
public enum HealthStatus {
    HEALTHY, PROGRESSING, DEGRADED, SUSPENDED, MISSING, UNKNOWN;

    /** Display form: {@code Healthy}, {@code Progressing}, ... */
    public String displayName() {
        return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
