package dev.driftless.engine.render;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.driftless.engine.model.Manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Renders a Helm chart in the repository with real Helm, in process (helm-java), like {@code helm template}.
 *
 * <p>Values are applied in Helm's order: the values files, then the inline values, then the {@code --set} pairs.
 * Chart dependencies must already be vendored in the chart's {@code charts/} directory: nothing is downloaded.
 * The chart directory may not contain symlinks that lead outside the repository, since Helm would follow them.
 * helm-java's template output holds neither hooks (templates annotated {@code helm.sh/hook}) nor the chart's
 * {@code crds/} directory, so neither is rendered.
 */
public final class HelmRenderer {

    private final Path temporaryDirectory;

    /** Writes inline values to the system's temporary directory. */
    public HelmRenderer() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** @param temporaryDirectory where inline values are written for Helm to read; must be outside every repository */
    public HelmRenderer(Path temporaryDirectory) {
        this.temporaryDirectory = temporaryDirectory;
    }

    public List<Manifest> render(RenderRequest request, RenderOptions.Helm options) throws RenderException {
        Path root = RepoPaths.realRoot(request.repoRoot());
        Path chart = RepoPaths.applicationDirectory(root, request.path());
        String chartPath = RepoPaths.describe(root, chart);
        RepoTree.files(root, chart, true); // listed only to refuse escaping symlinks before Helm follows them
        List<Path> valueFiles = new ArrayList<>();
        for (String valueFile : options.valueFiles()) {
            valueFiles.add(RepoPaths.fileInside(root, chart, valueFile, "values file"));
        }
        String output = template(chart, chartPath, options, valueFiles);
        return RenderedManifests.requireUniqueKeys(
                ManifestParser.parseHelmOutput(output, chartPath, source -> repositoryFile(chartPath, source)));
    }

    private String template(Path chart, String chartPath, RenderOptions.Helm options, List<Path> valueFiles)
            throws RenderException {
        Path inlineValues = null;
        try {
            TemplateCommand command = new Helm(chart).template();
            if (!options.releaseName().isBlank()) {
                command.withName(options.releaseName());
            }
            if (!options.namespace().isBlank()) {
                command.withNamespace(options.namespace());
            }
            valueFiles.forEach(command::withValuesFile);
            if (!options.inlineValues().isBlank()) {
                inlineValues = writeInlineValues(options.inlineValues());
                command.withValuesFile(inlineValues);
            }
            new TreeMap<>(options.set()).forEach(command::set);
            return command.call();
        } catch (IllegalStateException e) {
            throw new RenderException("Helm chart " + chartPath + " failed to render: " + String.valueOf(e.getMessage()).strip(), e);
        } catch (IOException e) {
            throw new RenderException("Helm chart " + chartPath + ": cannot write the inline values: " + e.getMessage(), e);
        } finally {
            delete(inlineValues, chartPath);
        }
    }

    /** Inline values may hold secrets, so only the owner may read the file, and it never lands in the repository. */
    private Path writeInlineValues(String values) throws IOException {
        Path file = Files.createTempFile(temporaryDirectory, "driftless-values-", ".yaml",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, values);
        return file;
    }

    private static void delete(Path inlineValues, String chartPath) throws RenderException {
        if (inlineValues == null) {
            return;
        }
        try {
            Files.deleteIfExists(inlineValues);
        } catch (IOException e) {
            throw new RenderException("Helm chart " + chartPath + ": cannot delete the inline values file "
                    + inlineValues + ": " + e.getMessage(), e);
        }
    }

    /** Helm names templates {@code <chart name>/templates/x.yaml}; the chart's name need not be its directory's. */
    private static String repositoryFile(String chartPath, String source) {
        int slash = source.indexOf('/');
        String insideChart = slash < 0 ? source : source.substring(slash + 1);
        return chartPath.equals(".") ? insideChart : chartPath + "/" + insideChart;
    }
}
