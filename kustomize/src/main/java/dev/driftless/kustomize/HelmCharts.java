package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code helmCharts} generator: each entry is rendered by the caller's {@link HelmInflator} from a chart
 * that must already be in the repository, under {@code helmGlobals.chartHome} (default {@code charts} beside the
 * kustomization) in a directory named after the chart. Nothing is pulled from a chart repository. The entry
 * passed on has {@code chartHome}, {@code valuesFile} and {@code additionalValuesFiles} resolved to absolute
 * paths inside the load root.
 */
final class HelmCharts {

    private static final String DEFAULT_CHART_HOME = "charts";
    private static final Set<String> GLOBAL_FIELDS = Set.of("chartHome", "configHome");
    private static final Set<String> CHART_FIELDS = Set.of("name", "version", "repo", "releaseName", "namespace",
            "valuesFile", "additionalValuesFiles", "valuesInline", "valuesMerge", "includeCRDs", "skipHooks",
            "skipTests", "apiVersions", "kubeVersion", "nameTemplate");

    private HelmCharts() {
    }

    static List<Resource> apply(Kustomization kustomization, List<Resource> resources, Build build) {
        ObjectNode globals = kustomization.map("helmGlobals");
        kustomization.knownFields("helmGlobals", globals, GLOBAL_FIELDS);
        List<JsonNode> charts = kustomization.list("helmCharts");
        if (charts.isEmpty()) {
            return resources;
        }
        FileLoader loader = build.loader();
        String chartHomeText = kustomization.text("helmGlobals", globals, "chartHome");
        Path chartHome = chartHomeText.isEmpty()
                ? kustomization.directory().resolve(DEFAULT_CHART_HOME)
                : loader.resolve(kustomization.file(), "helmGlobals.chartHome", chartHomeText);
        List<Resource> result = new ArrayList<>(resources);
        for (int i = 0; i < charts.size(); i++) {
            String field = "helmCharts[" + i + "]";
            ObjectNode chart = chart(kustomization, loader, field, charts.get(i), chartHome);
            String origin = kustomization.name() + " " + field + " (chart " + chart.get("name").asText() + ")";
            List<ObjectNode> rendered = build.options().helm().inflate(chart, kustomization.name());
            for (ObjectNode object : rendered) {
                for (String required : List.of("apiVersion", "kind")) {
                    if (object.path(required).asText("").isEmpty()) {
                        throw kustomization.error(field, "chart rendered an object without " + required);
                    }
                }
                if (object.path("metadata").path("name").asText("").isEmpty()) {
                    throw kustomization.error(field, "chart rendered a " + object.path("kind").asText()
                            + " without metadata.name");
                }
                Accumulation.add(kustomization, field, result, Resource.of(object.deepCopy(), origin));
            }
        }
        return result;
    }

    /** The entry checked and with its paths resolved, ready for the inflator. */
    private static ObjectNode chart(Kustomization kustomization, FileLoader loader, String field, JsonNode entry,
                                    Path chartHome) {
        if (!(entry instanceof ObjectNode original)) {
            throw kustomization.error(field, "must be a map");
        }
        kustomization.knownFields(field, original, CHART_FIELDS);
        String name = kustomization.text(field, original, "name");
        if (name.isEmpty()) {
            throw kustomization.error(field + ".name", "is required");
        }
        if (name.contains("/") || name.contains("\\") || name.equals("..") || name.equals(".")) {
            throw kustomization.error(field + ".name", "'" + name + "' must be a chart name, not a path");
        }
        if (!Files.isDirectory(chartHome.resolve(name))) {
            String repo = kustomization.text(field, original, "repo");
            if (!repo.isEmpty()) {
                throw kustomization.error(field + ".repo", "chart '" + name + "' is not in "
                        + loader.describe(chartHome) + " and charts are not pulled from repositories ('" + repo
                        + "'): commit the chart to the repository");
            }
            throw kustomization.error(field + ".name", "chart '" + name + "' not found in "
                    + loader.describe(chartHome));
        }
        loader.insideWhole(chartHome.resolve(name));
        ObjectNode chart = original.deepCopy();
        chart.put("chartHome", loader.inside(chartHome).toString());
        String valuesFile = kustomization.text(field, original, "valuesFile");
        if (!valuesFile.isEmpty()) {
            chart.put("valuesFile", loader.resolve(kustomization.file(), field + ".valuesFile", valuesFile).toString());
        }
        JsonNode additional = original.get("additionalValuesFiles");
        if (additional != null && !additional.isNull()) {
            if (!additional.isArray()) {
                throw kustomization.error(field + ".additionalValuesFiles", "must be a list");
            }
            var resolved = chart.putArray("additionalValuesFiles");
            for (int j = 0; j < additional.size(); j++) {
                String where = field + ".additionalValuesFiles[" + j + "]";
                if (!additional.get(j).isTextual()) {
                    throw kustomization.error(where, "must be a string");
                }
                resolved.add(loader.resolve(kustomization.file(), where, additional.get(j).asText()).toString());
            }
        }
        return chart;
    }

}
