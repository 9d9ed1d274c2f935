/**
 * The service's HTTP surface. {@link dev.driftless.api.ApiServer} serves {@code POST /api/webhook} (see
 * {@link dev.driftless.api.webhook} for providers and secrets; pushes go to a {@link dev.driftless.api.PushListener}),
 * {@code GET /healthz}, {@code GET /readyz} (from a {@link dev.driftless.api.ReadinessCheck}) and {@code GET /metrics}
 * (Prometheus text from the server's registry, on which {@link dev.driftless.api.Metrics} defines the service's
 * meters).
 * <p>
 * Webhook answers: 202 {@code {"result":"push","pushes":n,"refreshed":m}} for a push, 200 {@code {"result":"ping"}}
 * for a ping, 202 {@code {"result":"ignored","event":...}} for another event, and 400, 401, 403 or 413
 * {@code {"error":"..."}} for a refused delivery.
 */
package dev.driftless.api;
