/**
 * The service's HTTP surface. {@link dev.driftless.api.ApiServer} serves {@code POST /api/webhook} (see
 * {@link dev.driftless.api.webhook} for providers and secrets; pushes go to a {@link dev.driftless.api.PushListener},
 * or to {@link dev.driftless.service.DriftlessService#onPush} when the REST API is served), {@code GET /healthz},
 * {@code GET /readyz} (from a {@link dev.driftless.api.ReadinessCheck}) and {@code GET /metrics} (Prometheus text
 * from the server's registry, on which {@link dev.driftless.api.Metrics} defines the service's meters).
 * <p>
 * Webhook answers: 202 {@code {"result":"push","pushes":n,"refreshed":m}} for a push, 200 {@code {"result":"ping"}}
 * for a ping, 202 {@code {"result":"ignored","event":...}} for another event, and 400, 401, 403 or 413
 * {@code {"error":"..."}} for a refused delivery.
 * <p>
 * The REST API is the contract {@code api/openapi.yaml} (served at {@code GET /api/openapi.yaml}) over a
 * {@link dev.driftless.service.DriftlessService}. Every route under {@code /api/} except the webhook, the contract,
 * signing in and the single sign-on routes needs a session cookie or {@code Authorization: Bearer <token>} (a
 * session or API token, see {@link dev.driftless.api.auth.Accounts}), and then the permission that
 * {@link dev.driftless.api.auth.RouteTable} names for the route (RBAC, {@link dev.driftless.api.auth.Rbac}); the
 * caller's actor ({@code user:<name>}, {@code sso:<email>}, {@code token:<id>}) is passed to the service and
 * {@link dev.driftless.api.AuditTrail} records every change and refusal. Service errors map to 404 (not found),
 * 409 (conflict) and 400 (invalid, and any malformed parameter or body, the message naming the field); anything
 * else is a 500 whose message stays in the server log. Choices the contract leaves open:
 * <ul>
 *   <li>Sync and rollback answer 202 {@code {"accepted": true, ...}}. When the operation ends within a second, the
 *       rest of the answer is that {@code Operation}; otherwise it is only {@code "application"}, and the outcome is
 *       read from the application's status or history. A refusal that comes within that second (a sync window, an
 *       unknown revision) keeps its 409 or 400.</li>
 *   <li>{@code GET /api/events} answers the contract's array and the total across pages in {@code X-Total-Count}.</li>
 *   <li>An application's status adds {@code rollback} ({@code revision}, {@code operationId}) while a rollback is
 *       in force, and the summary's {@code automated} is then false; operations add {@code prune} and
 *       {@code dryRun}.</li>
 *   <li>Repository credentials take their type from the secret given: {@code password} (with {@code username}),
 *       {@code token} or {@code sshPrivateKey}, at most one; none gives anonymous access. {@code knownHosts} is
 *       refused until the store can keep it.</li>
 * </ul>
 */
package dev.driftless.api;
