package dev.driftless.kustomize;

/**
 * A kustomization cannot be built. The message names the kustomization file (relative to the load root), the
 * field where known, and the reason.
 */
public class KustomizeException extends RuntimeException {

    public KustomizeException(String message) {
        super(message);
    }

    public KustomizeException(String message, Throwable cause) {
        super(message, cause);
    }
}
