package dev.driftless.engine.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.render.sops.SopsDecoder;
import dev.driftless.engine.render.sops.SopsException;
import dev.driftless.engine.source.GitSource;
import dev.driftless.kustomize.Kustomization;
import dev.driftless.kustomize.KustomizeException;
import dev.driftless.kustomize.Kustomizer;
import dev.driftless.kustomize.Resource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds the kustomization in the application's path with Driftless's own Kustomize ({@link Kustomizer}), in
 * process. The load root is the repository: no file outside it is read, through {@code ..} or a symlink. Remote
 * bases are refused unless the options allow them; then they are fetched with {@link GitRemoteBases}, each built
 * with its own checkout as load root, and the checkouts are deleted when the render ends. {@code helmCharts} are
 * rendered with the in-process Helm ({@link KustomizeHelm}).
 *
 * <p>Each manifest's origin is the kustomization that was built followed by the file the object came from, e.g.
 * {@code overlays/prod/kustomization.yaml (base/deployment.yaml)}; generated objects name their generator instead.
 *
 * <p>Every file the build reads is decrypted first when SOPS-encrypted (resources, patches, generator sources), with
 * the request's keys, and Secret {@code data} values that are whole SOPS documents are decrypted after the build, as
 * Flux's kustomize-controller does; an encrypted file that the keys do not open fails the render, and so does an object
 * still holding an {@code ENC[...]} value.
 *
 * <p>The footprint of a build is the application's path and every file of the repository the build read or probed
 * ({@link Kustomizer#buildTracingReads}); a Helm chart of {@code helmCharts} counts whole.
 */
public final class KustomizeRenderer {

    private static final Path SYSTEM_TEMPORARY = Path.of(System.getProperty("java.io.tmpdir"));

    private final HelmRenderer helm;
    private final Supplier<GitSource> remoteSource;
    private final Path temporaryDirectory;

    /**
     * Renders {@code helmCharts} with a default {@link HelmRenderer}; remote bases, where allowed, are fetched into a
     * Git cache in the system's temporary directory.
     */
    public KustomizeRenderer() {
        this(new HelmRenderer());
    }

    /** @param helm renders the charts that kustomizations name under {@code helmCharts} */
    public KustomizeRenderer(HelmRenderer helm) {
        this.helm = helm;
        this.remoteSource = TemporaryRemoteCache::source;
        this.temporaryDirectory = SYSTEM_TEMPORARY;
    }

    /**
     * @param helm               renders the charts that kustomizations name under {@code helmCharts}
     * @param remoteSource       fetches remote bases, where the options allow them
     * @param temporaryDirectory where remote bases are checked out during a render; outside every repository
     */
    public KustomizeRenderer(HelmRenderer helm, GitSource remoteSource, Path temporaryDirectory) {
        this.helm = helm;
        this.remoteSource = () -> remoteSource;
        this.temporaryDirectory = temporaryDirectory;
    }

    /** Whether the application's path holds a kustomization file, so that it is built rather than read as files. */
    public static boolean holdsKustomization(RenderRequest request) throws RenderException {
        Path root = RepoPaths.realRoot(request.repoRoot());
        return kustomizationFile(RepoPaths.applicationDirectory(root, request.path())).isPresent();
    }

    public List<Manifest> render(RenderRequest request, RenderOptions.Kustomize options) throws RenderException {
        return renderTracingReads(request, options).manifests();
    }

    public Rendering renderTracingReads(RenderRequest request, RenderOptions.Kustomize options) throws RenderException {
        Path root = RepoPaths.realRoot(request.repoRoot());
        Path directory = RepoPaths.applicationDirectory(root, request.path());
        Path file = kustomizationFile(directory).orElseThrow(() -> new RenderException("application path '"
                + request.path() + "' holds no kustomization.yaml, kustomization.yml or Kustomization"));
        String kustomization = RepoPaths.describe(root, file);
        SopsDecoder sops = new SopsDecoder(request.sopsKeys());
        Kustomizer.Options kustomizerOptions = Kustomizer.Options.restrictedTo(root)
                .withHelm(new KustomizeHelm(helm, root)).withDecoder(sops);
        Kustomizer.Built built = options.allowRemoteBases()
                ? buildWithRemoteBases(kustomizerOptions, directory)
                : build(kustomizerOptions, directory);
        List<Manifest> manifests = new ArrayList<>(built.resources().size());
        for (Resource resource : built.resources()) {
            String origin = resource.origin().isEmpty() ? kustomization : kustomization + " (" + resource.origin() + ")";
            manifests.add(Manifest.of(decryptedObject(sops, resource.object(), origin), origin));
        }
        Set<String> trees = new HashSet<>(built.read().directories());
        trees.add(request.path());
        return new Rendering(RenderedManifests.requireUniqueKeys(manifests), new Footprint(trees, built.read().files()),
                sops.decryptedAny());
    }

    private static ObjectNode decryptedObject(SopsDecoder sops, ObjectNode object, String origin)
            throws RenderException {
        try {
            return sops.decryptedObject(object, origin);
        } catch (SopsException e) {
            throw new RenderException(e.getMessage(), e);
        }
    }

    private Kustomizer.Built buildWithRemoteBases(Kustomizer.Options kustomizerOptions, Path directory)
            throws RenderException {
        try (GitRemoteBases remoteBases = GitRemoteBases.open(remoteSource.get(), temporaryDirectory)) {
            return build(kustomizerOptions.withRemoteBases(remoteBases), directory);
        }
    }

    private static Kustomizer.Built build(Kustomizer.Options kustomizerOptions, Path directory) throws RenderException {
        try {
            return new Kustomizer(kustomizerOptions).buildTracingReads(directory);
        } catch (KustomizeException e) {
            throw new RenderException(e.getMessage(), e);
        }
    }

    /** The Git cache of renderers built without one, created when a render first fetches a remote base. */
    private static final class TemporaryRemoteCache {
        private static final GitSource SOURCE = new GitSource(SYSTEM_TEMPORARY.resolve("driftless-remote-bases-cache"));

        static GitSource source() {
            return SOURCE;
        }
    }

    private static Optional<Path> kustomizationFile(Path directory) throws RenderException {
        try {
            return Kustomization.findIn(directory);
        } catch (KustomizeException e) {
            throw new RenderException(e.getMessage(), e);
        }
    }
}
