package dev.driftless.engine.render;

import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.source.GitSource;

import java.nio.file.Path;
import java.util.List;

/**
 * The render entry point: picks the renderer that the request's options select.
 *
 * <p>One rule picks a renderer the options do not name: a {@link RenderOptions.Directory} render of a path that
 * holds a kustomization file ({@code kustomization.yaml}, {@code kustomization.yml} or {@code Kustomization}) is
 * built with Kustomize, as Argo CD and Flux do, since such a directory is an overlay rather than a set of manifests.
 * The directory settings ({@code recursive}, {@code include}, {@code exclude}) do not apply to a kustomization, so
 * setting any of them there is an error rather than silently ignored.
 *
 * <p>Every render is held to {@link RenderLimits}: {@link RenderLimits#DEFAULTS} unless {@link #withLimits} sets
 * others.
 */
public final class Renderers implements Renderer {

    private final DirectoryRenderer directory;
    private final KustomizeRenderer kustomize;
    private final HelmRenderer helm;
    private final PluginRenderer plugin;
    private final RenderLimits limits;

    public Renderers() {
        this(new DirectoryRenderer(), new HelmRenderer(), new PluginRenderer());
    }

    /**
     * Kustomize fetches remote bases, where allowed, into the given Git cache and checks them out under the system's
     * temporary directory.
     */
    public Renderers(GitSource remoteSource) {
        this(new DirectoryRenderer(), new HelmRenderer(), remoteSource, new PluginRenderer());
    }

    private Renderers(DirectoryRenderer directory, HelmRenderer helm, GitSource remoteSource, PluginRenderer plugin) {
        this(directory, new KustomizeRenderer(helm, remoteSource, Path.of(System.getProperty("java.io.tmpdir"))),
                helm, plugin);
    }

    /** Kustomize renders its {@code helmCharts} with the given Helm renderer. */
    public Renderers(DirectoryRenderer directory, HelmRenderer helm, PluginRenderer plugin) {
        this(directory, new KustomizeRenderer(helm), helm, plugin);
    }

    public Renderers(DirectoryRenderer directory, KustomizeRenderer kustomize, HelmRenderer helm, PluginRenderer plugin) {
        this(directory, kustomize, helm, plugin, RenderLimits.DEFAULTS);
    }

    private Renderers(DirectoryRenderer directory, KustomizeRenderer kustomize, HelmRenderer helm, PluginRenderer plugin,
                      RenderLimits limits) {
        this.directory = directory;
        this.kustomize = kustomize;
        this.helm = helm;
        this.plugin = plugin;
        this.limits = limits;
    }

    /** The same renderers, failing every render that produces more than {@code renderLimits} allow. */
    public Renderers withLimits(RenderLimits renderLimits) {
        return new Renderers(directory, kustomize, helm, plugin, renderLimits);
    }

    @Override
    public List<Manifest> render(RenderRequest request) throws RenderException {
        return renderTracingReads(request).manifests();
    }

    @Override
    public Rendering renderTracingReads(RenderRequest request) throws RenderException {
        Rendering rendering = renderUnchecked(request);
        limits.check(request, rendering.manifests());
        return rendering;
    }

    private Rendering renderUnchecked(RenderRequest request) throws RenderException {
        return switch (request.options()) {
            case RenderOptions.Directory options when KustomizeRenderer.holdsKustomization(request) ->
                    kustomize.renderTracingReads(request, kustomizationOf(request, options));
            case RenderOptions.Directory options ->
                    directory.renderTracingReads(request, options);
            case RenderOptions.Kustomize options -> kustomize.renderTracingReads(request, options);
            case RenderOptions.Helm options -> new Rendering(helm.render(request, options), Footprint.ANYWHERE);
            case RenderOptions.Plugin options -> new Rendering(plugin.render(request, options), Footprint.ANYWHERE);
        };
    }

    private static RenderOptions.Kustomize kustomizationOf(RenderRequest request, RenderOptions.Directory options)
            throws RenderException {
        if (!options.equals(RenderOptions.Directory.defaults())) {
            throw new RenderException("application path '" + request.path() + "' holds a kustomization, which is"
                    + " built with Kustomize; the directory settings recursive, include and exclude do not apply to"
                    + " it: remove them");
        }
        return new RenderOptions.Kustomize();
    }
}
