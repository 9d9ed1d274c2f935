package dev.driftless.api.auth;

import java.util.function.Function;

/** What a route requires of its caller. */
public sealed interface Access {

    /** No sign-in: the contract, signing in, the login page's information and the OpenID Connect redirects. */
    record Open() implements Access {
    }

    /**
     * Any signed-in caller: the route answers only with what the caller may see or acts on the caller's own
     * account, checking finer permissions itself.
     */
    record SignedIn() implements Access {
    }

    /** The permission {@code resource, action, object}, the object computed from the request. */
    record Needs(String resource, String action, Function<RouteRequest, String> object) implements Access {
    }
}
