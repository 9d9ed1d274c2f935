package dev.driftless.api;

/** Whether the service can do its work yet (store migrated, caches warm); {@code /readyz} answers with it. */
@FunctionalInterface
public interface ReadinessCheck {

    Readiness check();

    /** Ready, or not with a reason an operator can act on. */
    record Readiness(boolean ready, String reason) {

        public static final Readiness READY = new Readiness(true, "");

        public static Readiness notReady(String reason) {
            return new Readiness(false, reason);
        }
    }
}
