package dev.driftless.engine.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.model.Manifest;
import dev.driftless.kustomize.HelmInflator;
import dev.driftless.kustomize.KustomizeException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization's {@code helmCharts} entries with the in-process Helm of {@link HelmRenderer}, so a
 * chart is held to the same rules as a Helm application: it must lie in the repository with its dependencies
 * vendored, and nothing is downloaded.
 *
 * <p>Of an entry, {@code name} and {@code chartHome} locate the chart ({@code <chartHome>/<name>}),
 * {@code releaseName} and {@code namespace} become the release's, {@code valuesFile} and
 * {@code additionalValuesFiles} (relative to the kustomization) are applied in that order and
 * {@code valuesInline} last, which is kustomize's default {@code valuesMerge: override}. {@code version} and
 * {@code repo} only matter for downloading, so a chart present in the repository is used as it is. Fields
 * Helm-java cannot honour ({@code includeCRDs: true}, other {@code valuesMerge} modes) and unknown fields are
 * refused with the field's name.
 */
final class KustomizeHelm implements HelmInflator {

    private static final Set<String> FIELDS = Set.of("name", "version", "repo", "chartHome", "releaseName",
            "namespace", "valuesFile", "additionalValuesFiles", "valuesInline", "valuesMerge", "includeCRDs");

    private final HelmRenderer helm;
    private final Path realRoot;

    /**
     * @param helm     the renderer that runs Helm
     * @param realRoot the repository root with symlinks resolved; also the kustomize load root, to which the
     *                 kustomization names passed to {@link #inflate} are relative
     */
    KustomizeHelm(HelmRenderer helm, Path realRoot) {
        this.helm = helm;
        this.realRoot = realRoot;
    }

    @Override
    public List<ObjectNode> inflate(ObjectNode chart, String kustomization) {
        String entry = kustomization + ": helmCharts: chart '" + chart.path("name").asText() + "'";
        checkFields(chart, entry);
        Path chartDirectory = HelmInflator.chartHome(chart).resolve(chart.path("name").asText()).normalize();
        if (!chartDirectory.startsWith(realRoot)) {
            throw new KustomizeException(entry + ": chartHome: " + chartDirectory + " is outside the repository");
        }
        if (!Files.isDirectory(chartDirectory)) {
            throw new KustomizeException(entry + ": no chart at " + describe(chartDirectory)
                    + "; charts must be vendored in the repository, Driftless downloads nothing"
                    + (chart.hasNonNull("repo") ? " (repo " + chart.path("repo").asText() + ")" : ""));
        }
        Path kustomizationDirectory = realRoot.resolve(kustomization).getParent();
        List<String> valueFiles = new ArrayList<>();
        for (String valuesFile : valuesFiles(chart, entry)) {
            valueFiles.add(RepoPaths.unix(chartDirectory.relativize(kustomizationDirectory.resolve(valuesFile).normalize())));
        }
        RenderOptions.Helm options = new RenderOptions.Helm(chart.path("releaseName").asText(""),
                chart.path("namespace").asText(""), valueFiles, inlineValues(chart, entry), Map.of());
        try {
            return helm.render(new RenderRequest(realRoot, describe(chartDirectory), options), options).stream()
                    .map(Manifest::body)
                    .toList();
        } catch (RenderException e) {
            throw new KustomizeException(entry + ": " + e.getMessage(), e);
        }
    }

    private static void checkFields(ObjectNode chart, String entry) {
        for (Iterator<String> names = chart.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw new KustomizeException(entry + ": " + field + ": not supported by Driftless's Helm");
            }
        }
        if (chart.path("name").asText("").isBlank()) {
            throw new KustomizeException(entry + ": name: a chart needs a name");
        }
        if (chart.path("includeCRDs").asBoolean(false)) {
            throw new KustomizeException(entry + ": includeCRDs: not supported: the in-process Helm does not render"
                    + " a chart's crds/ directory; put the CRDs under resources instead");
        }
        String merge = chart.path("valuesMerge").asText("override");
        if (!merge.equals("override")) {
            throw new KustomizeException(entry + ": valuesMerge: '" + merge + "' is not supported, only override");
        }
    }

    private static List<String> valuesFiles(ObjectNode chart, String entry) {
        List<String> files = new ArrayList<>();
        if (chart.hasNonNull("valuesFile")) {
            files.add(chart.get("valuesFile").asText());
        }
        JsonNode additional = chart.path("additionalValuesFiles");
        if (!additional.isMissingNode() && !additional.isNull()) {
            if (!additional.isArray()) {
                throw new KustomizeException(entry + ": additionalValuesFiles: must be a list of file names");
            }
            additional.forEach(file -> files.add(file.asText()));
        }
        return files;
    }

    private static String inlineValues(ObjectNode chart, String entry) {
        JsonNode inline = chart.path("valuesInline");
        if (inline.isMissingNode() || inline.isNull()) {
            return "";
        }
        if (!inline.isObject()) {
            throw new KustomizeException(entry + ": valuesInline: must be a mapping");
        }
        try {
            return Documents.YAML.writeValueAsString(inline);
        } catch (JsonProcessingException e) {
            throw new KustomizeException(entry + ": valuesInline: cannot be written as YAML", e);
        }
    }

    private String describe(Path path) {
        return RepoPaths.describe(realRoot, path);
    }
}
