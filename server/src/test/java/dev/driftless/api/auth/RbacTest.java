package dev.driftless.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Argo CD's policy format evaluated by jCasbin: globs, deny over allow, roles and groups, the built-in roles. */
class RbacTest {

    private static final Principal ALICE = Principal.user("alice");
    private static final Principal ADMIN = Principal.user("admin");

    private static Rbac rbac(String... lines) {
        return Rbac.of(PolicyLines.parse("policy.csv", List.of(lines)), Optional.empty());
    }

    @Test
    void nothingIsAllowedByDefault() {
        Rbac rbac = rbac();

        assertThat(rbac.allows(ALICE, "applications", "get", "default/shop")).isFalse();
        assertThat(rbac.allows(ALICE, "audit", "get", "*")).isFalse();
    }

    @Test
    void theBuiltInAdminMayDoEverythingIncludingRoutesMissingFromTheTable() {
        Rbac rbac = rbac();

        assertThat(rbac.allows(ADMIN, "applications", "sync", "team-a/shop")).isTrue();
        assertThat(rbac.allows(ADMIN, "repositories", "delete", "https://github.com/acme/")).isTrue();
        assertThat(rbac.allows(ADMIN, "route", "POST", "/api/something-new")).isTrue();
        assertThat(rbac.allows(ALICE, "route", "POST", "/api/something-new")).isFalse();
    }

    @Test
    void readonlyMayGetEverythingAndChangeNothing() {
        Rbac rbac = rbac("g, alice, role:readonly");

        assertThat(rbac.allows(ALICE, "applications", "get", "team-a/shop")).isTrue();
        assertThat(rbac.allows(ALICE, "repositories", "get", "*")).isTrue();
        assertThat(rbac.allows(ALICE, "audit", "get", "*")).isTrue();
        assertThat(rbac.allows(ALICE, "applications", "sync", "team-a/shop")).isFalse();
        assertThat(rbac.allows(ALICE, "clusters", "create", "prod")).isFalse();
    }

    @Test
    void objectsAreGlobsInWhichAStarCrossesSlashes() {
        Rbac rbac = rbac("p, role:dev, applications, sync, team-a/*, allow",
                "p, role:dev, repositories, get, https://github.com/acme/*, allow",
                "g, alice, role:dev");

        assertThat(rbac.allows(ALICE, "applications", "sync", "team-a/shop")).isTrue();
        assertThat(rbac.allows(ALICE, "applications", "sync", "team-b/shop")).isFalse();
        assertThat(rbac.allows(ALICE, "applications", "sync", "team-ab/shop")).isFalse();
        assertThat(rbac.allows(ALICE, "applications", "delete", "team-a/shop")).isFalse();
        assertThat(rbac.allows(ALICE, "repositories", "get", "https://github.com/acme/deep/repo.git")).isTrue();
        assertThat(rbac.allows(ALICE, "repositories", "get", "https://github.com/other/repo.git")).isFalse();
    }

    @Test
    void aDenyOverridesAnAllow() {
        Rbac rbac = rbac("p, role:dev, applications, *, team-a/*, allow",
                "p, role:dev, applications, delete, team-a/prod-*, deny",
                "g, alice, role:dev");

        assertThat(rbac.allows(ALICE, "applications", "delete", "team-a/staging-shop")).isTrue();
        assertThat(rbac.allows(ALICE, "applications", "delete", "team-a/prod-shop")).isFalse();
        assertThat(rbac.allows(ALICE, "applications", "sync", "team-a/prod-shop")).isTrue();
    }

    @Test
    void groupsFromTheIdentityProviderGetTheirRoles() {
        Rbac rbac = rbac("p, role:dev, applications, sync, team-a/*, allow", "g, team-a-devs, role:dev");
        Principal member = new Principal("sso:bob@example.com", "bob@example.com", List.of("staff", "team-a-devs"));
        Principal outsider = new Principal("sso:eve@example.com", "eve@example.com", List.of("staff"));

        assertThat(rbac.allows(member, "applications", "sync", "team-a/shop")).isTrue();
        assertThat(rbac.allows(outsider, "applications", "sync", "team-a/shop")).isFalse();
    }

