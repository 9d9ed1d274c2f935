/**
 * Push webhooks: {@link dev.driftless.api.webhook.WebhookParser} turns a delivery's headers and body bytes into a
 * {@link dev.driftless.api.webhook.WebhookOutcome}: the {@link dev.driftless.api.webhook.PushEvent}s of a push, a
 * ping, an ignored event, or a rejection with its HTTP status.
 * <p>
 * How each provider is recognised and what its configured secret is checked against:
 * <table>
 *   <caption>Providers</caption>
 *   <tr><th>Provider</th><th>Recognised by</th><th>Push events</th><th>Secret checked against</th></tr>
 *   <tr><td>GitHub</td><td>{@code X-GitHub-Event}</td><td>{@code push}; {@code ping} answers</td>
 *       <td>{@code X-Hub-Signature-256: sha256=<HMAC-SHA256 of the body>}</td></tr>
 *   <tr><td>GitLab</td><td>{@code X-Gitlab-Event}</td><td>{@code Push Hook}, {@code Tag Push Hook}, and
 *       {@code System Hook} whose {@code event_name} is {@code push} or {@code tag_push}</td>
 *       <td>{@code X-Gitlab-Token}, equal to the secret</td></tr>
 *   <tr><td>Gitea</td><td>{@code X-Gitea-Event} (looked at before the {@code X-Gogs-Event} and
 *       {@code X-GitHub-Event} that Gitea also sends)</td><td>{@code push}</td>
 *       <td>{@code X-Gitea-Signature: <hex HMAC-SHA256>}</td></tr>
 *   <tr><td>Gogs</td><td>{@code X-Gogs-Event}</td><td>{@code push}</td>
 *       <td>{@code X-Gogs-Signature: <hex HMAC-SHA256>}</td></tr>
 *   <tr><td>Bitbucket Cloud</td><td>{@code X-Event-Key} with {@code X-Hook-UUID}, or a Cloud event key</td>
 *       <td>{@code repo:push}</td>
 *       <td>{@code X-Hub-Signature: sha256=<HMAC-SHA256>}, which Bitbucket Cloud sends when the webhook has a
 *       secret. Chosen over a secret in the query string or Basic credentials because the URL ends up in logs and
 *       neither authenticates the body.</td></tr>
 *   <tr><td>Bitbucket Server / Data Center</td><td>any other {@code X-Event-Key}</td>
 *       <td>{@code repo:refs_changed}; {@code diagnostics:ping} answers</td>
 *       <td>{@code X-Hub-Signature: sha256=<HMAC-SHA256>}</td></tr>
 *   <tr><td>Azure DevOps</td><td>no header: a JSON body with {@code eventType} and {@code publisherId}</td>
 *       <td>{@code git.push}</td>
 *       <td>the password of the service hook's Basic authentication (the user name is not checked)</td></tr>
 * </table>
 * <p>
 * <b>A provider without a configured secret has its deliveries accepted without any check</b>, as Argo CD does:
 * anyone who can reach the endpoint can then make Driftless refresh (never change) applications. Configure a secret
 * for every provider in use on an endpoint reachable from outside. With a secret configured, a delivery without
 * its signature or token is rejected with 401 and one whose signature or token does not match with 403; comparisons
 * take constant time and no message quotes the secret, the token or the signature.
 * <p>
 * Changed paths come from the commits' {@code added}, {@code modified} and {@code removed} lists (GitHub, GitLab,
 * Gitea, and Gogs when it lists them). When a payload lists no paths (Bitbucket, Azure DevOps, GitLab system hooks)
 * or only some of the pushed commits (GitLab's {@code total_commits_count} above the commits listed, GitHub's 2048
 * commit cap), {@link dev.driftless.api.webhook.PushEvent#changedPathsComplete()} is false and every application
 * following the ref must be refreshed.
 */
package dev.driftless.api.webhook;
