package dev.driftless.engine.testing;

import dev.driftless.engine.cluster.Cluster;

import java.nio.file.Path;

/**
 * The cluster a test runs against: a real one when {@code DRIFTLESS_TEST_KUBECONFIG} names a kubeconfig (its current
 * context), else fabric8's CRUD mock. Tests of behaviour only a real cluster has (server-side apply, discovery)
 * assert what each target is known to do, so they run, and can fail, in both places.
 */
public final class ClusterUnderTest implements AutoCloseable {

    public static final String KUBECONFIG_VARIABLE = "DRIFTLESS_TEST_KUBECONFIG";

    private final ClusterMock mock;
    private final Cluster cluster;

    private ClusterUnderTest(ClusterMock mock, Cluster cluster) {
        this.mock = mock;
        this.cluster = cluster;
    }

    public static ClusterUnderTest open() {
        String kubeconfig = System.getenv(KUBECONFIG_VARIABLE);
        if (kubeconfig != null && !kubeconfig.isBlank()) {
            return new ClusterUnderTest(null, Cluster.connect(Path.of(kubeconfig), null));
        }
        ClusterMock mock = ClusterMock.start();
        return new ClusterUnderTest(mock, Cluster.of(mock.client()));
    }

    public Cluster cluster() {
        return cluster;
    }

    /** Whether this is a real API server rather than the mock. */
    public boolean real() {
        return mock == null;
    }

    @Override
    public void close() {
        cluster.close();
        if (mock != null) {
            mock.close();
        }
    }
}
