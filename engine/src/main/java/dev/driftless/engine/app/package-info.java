/**
 * Declarative definitions, as users write them in YAML or send them to the API: applications, clusters and
 * repositories. Immutable records with no behaviour beyond validation; the service reads and stores them, the
 * reconcile loop acts on them.
 */
package dev.driftless.engine.app;
