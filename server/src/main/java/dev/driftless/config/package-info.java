/**
 * Declarative configuration: YAML documents of {@code apiVersion: driftless.dev/v1alpha1} declaring applications,
 * clusters, repository credentials and notification channels, read from a directory or a Git repository
 * ({@link dev.driftless.config.ConfigLoader}) and written back in the same form
 * ({@link dev.driftless.config.ConfigWriter}).
 */
package dev.driftless.config;
