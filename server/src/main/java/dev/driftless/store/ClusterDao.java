package dev.driftless.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Clusters registered through the API, kubeconfigs encrypted. */
public final class ClusterDao {

    private final Jdbc jdbc;
    private final SecretBox secrets;
    private final Clock clock;

    ClusterDao(Jdbc jdbc, SecretBox secrets, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** @throws StoreException.AlreadyExists when a cluster of that name is stored */
    public void create(StoredCluster cluster) {
        Instant now = Jdbc.stored(clock.instant());
        jdbc.transaction("creating cluster " + cluster.name(), session -> {
            try {
                return session.update("INSERT INTO clusters (name, kubeconfig, kube_context, labels, created_at, updated_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?)", cluster.name(), seal(cluster), cluster.context(),
                        StoreJson.labels(cluster.labels()), now, now);
            } catch (SQLException e) {
                if (Jdbc.uniqueViolation(e)) {
                    throw new StoreException.AlreadyExists("cluster " + cluster.name() + " already exists");
                }
                throw e;
            }
        });
    }

    /** @throws StoreException.NotFound when no cluster of that name is stored */
    public void update(StoredCluster cluster) {
        int updated = jdbc.update("updating cluster " + cluster.name(),
                "UPDATE clusters SET kubeconfig = ?, kube_context = ?, labels = ?, updated_at = ? WHERE name = ?",
                seal(cluster), cluster.context(), StoreJson.labels(cluster.labels()), Jdbc.stored(clock.instant()),
                cluster.name());
        if (updated == 0) {
            throw new StoreException.NotFound("cluster " + cluster.name() + " does not exist");
        }
    }

    public Optional<StoredCluster> find(String name) {
        return jdbc.queryOne("reading cluster " + name,
                "SELECT name, kubeconfig, kube_context, labels FROM clusters WHERE name = ?", this::cluster, name);
    }

    /** All clusters, by name. */
    public List<StoredCluster> all() {
        return jdbc.query("reading clusters",
                "SELECT name, kubeconfig, kube_context, labels FROM clusters ORDER BY name", this::cluster);
    }

    /** @return whether it existed */
    public boolean delete(String name) {
        return jdbc.update("deleting cluster " + name, "DELETE FROM clusters WHERE name = ?", name) > 0;
    }

    private byte[] seal(StoredCluster cluster) {
        return secrets.seal(cluster.kubeconfig(), place(cluster.name()));
    }

    private StoredCluster cluster(ResultSet row) throws SQLException {
        String name = row.getString("name");
        return new StoredCluster(name, secrets.open(row.getBytes("kubeconfig"), place(name)),
                row.getString("kube_context"), StoreJson.labels(row.getString("labels")));
    }

    private static String place(String name) {
        return "the kubeconfig of cluster " + name;
    }
}
