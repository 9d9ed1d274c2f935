package dev.driftless.service;

import dev.driftless.store.AuditEvent;

/** Something a live view of the service should show: what {@link DriftlessService#subscribe} delivers. */
public sealed interface ServiceChange {

    /** An application's definition or status changed; carries its view as it is now. */
    record ApplicationChanged(ApplicationView view) implements ServiceChange {
    }

    /** An application is gone; its project says who may know. */
    record ApplicationDeleted(String name, String project) implements ServiceChange {
    }

    /** An entry was added to the audit and event log. */
    record EventRecorded(AuditEvent event) implements ServiceChange {
    }
}
