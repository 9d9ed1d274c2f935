package dev.driftless.store;

/**
 * What an audit entry says, before the log stamps, numbers and chains it.
 *
 * @param actor       who: {@code user:<name>}, {@code sso:<email>}, {@code token:<id>}, {@code webhook},
 *                    {@code automated}, …
 * @param action      what, e.g. {@code application.create}, {@code sync.failed}, {@code POST /api/clusters}
 * @param application the application it concerns, or {@code null}
 * @param source      from where: the client's address, {@value #CONTROLLER} for the reconcile loop
 * @param result      {@value #OK}, {@code denied}, {@code failed: <reason>}, an HTTP status…
 * @param message     free text, never a secret; may be empty
 */
public record AuditEntry(String actor, String action, String application, String source, String result,
                         String message) {

    /** The source of what the service does by itself: the reconcile loop, restarts, configuration reloads. */
    public static final String CONTROLLER = "controller";
    /** The source of what the service does for an API request; the request's own entry has the client address. */
    public static final String API = "api";
    public static final String OK = "ok";

    /** Keeps what it is given, as read back even from a tampered row; {@link AuditLog#append} checks it. */
    public AuditEntry {
        message = message == null ? "" : message;
    }

    /** The result of something that failed, with why. */
    public static String failed(String reason) {
        return "failed: " + reason;
    }
}
