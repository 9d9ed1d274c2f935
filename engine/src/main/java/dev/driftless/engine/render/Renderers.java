package dev.driftless.engine.render;

import dev.driftless.engine.model.Manifest;

import java.util.List;

/** The render entry point: picks the renderer that the request's options select. */
public final class Renderers implements Renderer {

    private final DirectoryRenderer directory;
    private final HelmRenderer helm;
    private final PluginRenderer plugin;

    public Renderers() {
        this(new DirectoryRenderer(), new HelmRenderer(), new PluginRenderer());
    }

    public Renderers(DirectoryRenderer directory, HelmRenderer helm, PluginRenderer plugin) {
        this.directory = directory;
        this.helm = helm;
        this.plugin = plugin;
    }

    @Override
    public List<Manifest> render(RenderRequest request) throws RenderException {
        return switch (request.options()) {
            case RenderOptions.Directory options -> directory.render(request, options);
            case RenderOptions.Helm options -> helm.render(request, options);
            case RenderOptions.Plugin options -> plugin.render(request, options);
        };
    }
}
