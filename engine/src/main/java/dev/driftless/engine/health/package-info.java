/**
 * Health of live Kubernetes objects, with Argo CD's statuses and, kind by kind, its gitops-engine semantics.
 * {@link dev.driftless.engine.health.HealthAssessor} is the entry point; there is one
 * {@link dev.driftless.engine.health.HealthCheck} per built-in kind and
 * {@link dev.driftless.engine.health.ConditionsHealth} for every other kind.
 * <p>
 * Where Driftless deliberately differs from Argo CD:
 * <ul>
 *   <li>Every object has a health. A kind without health rules (ConfigMap, Secret, RBAC, ...) is Healthy with the
 *       message "No health rules for this kind", where Argo CD shows none.</li>
 *   <li>Custom resources without a dedicated check are read from their conventional conditions (Ready, Available,
 *       Stalled, Reconciling) and observed generation, where Argo CD needs a Lua script per kind.</li>
 *   <li>An APIService with {@code Available=False} is Degraded, not Progressing; a CRD whose {@code Established}
 *       condition is False only because it is still {@code Installing} is Progressing, not Degraded; an HPA whose
 *       target was scaled to zero ({@code ScalingDisabled}) is Suspended.</li>
 *   <li>A Pod's init containers count for waiting errors, and a CronJob whose last run did not succeed is Degraded.</li>
 * </ul>
 * Messages never quote field values of the object outside its status, so a Secret's data cannot leak through them.
 */
package dev.driftless.engine.health;
