package dev.driftless.kustomize;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One build: runs the kustomize pipeline for a kustomization and, recursively, for the directories and
 * components it names. Each step is a pure function of a kustomization and the resources so far, in the order
 * kustomize runs its built-in generators and transformers. A remote base is built by a build of its own whose
 * loader is restricted to the fetched tree; it shares the chain (for cycles) and everything collected.
 */
final class Build {

    /** A kustomization being built: its directory, and the directory and file as messages show them. */
    private record Visit(Path directory, String directoryName, String fileName) {
    }

    private final FileLoader loader;
    private final Kustomizer.Options options;
    private final Deque<Visit> chain;
    private final List<NameReferenceSpecs.BackReference> crdReferences;
    private final Map<String, RemoteBases.Checkout> fetched;

    Build(FileLoader loader, Kustomizer.Options options) {
        this(loader, options, new ArrayDeque<>(), new ArrayList<>(), new HashMap<>());
    }

    private Build(FileLoader loader, Kustomizer.Options options, Deque<Visit> chain,
                  List<NameReferenceSpecs.BackReference> crdReferences, Map<String, RemoteBases.Checkout> fetched) {
        this.loader = loader;
        this.options = options;
        this.chain = chain;
        this.crdReferences = crdReferences;
        this.fetched = fetched;
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

    /**
     * Builds a remote base or component: fetched through {@link Kustomizer.Options#remoteBases()} (once per
     * reference in a build) and built with a loader restricted to the fetched tree.
     *
     * @param file the kustomization file that names it
     */
    List<Resource> remote(Path file, String field, String reference, List<Resource> accumulated, boolean asComponent) {
        String referrer = loader.describe(file) + ": " + field;
        if (FileLoader.isRemoteFile(reference)) {
            throw new KustomizeException(referrer + ": remote file '" + FileLoader.displayed(reference)
                    + "' refused: only Git repositories can be remote bases, not single files");
        }
        RemoteBases.Checkout checkout = fetched.get(reference);
        if (checkout == null) {
            checkout = options.remoteBases().fetch(reference, referrer);
            fetched.put(reference, checkout);
        }
        Build remoteBuild = new Build(new FileLoader(checkout.root(), reference, options.decoder()), options, chain, crdReferences, fetched);
        return remoteBuild.run(checkout.directory(), accumulated, asComponent);
    }

    private List<Resource> run(Path directory, List<Resource> accumulated, boolean asComponent) {
        Path real = loader.inside(directory);
        if (chain.stream().anyMatch(visit -> visit.directory().equals(real))) {
            List<String> cycle = new ArrayList<>();
            chain.descendingIterator().forEachRemaining(visit -> cycle.add(visit.directoryName()));
            cycle.add(loader.describe(real));
            String referrer = chain.peek().fileName();
            throw new KustomizeException(referrer + ": cycle in resources: " + String.join(" -> ", cycle));
        }
        Path file = loader.findKustomization(real).orElseThrow(() -> new KustomizeException(loader.describe(real)
                + ": no kustomization.yaml, kustomization.yml or Kustomization in this directory"));
        Kustomization kustomization = Kustomization.load(loader, file);
        crdReferences.addAll(CustomResourceReferences.load(kustomization, loader));
        if (asComponent != kustomization.isComponent()) {
            throw new KustomizeException(kustomization.name() + ": " + (asComponent
                    ? "is listed under components but its kind is not Component"
                    : "is a Component; list it under components, not resources"));
        }
        chain.push(new Visit(real, loader.describe(real), kustomization.name()));
        try {
            List<Resource> resources = Accumulation.resources(kustomization, accumulated, this);
            for (String component : kustomization.strings("components")) {
                resources = FileLoader.isRemote(component)
                        ? remote(file, "components", component, resources, true)
                        : component(loader.resolve(file, "components", component), resources);
            }
            resources = Generators.apply(kustomization, resources, this);
            return Transformers.apply(kustomization, resources, this);
        } finally {
            chain.pop();
        }
    }
}
