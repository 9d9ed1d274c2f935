package dev.driftless.service;

import dev.driftless.engine.app.ProjectSpec;

import java.util.List;

/**
 * A project as the API shows it: its limits and roles, where it comes from, and how many SOPS keys it holds, never
 * the keys themselves.
 *
 * @param applications the names of the applications that belong to it, sorted
 */
public record ProjectView(ProjectSpec spec, Origin origin, int ageIdentities, int pgpKeys, List<String> applications) {

    public ProjectView {
        applications = List.copyOf(applications);
    }
}
