package dev.driftless.service;

import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.reconcile.ApplicationStatus;

import java.util.Optional;

/** An application's definition, where it comes from, and its status once reconciled. */
public record ApplicationView(ApplicationSpec spec, Origin origin, Optional<ApplicationStatus> status) {
}
