package dev.driftless.engine.app;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectSpecTest {

    private static ProjectSpec teamA(List<ProjectSpec.Role> roles) {
        return new ProjectSpec("team-a", "team A", List.of("https://git.example.com/team-a/*", "!https://git.example.com/team-a/secret*"),
                List.of(new ProjectSpec.Destination("prod", "team-a"), new ProjectSpec.Destination("prod", "team-a-*"),
                        new ProjectSpec.Destination("*", "!kube-system")),
                List.of(new ProjectSpec.GroupKind("", "Namespace")),
                List.of(new ProjectSpec.GroupKind("", "ResourceQuota")),
                List.of(new ProjectSpec.DestinationServiceAccount("prod", "team-a*", "deployer"),
                        new ProjectSpec.DestinationServiceAccount("*", "*", "ops:applier")),
                roles);
    }

    private final ProjectSpec teamA = teamA(List.of());

    @Test
    void sourcesMatchGlobsThatCrossSlashesAndANegationWins() {
        assertThat(teamA.allowsSource("https://git.example.com/team-a/shop.git")).isTrue();
        assertThat(teamA.allowsSource("https://git.example.com/team-a/sub/group/shop.git")).isTrue();
        assertThat(teamA.allowsSource("https://git.example.com/team-b/shop.git")).isFalse();
        assertThat(teamA.allowsSource("https://git.example.com/team-a/secrets.git")).isFalse();
    }

    @Test
    void aProjectWithoutSourceReposAllowsNone() {
        ProjectSpec none = new ProjectSpec("none", null, null, null, null, null, null, null);

        assertThat(none.allowsSource("https://git.example.com/x.git")).isFalse();
        assertThat(none.allowsDestination("prod", "x")).isFalse();
        assertThat(none.allowsKind("", "Namespace", false)).isFalse();
        assertThat(none.allowsKind("apps", "Deployment", true)).isTrue();
    }

    @Test
    void destinationsNeedAMatchingClusterAndNamespaceAndNoMatchingNegation() {
        assertThat(teamA.allowsDestination("prod", "team-a")).isTrue();
        assertThat(teamA.allowsDestination("prod", "team-a-canary")).isTrue();
        assertThat(teamA.allowsDestination("prod", "team-b")).isFalse();
        assertThat(teamA.allowsDestination("staging", "team-a")).isFalse();
        assertThat(teamA.allowsDestination("prod", "kube-system")).isFalse();
        assertThat(teamA.destinationViolation("prod", "team-b"))
                .isEqualTo("namespace team-b is not a destination of project team-a on cluster prod (allowed: team-a, team-a-*)");
        assertThat(teamA.destinationViolation("staging", "x"))
                .isEqualTo("namespace x is not a destination of project team-a on cluster staging (allowed: none)");
    }

    @Test
    void clusterScopedKindsMustBeWhitelistedAndNamespacedOnesNotBlacklisted() {
        assertThat(teamA.allowsKind("", "Namespace", false)).isTrue();
        assertThat(teamA.allowsKind("rbac.authorization.k8s.io", "ClusterRole", false)).isFalse();
        assertThat(teamA.allowsKind("", "ResourceQuota", true)).isFalse();
        assertThat(teamA.allowsKind("apps", "Deployment", true)).isTrue();
        assertThat(ProjectSpec.unrestricted().allowsKind("rbac.authorization.k8s.io", "ClusterRole", false)).isTrue();
    }

    @Test
    void theServiceAccountIsTheFirstMatchInTheDestinationNamespaceOrTheOneNamed() {
        assertThat(teamA.serviceAccountFor("prod", "team-a-canary")).contains("system:serviceaccount:team-a-canary:deployer");
        assertThat(teamA.serviceAccountFor("staging", "web")).contains("system:serviceaccount:ops:applier");
        assertThat(ProjectSpec.unrestricted().serviceAccountFor("prod", "web")).isEmpty();
    }

    @Test
    void applicationViolationsNameTheRepositoryTheNamespaceAndAMissingServiceAccount() {
        ProjectSpec strict = new ProjectSpec("strict", null, List.of("https://git/a*"),
                List.of(new ProjectSpec.Destination("prod", "a")), List.of(), List.of(),
                List.of(new ProjectSpec.DestinationServiceAccount("prod", "a", "deployer")), List.of());

        assertThat(strict.applicationViolations("https://git/a.git", "prod", "a")).isEmpty();
        assertThat(strict.applicationViolations("https://git/b.git", "prod", "b")).containsExactly(
                "repository https://git/b.git is not in project strict's sourceRepos [https://git/a*]",
                "namespace b is not a destination of project strict on cluster prod (allowed: a)",
                "no destinationServiceAccount of project strict matches cluster prod namespace b");
    }

    @Test
    void policyLinesAreTheRolesPolicesThenTheirGroups() {
        ProjectSpec project = teamA(List.of(new ProjectSpec.Role("deployer", "syncs",
                List.of("p, proj:team-a:deployer, applications, sync, team-a/*, allow",
                        "p, proj:team-a:deployer, projects, get, team-a, allow"),
                List.of("team-a-devs", "alice@example.com"))));

        assertThat(project.policyLines()).containsExactly(
                "p, proj:team-a:deployer, applications, sync, team-a/*, allow",
                "p, proj:team-a:deployer, projects, get, team-a, allow",
                "g, team-a-devs, proj:team-a:deployer",
                "g, alice@example.com, proj:team-a:deployer");
        assertThat(project.subjectOf("deployer")).isEqualTo("proj:team-a:deployer");
    }

    @Test
    void aRolePolicyOnAnotherProjectsObjectsIsRefusedWithTheReason() {
        assertThatThrownBy(() -> teamA(List.of(new ProjectSpec.Role("deployer", null,
                List.of("p, proj:team-a:deployer, applications, sync, team-b/*, allow"), List.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("roles[0].policies[0] 'p, proj:team-a:deployer, applications, sync, team-b/*, allow': "
                        + "object team-b/* is not in project team-a (expected team-a/<application>)");
    }

    @Test
    void malformedRolePoliciesAreAllReported() {
        assertThatThrownBy(() -> teamA(List.of(
                new ProjectSpec.Role("ops", null, List.of(
                        "p, role:admin, applications, sync, team-a/*, allow",
                        "p, proj:team-a:ops, clusters, get, prod, allow",
                        "p, proj:team-a:ops, applications, sync, team-a/*",
                        "p, proj:team-a:ops, projects, get, team-a, maybe",
                        "p, proj:team-a:ops, projects, get, team-b, allow"), List.of()),
                new ProjectSpec.Role("ops", null, List.of(), List.of()),
                new ProjectSpec.Role("bad name", null, List.of(), List.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("roles[0].policies[0] 'p, role:admin, applications, sync, team-a/*, allow': the subject must be this role, proj:team-a:ops")
                .hasMessageContaining("roles[0].policies[1] 'p, proj:team-a:ops, clusters, get, prod, allow': a project role may only grant applications and projects, not clusters")
                .hasMessageContaining("roles[0].policies[2] 'p, proj:team-a:ops, applications, sync, team-a/*' is not 'p, <subject>, <resource>, <action>, <object>, <allow|deny>'")
                .hasMessageContaining("roles[0].policies[3] 'p, proj:team-a:ops, projects, get, team-a, maybe': the effect must be allow or deny, not maybe")
                .hasMessageContaining("roles[0].policies[4] 'p, proj:team-a:ops, projects, get, team-b, allow': object team-b is not in project team-a (expected team-a)")
                .hasMessageContaining("roles[1].name 'ops' is used by an earlier role")
                .hasMessageContaining("roles[2].name 'bad name' must be letters, digits, '-' and '_'");
    }

    @Test
    void aProjectNameMustBeADnsLabel() {
        assertThatThrownBy(() -> new ProjectSpec("Team A", null, null, null, null, null, null, null))
                .hasMessageContaining("project name 'Team A' must be lower-case letters, digits and '-'");
    }
}
