package dev.driftless.engine.render;

import dev.driftless.engine.model.Manifest;
import dev.driftless.kustomize.Kustomization;
import dev.driftless.kustomize.KustomizeException;
import dev.driftless.kustomize.Kustomizer;
import dev.driftless.kustomize.Resource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the kustomization in the application's path with Driftless's own Kustomize ({@link Kustomizer}), in
 * process. The load root is the repository: no file outside it is read, through {@code ..} or a symlink, and
 * remote bases are refused. {@code helmCharts} are rendered with the in-process Helm ({@link KustomizeHelm}).
 *
 * <p>Each manifest's origin is the kustomization that was built followed by the file the object came from, e.g.
 * {@code overlays/prod/kustomization.yaml (base/deployment.yaml)}; generated objects name their generator instead.
 */
public final class KustomizeRenderer {

    private final HelmRenderer helm;

    /** Renders {@code helmCharts} with a default {@link HelmRenderer}. */
    public KustomizeRenderer() {
        this(new HelmRenderer());
    }

    /** @param helm renders the charts that kustomizations name under {@code helmCharts} */
    public KustomizeRenderer(HelmRenderer helm) {
        this.helm = helm;
    }

    /** Whether the application's path holds a kustomization file, so that it is built rather than read as files. */
    public static boolean holdsKustomization(RenderRequest request) throws RenderException {
        Path root = RepoPaths.realRoot(request.repoRoot());
        return kustomizationFile(RepoPaths.applicationDirectory(root, request.path())).isPresent();
    }

    public List<Manifest> render(RenderRequest request, RenderOptions.Kustomize options) throws RenderException {
        Path root = RepoPaths.realRoot(request.repoRoot());
        Path directory = RepoPaths.applicationDirectory(root, request.path());
        Path file = kustomizationFile(directory).orElseThrow(() -> new RenderException("application path '"
                + request.path() + "' holds no kustomization.yaml, kustomization.yml or Kustomization"));
        String kustomization = RepoPaths.describe(root, file);
        Kustomizer kustomizer = new Kustomizer(Kustomizer.Options.restrictedTo(root)
                .withHelm(new KustomizeHelm(helm, root)));
        List<Resource> built;
        try {
            built = kustomizer.buildResources(directory);
        } catch (KustomizeException e) {
            throw new RenderException(e.getMessage(), e);
        }
        List<Manifest> manifests = new ArrayList<>(built.size());
        for (Resource resource : built) {
            String origin = resource.origin().isEmpty() ? kustomization : kustomization + " (" + resource.origin() + ")";
            manifests.add(Manifest.of(resource.object(), origin));
        }
        return RenderedManifests.requireUniqueKeys(manifests);
    }

    private static Optional<Path> kustomizationFile(Path directory) throws RenderException {
        try {
            return Kustomization.findIn(directory);
        } catch (KustomizeException e) {
            throw new RenderException(e.getMessage(), e);
        }
    }
}