    @Test
    void theDefaultRoleAppliesToEverySignedInSubject() {
        Rbac rbac = Rbac.of(List.of(), Optional.of("role:readonly"));

        assertThat(rbac.allows(ALICE, "applications", "get", "team-a/shop")).isTrue();
        assertThat(rbac.allows(ALICE, "applications", "sync", "team-a/shop")).isFalse();
    }

    @Test
    void theWebhookMayOnlyRefresh() {
        Rbac rbac = rbac();

        assertThat(rbac.allows(Principal.WEBHOOK, "applications", "refresh", "team-a/shop")).isTrue();
        assertThat(rbac.allows(Principal.WEBHOOK, "applications", "sync", "team-a/shop")).isFalse();
        assertThat(rbac.allows(Principal.WEBHOOK, "applications", "get", "team-a/shop")).isFalse();
    }

    @Test
    void projectRoleTokensActAsTheirProjectRole() {
        Rbac rbac = rbac("p, proj:team-a:ci, applications, sync, team-a/*, allow");
        Principal token = new Principal("token:abc", "proj:team-a:ci", List.of());

        assertThat(rbac.allows(token, "applications", "sync", "team-a/shop")).isTrue();
        assertThat(rbac.allows(token, "applications", "sync", "team-b/shop")).isFalse();
    }

    @Test
    void badLinesAreRefusedNamingTheOriginLineAndField() {
        assertThatThrownBy(() -> rbac("# a comment", "", "p, role:dev, applications, sync, team-a/*, alow"))
                .hasMessage("policy.csv line 3, field 6 (effect): 'alow' is neither allow nor deny");
        assertThatThrownBy(() -> rbac("p, role:dev, aplications, sync, */*, allow"))
                .hasMessageStartingWith("policy.csv line 1, field 3 (resource): 'aplications' is not one of");
        assertThatThrownBy(() -> rbac("p, role:dev, projects, sync, *, allow"))
                .hasMessageStartingWith("policy.csv line 1, field 4 (action): 'sync' is not an action on projects");
        assertThatThrownBy(() -> rbac("p, role:dev, applications, sync, allow"))
                .hasMessageContaining("policy.csv line 1: a permission has 6 fields").hasMessageContaining("found 5");
        assertThatThrownBy(() -> rbac("g, alice"))
                .hasMessageStartingWith("policy.csv line 1: a role grant has 3 fields");
        assertThatThrownBy(() -> rbac("x, alice, role:dev"))
                .hasMessageStartingWith("policy.csv line 1, field 1 (type): 'x' is neither p");
        assertThatThrownBy(() -> rbac("p, , applications, get, */*, allow"))
                .hasMessage("policy.csv line 1, field 2 (subject): empty");
    }

    @Test
    void projectPoliciesAreReplacedWholeAndABadLineChangesNothing() {
        AccessControl access = new AccessControl(new Accounts(null, java.time.Clock.systemUTC()),
                LoginLimiter.defaults(), PolicyLines.parse("configured", List.of("g, alice, role:readonly")),
                Optional.empty());
        Principal token = new Principal("token:abc", "proj:team-a:ci", List.of());

        access.setProjectPolicies(List.of("p, proj:team-a:ci, applications, sync, team-a/*, allow"));
        assertThat(access.rbac().allows(token, "applications", "sync", "team-a/shop")).isTrue();
        assertThat(access.rbac().allows(ALICE, "applications", "get", "team-a/shop")).as("configured kept").isTrue();

        assertThatThrownBy(() -> access.setProjectPolicies(List.of("p, proj:team-a:ci, applications, sink, */*, allow")))
                .hasMessageStartingWith("project role policy line 1, field 4 (action)");
        assertThat(access.rbac().allows(token, "applications", "sync", "team-a/shop")).isTrue();

        access.setProjectPolicies(List.of());
        assertThat(access.rbac().allows(token, "applications", "sync", "team-a/shop")).isFalse();
    }
}
