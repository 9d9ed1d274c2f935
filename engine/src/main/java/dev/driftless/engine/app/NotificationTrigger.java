package dev.driftless.engine.app;

/** Events an application can send notifications on. */
public enum NotificationTrigger {
    SYNC_SUCCEEDED, SYNC_FAILED, HEALTH_DEGRADED, DRIFT_DETECTED, DRIFT_REVERTED
}
