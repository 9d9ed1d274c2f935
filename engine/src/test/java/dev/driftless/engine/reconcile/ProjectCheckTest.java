package dev.driftless.engine.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.app.ProjectSpec;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.render.RenderOptions;
import dev.driftless.engine.sync.SyncOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectCheckTest {

    private static final ProjectSpec TEAM_A = new ProjectSpec("team-a", null, List.of("https://git.example.com/team-a/*"),
            List.of(new ProjectSpec.Destination("prod", "team-a"), new ProjectSpec.Destination("prod", "team-a-*")),
            List.of(), List.of(new ProjectSpec.GroupKind("", "ResourceQuota")), List.of(), List.of());

    private static Application app(String repoUrl) {
        return new Application("shop", new ApplicationSource.Git(repoUrl, "main", null, "", RenderOptions.Directory.defaults()),
                SyncOptions.defaults("team-a"), List.of(), TEAM_A, "prod");
    }

    private static Manifest object(String apiVersion, String kind, String namespace, String name) {
        ObjectNode body = Documents.JSON.createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode metadata = body.putObject("metadata").put("name", name);
        if (!namespace.isEmpty()) {
            metadata.put("namespace", namespace);
        }
        return Manifest.of(body, "objects.yaml");
    }

    @Test
    void objectsInsideTheLimitsPass() {
        assertThat(ProjectCheck.violations(app("https://git.example.com/team-a/shop.git"), List.of(
                object("apps/v1", "Deployment", "team-a", "api"),
                object("v1", "ConfigMap", "team-a-canary", "settings")))).isEmpty();
    }

    @Test
    void everyViolationIsListedNamingTheObjectAndTheReason() {
        List<String> violations = ProjectCheck.violations(app("https://git.example.com/team-b/shop.git"), List.of(
                object("rbac.authorization.k8s.io/v1", "ClusterRole", "", "admin-all"),
                object("apps/v1", "Deployment", "team-b", "api"),
                object("v1", "ResourceQuota", "team-a", "quota"),
                object("apps/v1", "Deployment", "team-a", "fine")));

        assertThat(violations).containsExactly(
                "repository https://git.example.com/team-b/shop.git is not in project team-a's sourceRepos [https://git.example.com/team-a/*]",
                "ClusterRole/admin-all: cluster-scoped kind rbac.authorization.k8s.io/ClusterRole is not in project team-a's clusterResourceWhitelist",
                "Deployment team-b/api: namespace team-b is not a destination of project team-a on cluster prod (allowed: team-a, team-a-*)",
                "ResourceQuota team-a/quota: kind ResourceQuota is in project team-a's namespaceResourceBlacklist");
    }

    @Test
    void enforceThrowsWithEveryViolation() {
        assertThatThrownBy(() -> ProjectCheck.enforce(app("https://git.example.com/team-a/shop.git"), List.of(
                object("apps/v1", "Deployment", "team-b", "api"), object("v1", "Namespace", "", "team-b"))))
                .isInstanceOf(ProjectViolationException.class)
                .hasMessageStartingWith("application shop is outside project team-a's limits: Deployment team-b/api: ")
                .hasMessageContaining("; Namespace/team-b: cluster-scoped kind Namespace is not in project team-a's clusterResourceWhitelist")
                .satisfies(e -> assertThat(((ProjectViolationException) e).violations()).hasSize(2));
    }

    @Test
    void aLocalSourceIsCheckedForItsDestinationAndObjectsOnly() {
        Application local = new Application("shop", new ApplicationSource.Local(Path.of("/tmp/tree"), "",
                RenderOptions.Directory.defaults()), SyncOptions.defaults("team-c"), List.of(), TEAM_A, "prod");

        assertThat(ProjectCheck.violations(local, List.of())).containsExactly(
                "namespace team-c is not a destination of project team-a on cluster prod (allowed: team-a, team-a-*)");
    }

    @Test
    void theDefaultApplicationIsUnrestrictedAndImpersonatesNobody() {
        Application unrestricted = new Application("shop", new ApplicationSource.Local(Path.of("/tmp/tree"), "",
                RenderOptions.Directory.defaults()), SyncOptions.defaults("anything"));

        assertThat(ProjectCheck.violations(unrestricted, List.of(
                object("rbac.authorization.k8s.io/v1", "ClusterRole", "", "admin-all"),
                object("apps/v1", "Deployment", "kube-system", "api")))).isEmpty();
        assertThat(unrestricted.impersonatedUser()).isEmpty();
    }
}
