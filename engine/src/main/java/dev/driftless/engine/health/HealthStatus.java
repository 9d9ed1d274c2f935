package dev.driftless.engine.health;

import java.util.Locale;

/**
 * Health of one live object, as Argo CD users know it.
 * Declared from most to least healthy, in Argo CD's order (gitops-engine {@code healthOrder}); the natural order of
 * the constants is therefore the severity order that {@link HealthAssessor#worst} uses.
 */
public enum HealthStatus {
    HEALTHY, SUSPENDED, PROGRESSING, MISSING, DEGRADED, UNKNOWN;

    /** Display form: {@code Healthy}, {@code Progressing}, ... */
    public String displayName() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    /** Whether this status is strictly less healthy than {@code other}. */
    public boolean isWorseThan(HealthStatus other) {
        return compareTo(other) > 0;
    }
}
