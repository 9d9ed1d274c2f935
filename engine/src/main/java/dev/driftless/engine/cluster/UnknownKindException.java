package dev.driftless.engine.cluster;

/** A desired object's kind is served neither by the cluster, nor by the built-in table, nor by a CRD in Git. */
public final class UnknownKindException extends ClusterException {

    public UnknownKindException(String message) {
        super(message, 0, null);
    }
}
