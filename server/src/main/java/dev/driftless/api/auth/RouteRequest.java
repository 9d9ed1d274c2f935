package dev.driftless.api.auth;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a route's permission object is computed from.
 *
 * @param pathParameters  the route's path parameters, e.g. {@code name}
 * @param bodyField       reads a text field of the JSON request body by JSON pointer, e.g. {@code /name}
 * @param bodyApplication the {@code <project>/<application>} of the application the request body defines
 * @param projectOf       the project of a known application, by name
 */
public record RouteRequest(Map<String, String> pathParameters, Function<String, Optional<String>> bodyField,
                           Supplier<String> bodyApplication, Function<String, Optional<String>> projectOf) {

    public RouteRequest {
        pathParameters = Map.copyOf(pathParameters);
    }

    /** {@code <project>/<name>} of the application in the path; project {@code default} when it does not exist. */
    public String application() {
        String name = pathParameters.get("name");
        return projectOf.apply(name).orElse("default") + "/" + name;
    }

    public String path(String parameter) {
        return pathParameters.get(parameter);
    }
}
