package dev.driftless.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.api.auth.AccessControl;
import dev.driftless.api.auth.Accounts;
import dev.driftless.api.auth.IssuedToken;
import dev.driftless.api.auth.OidcLogin;
import dev.driftless.api.auth.Principal;
import dev.driftless.api.auth.TokenRequest;
import dev.driftless.config.Durations;
import dev.driftless.service.ServiceException;
import dev.driftless.store.StoreException;
import dev.driftless.store.StoredToken;
import dev.driftless.store.StoredUser;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in and out, the caller's own account, local users and API tokens. Passwords and tokens are read from
 * request bodies only; a token is answered once, when it is created, and never logged.
 */
final class AccountRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AccountRoutes.class);

    private static final String SSO_STATE_COOKIE = "driftless_oidc_state";
    private static final int SSO_STATE_SECONDS = 600;

    private final AccessControl access;

    AccountRoutes(AccessControl access) {
        this.access = access;
    }

    void register(Javalin app) {
        app.post("/api/session", this::signIn);
        app.get("/api/auth/info", ctx -> ctx.json(JsonNodeFactory.instance.objectNode()
                .put("oidc", access.oidc().isPresent())
                .put("oidcName", access.oidc().map(OidcLogin::displayName).orElse(null))));
        app.get("/api/auth/oidc/login", this::beginSso);
        app.get("/api/auth/oidc/callback", this::completeSso);
        app.get("/api/session", ctx -> {
            Principal principal = RestApi.principal(ctx);
            ctx.json(JsonNodeFactory.instance.objectNode()
                    .put("user", principal.actor().substring(principal.actor().indexOf(':') + 1))
                    .put("actor", principal.actor()));
        });
        app.delete("/api/session", this::signOut);
        app.put("/api/account/password", this::changePassword);
        app.get("/api/users", ctx -> {
            ArrayNode users = JsonNodeFactory.instance.arrayNode();
            for (StoredUser user : access.accounts().users()) {
                users.addObject().put("name", user.name()).put("createdAt", String.valueOf(user.createdAt()));
            }
            ctx.json(users);
        });
        app.post("/api/users", ctx -> {
            JsonNode body = ApiRequests.body(ctx.body(), false);
            String name = text(body, "username");
            try {
                access.accounts().createUser(name, text(body, "password"));
            } catch (StoreException.AlreadyExists e) {
                throw new ServiceException.Conflict(e.getMessage());
            }
            LOG.info("{} created user {}", RestApi.principal(ctx).actor(), name);
            ctx.status(HttpStatus.CREATED).json(JsonNodeFactory.instance.objectNode().put("name", name));
        });
        app.delete("/api/users/{name}", ctx -> {
            String name = ctx.pathParam("name");
            if (RestApi.principal(ctx).localUser().filter(name::equals).isPresent()) {
                throw new IllegalArgumentException("name: you cannot delete your own user");
            }
            if (!access.accounts().deleteUser(name)) {
                throw new ServiceException.NotFound("no user named " + name);
            }
            LOG.info("{} deleted user {}", RestApi.principal(ctx).actor(), name);
            ctx.status(HttpStatus.NO_CONTENT);
        });
        app.post("/api/tokens", this::createToken);
        app.get("/api/tokens", ctx -> {
            Principal caller = RestApi.principal(ctx);
            boolean all = access.rbac().allows(caller, "accounts", "get", "*");
            ArrayNode tokens = JsonNodeFactory.instance.arrayNode();
            access.accounts().tokens().stream().filter(token -> all || token.createdBy().equals(caller.actor()))
                    .forEach(token -> tokens.add(token(token)));
            ctx.json(tokens);
        });
        app.delete("/api/tokens/{id}", ctx -> {
            Principal caller = RestApi.principal(ctx);
            String id = ctx.pathParam("id");
            Optional<StoredToken> token = access.accounts().token(id)
                    .filter(found -> found.createdBy().equals(caller.actor())
                            || access.rbac().allows(caller, "accounts", "delete", "*"));
            if (token.isEmpty() || !access.accounts().revokeToken(id)) {
                throw new ServiceException.NotFound("no token " + id + " of yours that is not revoked yet");
            }
            LOG.info("{} revoked API token {}", caller.actor(), id);
            ctx.status(HttpStatus.NO_CONTENT);
        });
    }

    private void signIn(Context ctx) {
        JsonNode body = ApiRequests.body(ctx.body(), false);
        String username = text(body, "username");
        String password = text(body, "password");
        Optional<Duration> wait = access.limiter().retryAfter(username, ctx.ip());
        if (wait.isPresent()) {
            tooManyAttempts(ctx, wait.get());
            return;
        }
        Optional<Principal> principal = access.accounts().checkPassword(username, password);
        if (principal.isEmpty()) {
            access.limiter().failed(username, ctx.ip());
            LOG.warn("failed sign-in as {} from {}", username, ctx.ip());
            ctx.status(HttpStatus.UNAUTHORIZED).json(ApiJson.error("wrong user name or password"));
            return;
        }
        access.limiter().succeeded(username);
        String token = access.accounts().openSession(principal.get());
        ctx.cookie(sessionCookie(ctx, token, (int) Accounts.SESSION_LIFETIME.toSeconds()));
        ObjectNode answer = JsonNodeFactory.instance.objectNode().put("user", username)
                .put("actor", principal.get().actor());
        // The dashboard has the HttpOnly cookie and must not see the token; the CLI keeps the token itself.
        if (!RestApi.CSRF_VALUE.equals(ctx.header(RestApi.CSRF_HEADER))) {
            answer.put("token", token);
        }
        ctx.json(answer);
    }

    private void beginSso(Context ctx) {
        OidcLogin oidc = access.oidc().orElseThrow(() -> new ServiceException.NotFound("single sign-on is not configured"));
        OidcLogin.Redirect redirect = oidc.begin();
        // Lax, not Strict: the provider's redirect back is a cross-site navigation, which must carry this cookie.
        ctx.cookie(new Cookie(SSO_STATE_COOKIE, redirect.state(), "/api/auth/oidc", SSO_STATE_SECONDS,
                ctx.req().isSecure(), 0, true, null, null, SameSite.LAX));
        ctx.redirect(redirect.authorizationUri().toString(), HttpStatus.FOUND);
    }

    private void completeSso(Context ctx) {
        OidcLogin oidc = access.oidc().orElseThrow(() -> new ServiceException.NotFound("single sign-on is not configured"));
        Principal principal;
        try {
            String error = ctx.queryParam("error");
            if (error != null) {
                throw new OidcLogin.OidcException("the provider answered " + error);
            }
            principal = oidc.complete(ctx.queryParam("code"), ctx.queryParam("state"), ctx.cookie(SSO_STATE_COOKIE));
        } catch (OidcLogin.OidcException e) {
            LOG.warn("single sign-on refused from {}: {}", ctx.ip(), e.getMessage());
            ctx.status(HttpStatus.UNAUTHORIZED).json(ApiJson.error("single sign-on refused: " + e.getMessage()));
            return;
        }
        String token = access.accounts().openSession(principal);
        LOG.info("{} signed in with single sign-on from {}", principal.actor(), ctx.ip());
        ctx.cookie(new Cookie(SSO_STATE_COOKIE, "", "/api/auth/oidc", 0, ctx.req().isSecure(), 0, true, null, null,
                SameSite.LAX));
        ctx.cookie(sessionCookie(ctx, token, (int) Accounts.SESSION_LIFETIME.toSeconds()));
        ctx.redirect("/", HttpStatus.FOUND);
    }

    private void signOut(Context ctx) {
        String cookie = ctx.cookie(RestApi.SESSION_COOKIE);
        String header = ctx.header("Authorization");
        if (cookie != null && !cookie.isEmpty()) {
            access.accounts().closeSession(cookie);
        } else if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            access.accounts().closeSession(header.substring(7).strip());
        }
        ctx.cookie(sessionCookie(ctx, "", 0));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void changePassword(Context ctx) {
        Principal caller = RestApi.principal(ctx);
        String name = caller.localUser().orElseThrow(() -> new IllegalArgumentException(
                "only a local user has a password here; " + caller.actor() + " is not one"));
        JsonNode body = ApiRequests.body(ctx.body(), false);
        String current = text(body, "currentPassword");
        String replacement = text(body, "newPassword");
        Optional<Duration> wait = access.limiter().retryAfter(name, ctx.ip());
        if (wait.isPresent()) {
            tooManyAttempts(ctx, wait.get());
            return;
        }
        if (access.accounts().checkPassword(name, current).isEmpty()) {
            access.limiter().failed(name, ctx.ip());
            LOG.warn("failed password change of {} from {}: wrong current password", name, ctx.ip());
            throw new IllegalArgumentException("currentPassword: does not match");
        }
        access.accounts().changePassword(name, current, replacement);
        LOG.info("{} changed its password", caller.actor());
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void createToken(Context ctx) {
        Principal caller = RestApi.principal(ctx);
        JsonNode body = ApiRequests.body(ctx.body(), true);
        TokenRequest request = new TokenRequest(optionalText(body, "project").orElse(null), optionalText(body, "role").orElse(null),
                optionalText(body, "expiresIn").map(AccountRoutes::duration).orElse(null),
                optionalText(body, "description").orElse(""));
        if (request.project() != null && !access.rbac().allows(caller, "projects", "update", request.project())) {
            throw new ForbiddenResponse("permission denied: projects, update, " + request.project());
        }
        IssuedToken issued = access.accounts().createToken(request, caller);
        LOG.info("{} created API token {} acting as {}", caller.actor(), issued.stored().id(),
                issued.stored().subject());
        ctx.status(HttpStatus.CREATED).json(token(issued.stored()).put("token", issued.value()));
    }

    private static ObjectNode token(StoredToken token) {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("id", token.id())
                .put("subject", token.subject())
                .put("description", token.description())
                .put("createdBy", token.createdBy())
                .put("createdAt", String.valueOf(token.createdAt()))
                .put("revoked", token.revokedAt() != null);
        node.put("project", token.project()).put("role", token.role());
        node.put("expiresAt", token.expiresAt() == null ? null : token.expiresAt().toString());
        return node;
    }

    private static Duration duration(String text) {
        Duration parsed = Durations.parse(text);
        if (parsed != null) {
            return parsed;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expiresIn: '" + text + "' is not a duration such as 24h or P30D");
        }
    }

    private static void tooManyAttempts(Context ctx, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        ctx.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Long.toString(seconds))
                .json(ApiJson.error("too many failed sign-ins; try again in " + seconds + " s"));
    }

    private static String text(JsonNode body, String field) {
        return optionalText(body, field).orElseThrow(() ->
                new IllegalArgumentException(field + ": required, as a non-empty string"));
    }

    private static Optional<String> optionalText(JsonNode body, String field) {
        JsonNode value = body.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** @param maxAge seconds; 0 clears the cookie */
    static Cookie sessionCookie(Context ctx, String value, int maxAge) {
        return new Cookie(RestApi.SESSION_COOKIE, value, "/", maxAge, ctx.req().isSecure(), 0, true, null, null,
                SameSite.STRICT);
    }
}
