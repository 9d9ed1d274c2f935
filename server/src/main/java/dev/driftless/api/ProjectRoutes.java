package dev.driftless.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.config.ConfigLoader;
import dev.driftless.engine.app.ProjectKeys;
import dev.driftless.engine.app.ProjectSpec;
import dev.driftless.service.DriftlessService;
import dev.driftless.service.ServiceException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Optional;

/**
 * {@code /api/projects}: projects as {@code kind: Project} documents, with their SOPS keys beside the document in a
 * {@code sops} field ({@code ageKey}, {@code pgpKey}) that answers never return; they say how many keys are held.
 */
final class ProjectRoutes {

    private static final String KEYS_FIELD = "sops";

    private final DriftlessService service;

    ProjectRoutes(DriftlessService service) {
        this.service = service;
    }

    void register(Javalin app) {
        app.get("/api/projects", ctx -> ctx.json(ApiJson.projects(service.projects())));
        app.post("/api/projects", ctx -> {
            ProjectRequest request = request(ctx);
            ctx.status(HttpStatus.CREATED)
                    .header("Location", "/api/projects/" + request.spec().name())
                    .json(ApiJson.project(service.createProject(request.spec(),
                            request.keys().orElse(ProjectKeys.none()), actor(ctx))));
        });
        app.get("/api/projects/{name}", ctx -> ctx.json(ApiJson.project(service.project(name(ctx))
                .orElseThrow(() -> new ServiceException.NotFound("no project named " + name(ctx))))));
        app.put("/api/projects/{name}", ctx -> {
            ProjectRequest request = request(ctx);
            if (!request.spec().name().equals(name(ctx))) {
                throw new IllegalArgumentException("metadata.name: '" + request.spec().name()
                        + "' differs from the project in the path, '" + name(ctx) + "'");
            }
            ctx.json(ApiJson.project(service.updateProject(request.spec(), request.keys(), actor(ctx))));
        });
        app.delete("/api/projects/{name}", ctx -> {
            service.deleteProject(name(ctx), actor(ctx));
            ctx.status(HttpStatus.NO_CONTENT);
        });
    }

    /** @param keys empty when the request has no {@code sops} field */
    private record ProjectRequest(ProjectSpec spec, Optional<ProjectKeys> keys) {
    }

    private static ProjectRequest request(Context ctx) {
        ObjectNode document = (ObjectNode) ApiRequests.body(ctx.body(), false);
        JsonNode sops = document.remove(KEYS_FIELD);
        Optional<ProjectKeys> keys = sops == null ? Optional.empty() : Optional.of(ApiRequests.projectKeys(sops));
        return new ProjectRequest(ConfigLoader.readProject(document.toString(), "request body"), keys);
    }

    private static String name(Context ctx) {
        return ctx.pathParam("name");
    }

    private static String actor(Context ctx) {
        return ctx.attribute(RestApi.ACTOR);
    }
}
