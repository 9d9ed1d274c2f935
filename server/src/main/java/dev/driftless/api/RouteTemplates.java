package dev.driftless.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.engine.model.Documents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The route templates of the API contract ({@code /api/applications/{name}/sync}, …), to name the route a request
 * was for even when it was refused before reaching its handler, where Javalin knows only the filter's path.
 */
record RouteTemplates(List<String> templates) {

    RouteTemplates {
        templates = List.copyOf(templates);
    }

    /** The paths of an OpenAPI document. */
    static RouteTemplates ofContract(byte[] openApiYaml) {
        try {
            JsonNode paths = Documents.YAML.readTree(openApiYaml).path("paths");
            List<String> templates = new ArrayList<>();
            paths.fieldNames().forEachRemaining(templates::add);
            return new RouteTemplates(templates);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the paths of the API contract", e);
        }
    }

    /**
     * The template {@code path} matches, a parameter standing for exactly one segment; where several match, the one
     * with the most literal segments ({@code /api/audit/verify} before {@code /api/audit/{id}}).
     */
    Optional<String> match(String path) {
        String[] segments = path.split("/", -1);
        return templates.stream()
                .filter(template -> matches(template.split("/", -1), segments))
                .max(Comparator.comparingLong(RouteTemplates::literalSegments));
    }

    private static boolean matches(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            boolean parameter = template[i].startsWith("{") && template[i].endsWith("}");
            if (parameter ? segments[i].isEmpty() : !template[i].equals(segments[i])) {
                return false;
            }
        }
        return true;
    }

    private static long literalSegments(String template) {
        return template.chars().filter(c -> c == '/').count() - template.chars().filter(c -> c == '{').count();
    }
}
