package dev.driftless.engine.reconcile;

/**
 * Told about every {@link ApplicationEvent}, on the controller's worker threads: return quickly, and hand slow work
 * such as sending notifications to a thread of your own. An exception thrown here is logged and ignored.
 */
@FunctionalInterface
public interface ApplicationEvents {

    ApplicationEvents NONE = event -> { };

    void on(ApplicationEvent event);
}
