package dev.driftless.kustomize;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Fetches remote bases: the Git URLs a kustomization names under {@code resources}, {@code bases} or
 * {@code components}. The library never fetches anything itself; the application plugs in a resolver, and the
 * fetched tree becomes the load root of the remote kustomization, so it reads nothing outside that tree.
 */
@FunctionalInterface
public interface RemoteBases {

    /** Refuses every remote reference: the default, for applications that do not allow remote bases. */
    RemoteBases REFUSED = (reference, referrer) -> {
        throw new KustomizeException(referrer + ": remote reference '" + FileLoader.displayed(reference)
                + "' refused: remote bases are not allowed");
    };

    /**
     * A fetched tree.
     *
     * @param root the root of the checked-out tree; nothing outside it is read while building the remote base
     * @param path the directory to build, relative to {@code root}; empty for the root itself
     */
    record Checkout(Path root, String path) {
        public Checkout {
            Objects.requireNonNull(root, "root");
            path = path == null ? "" : path;
        }

        Path directory() {
            return root.resolve(path);
        }
    }

    /**
     * Fetches the tree a remote reference names. Called once per distinct reference in a build.
     *
     * @param reference the reference as written in the kustomization
     * @param referrer  the kustomization file and field that name it, as messages show them
     *                  (e.g. {@code overlays/prod/kustomization.yaml: resources})
     * @throws KustomizeException naming the referrer and the reference when it cannot be fetched
     */
    Checkout fetch(String reference, String referrer);
}
