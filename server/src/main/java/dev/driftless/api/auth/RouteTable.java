package dev.driftless.api.auth;

import java.util.Map;
import java.util.Optional;

/**
 * The permission every {@code /api/} route requires, in one table: method and route (as registered, e.g.
 * {@code /api/applications/{name}/sync}) to resource, action and object. A route missing from the table requires
 * {@code route, <METHOD>, <route>}, which only a policy granting every resource, {@code role:admin}'s, allows.
 */
public final class RouteTable {

    private static final Access OPEN = new Access.Open();
    private static final Access SIGNED_IN = new Access.SignedIn();

    private static final Map<String, Access> ROUTES = Map.ofEntries(
            Map.entry("GET /api/openapi.yaml", OPEN),
            Map.entry("POST /api/webhook", OPEN),
            Map.entry("POST /api/session", OPEN),
            Map.entry("DELETE /api/session", OPEN),
            Map.entry("GET /api/auth/info", OPEN),
            Map.entry("GET /api/auth/oidc/login", OPEN),
            Map.entry("GET /api/auth/oidc/callback", OPEN),
            Map.entry("GET /api/session", SIGNED_IN),
            Map.entry("PUT /api/account/password", SIGNED_IN),
            Map.entry("GET /api/tokens", SIGNED_IN),
            Map.entry("DELETE /api/tokens/{id}", SIGNED_IN),
            Map.entry("POST /api/tokens", SIGNED_IN),
            Map.entry("GET /api/stream", SIGNED_IN),
            Map.entry("GET /api/applications", SIGNED_IN),
            Map.entry("POST /api/applications", new Access.Needs("applications", "create",
                    request -> request.bodyApplication().get())),
            Map.entry("GET /api/applications/{name}", application("get")),
            Map.entry("PUT /api/applications/{name}", new Access.Needs("applications", "update",
                    request -> request.bodyApplication().get())),
            Map.entry("DELETE /api/applications/{name}", application("delete")),
            Map.entry("POST /api/applications/{name}/sync", application("sync")),
            Map.entry("POST /api/applications/{name}/refresh", application("refresh")),
            Map.entry("POST /api/applications/{name}/rollback", application("rollback")),
            Map.entry("GET /api/applications/{name}/diff", application("get")),
            Map.entry("GET /api/applications/{name}/tree", application("get")),
            Map.entry("GET /api/applications/{name}/manifest", application("get")),
            Map.entry("GET /api/applications/{name}/history", application("get")),
            Map.entry("GET /api/events", new Access.Needs("audit", "get", request -> "*")),
            Map.entry("GET /api/clusters", new Access.Needs("clusters", "get", request -> "*")),
            Map.entry("POST /api/clusters", new Access.Needs("clusters", "create", request -> body(request, "/name"))),
            Map.entry("DELETE /api/clusters/{name}", path("clusters", "delete", "name")),
            Map.entry("GET /api/repositories", new Access.Needs("repositories", "get", request -> "*")),
            Map.entry("POST /api/repositories", new Access.Needs("repositories", "create",
                    request -> body(request, "/urlPrefix"))),
            Map.entry("DELETE /api/repositories/{prefix}", path("repositories", "delete", "prefix")),
            Map.entry("GET /api/projects", new Access.Needs("projects", "get", request -> "*")),
            Map.entry("POST /api/projects", new Access.Needs("projects", "create",
                    request -> body(request, "/metadata/name"))),
            Map.entry("GET /api/projects/{name}", path("projects", "get", "name")),
            Map.entry("PUT /api/projects/{name}", path("projects", "update", "name")),
            Map.entry("DELETE /api/projects/{name}", path("projects", "delete", "name")),
            Map.entry("GET /api/audit", new Access.Needs("audit", "get", request -> "*")),
            Map.entry("GET /api/audit/export", new Access.Needs("audit", "get", request -> "*")),
            Map.entry("GET /api/audit/verify", new Access.Needs("audit", "get", request -> "*")),
            Map.entry("GET /api/users", new Access.Needs("accounts", "get", request -> "*")),
            Map.entry("POST /api/users", new Access.Needs("accounts", "create",
                    request -> body(request, "/username"))),
            Map.entry("DELETE /api/users/{name}", path("accounts", "delete", "name")));

    private RouteTable() {
    }

    /** What {@code method route} requires; see the class comment for routes not in the table. */
    public static Access of(String method, String route) {
        Access access = ROUTES.get(method + " " + route);
        return access != null ? access : new Access.Needs("route", method, request -> route);
    }

    private static Access application(String action) {
        return new Access.Needs("applications", action, RouteRequest::application);
    }

    private static Access path(String resource, String action, String parameter) {
        return new Access.Needs(resource, action, request -> request.path(parameter));
    }

    private static String body(RouteRequest request, String pointer) {
        Optional<String> value = request.bodyField().apply(pointer);
        return value.orElseThrow(() -> new IllegalArgumentException(pointer.substring(1) + ": required, as a string"));
    }
}
