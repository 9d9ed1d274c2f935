package dev.driftless.kustomize;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One build: runs the kustomize pipeline for a kustomization and, recursively, for the directories and
 * components it names. Each step is a pure function of a kustomization and the resources so far, in the order
 * kustomize runs its built-in generators and transformers.
 */
final class Build {

    private final FileLoader loader;
    private final Kustomizer.Options options;
    private final Deque<Path> chain = new ArrayDeque<>();
    private final List<NameReferenceSpecs.BackReference> crdReferences = new ArrayList<>();

    Build(FileLoader loader, Kustomizer.Options options) {
        this.loader = loader;
        this.options = options;
    }

    FileLoader loader() {
        return loader;
    }

    Kustomizer.Options options() {
        return options;
    }

    /** Name references in custom resources, collected from every kustomization's {@code crds}. */
    List<NameReferenceSpecs.BackReference> crdReferences() {
        return List.copyOf(crdReferences);
    }

    /** Builds the kustomization in a directory on its own (a resource or base). */
    List<Resource> kustomization(Path directory) {
        return run(directory, List.of(), false);
    }

    /** Applies a component to the resources accumulated so far. */
    List<Resource> component(Path directory, List<Resource> accumulated) {
        return run(directory, accumulated, true);
    }

    private List<Resource> run(Path directory, List<Resource> accumulated, boolean asComponent) {
        Path real = loader.inside(directory);
        if (chain.contains(real)) {
            List<String> cycle = new ArrayList<>();
            chain.descendingIterator().forEachRemaining(path -> cycle.add(loader.describe(path)));
            cycle.add(loader.describe(real));
            String referrer = loader.describe(Kustomization.findIn(chain.peek()).orElseThrow());
            throw new KustomizeException(referrer + ": cycle in resources: " + String.join(" -> ", cycle));
        }
        Path file = Kustomization.findIn(real).orElseThrow(() -> new KustomizeException(loader.describe(real)
                + ": no kustomization.yaml, kustomization.yml or Kustomization in this directory"));
        Kustomization kustomization = Kustomization.load(loader, file);
        crdReferences.addAll(CustomResourceReferences.load(kustomization, loader));
        if (asComponent != kustomization.isComponent()) {
            throw new KustomizeException(kustomization.name() + ": " + (asComponent
                    ? "is listed under components but its kind is not Component"
                    : "is a Component; list it under components, not resources"));
        }
        chain.push(real);
        try {
            List<Resource> resources = Accumulation.resources(kustomization, accumulated, this);
            for (String component : kustomization.strings("components")) {
                resources = component(loader.resolve(file, "components", component), resources);
            }
            resources = Generators.apply(kustomization, resources, this);
            return Transformers.apply(kustomization, resources, this);
        } finally {
            chain.pop();
        }
    }
}
