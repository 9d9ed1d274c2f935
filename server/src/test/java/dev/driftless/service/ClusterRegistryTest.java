package dev.driftless.service;

import dev.driftless.engine.reconcile.ClusterConnection;
import dev.driftless.engine.testing.ClusterMock;
import dev.driftless.store.StoredCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connection state the cluster list shows comes from the requests reconciles make, not from asking anew. */
class ClusterRegistryTest {

    private final ClusterMock mock = ClusterMock.start();
    private final ClusterRegistry registry = new ClusterRegistry();

    @AfterEach
    void stop() {
        registry.close();
        mock.close();
    }

    private ClusterView view(String name) {
        return registry.view(name).orElseThrow();
    }

    @Test
    void aClusterIsUnknownUntilContactedThenConnectedOnceItsApiServerAnswers() {
        registry.addStored(new StoredCluster("mock", mock.kubeconfig(), "mock", Map.of()));
        assertThat(view("mock").connection()).isEqualTo(ClusterView.Connection.UNKNOWN);
        assertThat(mock.takeRequests()).as("listing does not contact the cluster").isEmpty();

        registry.find("mock").orElseThrow().cluster().discover();

        assertThat(view("mock").connection()).isEqualTo(ClusterView.Connection.CONNECTED);
        assertThat(view("mock").message()).isEmpty();
        assertThat(registry.views()).extracting(ClusterView::connection).containsExactly(ClusterView.Connection.CONNECTED);
    }

    @Test
    void aClusterWhoseApiServerCannotBeReachedIsFailedWithTheReason() throws IOException, InterruptedException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String unreachable = mock.kubeconfig().replace(mock.url(), "https://127.0.0.1:" + closedPort);
        assertThat(unreachable).as("the kubeconfig now names the closed port").contains(":" + closedPort);
        registry.addStored(new StoredCluster("gone", unreachable, "mock", Map.of()));

        // The client retries with backoff; the first refused connection is already recorded.
        CompletableFuture.runAsync(() -> registry.find("gone").orElseThrow().cluster().discover());
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (view("gone").connection() == ClusterView.Connection.UNKNOWN) {
            assertThat(System.nanoTime()).as("no outcome within 15 s").isLessThan(deadline);
            Thread.sleep(20);
        }

        assertThat(view("gone").connection()).isEqualTo(ClusterView.Connection.FAILED);
        assertThat(view("gone").message()).startsWith("cannot reach the API server: ");
    }

    @Test
    void aSharedClusterShowsTheViewItWasGiven() {
        ClusterView given = new ClusterView("sandbox", mock.url(), Map.of(), true, Origin.SANDBOX, 0,
                ClusterView.Connection.CONNECTED, "in process");
        registry.addShared(given, mock.client());

        assertThat(view("sandbox")).isEqualTo(given);
    }

    @Test
    void aClusterImpersonatesThroughOneClientPerAccountClosedWithTheCluster() {
        registry.addStored(new StoredCluster("mock", mock.kubeconfig(), "mock", Map.of()));
        ClusterConnection asDeployer = registry.find("mock").orElseThrow()
                .impersonating("system:serviceaccount:team-a:deployer");
        asDeployer.client().configMaps().inNamespace("team-a").list();

        assertThat(mock.takeRequests()).singleElement().satisfies(request ->
                assertThat(request.getHeader("Impersonate-User")).isEqualTo("system:serviceaccount:team-a:deployer"));
        assertThat(registry.find("mock").orElseThrow().impersonating("system:serviceaccount:team-a:deployer"))
                .isSameAs(asDeployer);

        registry.remove("mock");

        assertThatThrownBy(() -> asDeployer.client().configMaps().inNamespace("team-a").list())
                .as("its client was closed with the cluster").isInstanceOf(RuntimeException.class);
        assertThat(mock.takeRequests()).isEmpty();
    }
}
