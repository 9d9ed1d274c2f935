package dev.driftless.cli;

import dev.driftless.engine.reconcile.Application;
import dev.driftless.engine.reconcile.DesiredStateLoader;
import dev.driftless.engine.sync.SyncOptions;
import dev.driftless.engine.render.Renderers;
import dev.driftless.engine.source.GitSource;

/** Builds the engine's parts from command-line options. */
final class Engines {

    private Engines() {
    }

    static Application application(SourceOptions source, AppOptions app, SyncOptions options) {
        return new Application(app.name, source.toSource(app.name, app.namespace), options);
    }

    static DesiredStateLoader loader(SourceOptions source) {
        GitSource git = new GitSource(source.cacheDir());
        return new DesiredStateLoader(git, new Renderers(git));
    }
}
