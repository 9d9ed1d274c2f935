package dev.driftless.api;

import static dev.driftless.api.ApiHarness.json;
import static dev.driftless.api.FakeDriftlessService.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.api.auth.Principal;
import dev.driftless.config.ConfigWriter;
import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.service.ApplicationView;
import dev.driftless.service.Origin;
import dev.driftless.store.StoredToken;
import dev.driftless.store.StoredUser;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RBAC on the routes: what a user limited to one project sees and may do, project-role API tokens, tokens acting as
 * their creator, user management, and the webhook refreshing only what it may.
 */
class AuthorizationRoutesTest {

    private static final String DEV_PASSWORD = "dev-password-55a1";

    private final FakeDriftlessService service = new FakeDriftlessService()
            .with(view("shop", "team-a")).with(view("cart", "team-a")).with(view("api", "team-b"));
    private final ApiHarness api = new ApiHarness(service);
    private final String devToken;

    AuthorizationRoutesTest() {
        api.access.accounts().createUser("dev", DEV_PASSWORD);
        api.access.setProjectPolicies(List.of(
                "p, role:team-a-dev, applications, get, team-a/*, allow",
                "p, role:team-a-dev, applications, sync, team-a/*, allow",
                "g, dev, role:team-a-dev",
                "p, proj:team-a:ci, applications, sync, team-a/*, allow"));
        devToken = api.access.accounts().openSession(Principal.user("dev"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static ApplicationView view(String name, String project) {
        ApplicationSpec base = spec(name);
        return new ApplicationView(new ApplicationSpec(name, project, base.labels(), base.source(),
                base.destination(), base.syncPolicy(), base.ignoreDifferences(), base.notifyOn()),
                Origin.API, Optional.empty());
    }

    @Test
    void theListHoldsOnlyWhatTheCallerMayGetAndCountsThat() {
        JsonNode page = json(api.send("GET", "api/applications", null, devToken));
        JsonNode all = json(api.get("api/applications"));

        assertThat(page.path("total").asLong()).isEqualTo(2);
        assertThat(page.path("items").findValuesAsText("name")).containsExactlyInAnyOrder("shop", "cart");
        assertThat(all.path("total").asLong()).isEqualTo(3);
    }

    @Test
    void aRefusalNamesTheMissingPermissionAndReachesNothing() {
        HttpResponse<String> get = api.send("GET", "api/applications/api", null, devToken);
        HttpResponse<String> delete = api.send("DELETE", "api/applications/shop", null, devToken);
        HttpResponse<String> cluster = api.send("POST", "api/clusters",
                "{\"name\":\"staging\",\"kubeconfig\":\"apiVersion: v1\\nkind: Config\\n\"}", devToken);
        HttpResponse<String> users = api.send("GET", "api/users", null, devToken);

        assertThat(get.statusCode()).isEqualTo(403);
        assertThat(json(get).path("error").asText()).isEqualTo("permission denied: applications, get, team-b/api");
        assertThat(json(delete).path("error").asText())
                .isEqualTo("permission denied: applications, delete, team-a/shop");
        assertThat(json(cluster).path("error").asText()).isEqualTo("permission denied: clusters, create, staging");
        assertThat(json(users).path("error").asText()).isEqualTo("permission denied: accounts, get, *");
        assertThat(service.calls).isEmpty();
    }

    @Test
    void whatThePolicyAllowsGoesThroughAsTheCaller() {
        HttpResponse<String> sync = api.send("POST", "api/applications/shop/sync", "{}", devToken);

        assertThat(sync.statusCode()).isEqualTo(202);
        assertThat(service.calls).containsExactly("sync shop by user:dev");
    }

    @Test
    void creatingAnApplicationIsCheckedAgainstTheProjectInTheBody() {
        ApplicationSpec base = spec("new-app");
        String teamB = ConfigWriter.toTree(new ApplicationSpec("new-app", "team-b", base.labels(), base.source(),
                base.destination(), base.syncPolicy(), base.ignoreDifferences(), base.notifyOn())).toString();

        HttpResponse<String> refused = api.send("POST", "api/applications", teamB, devToken);

        assertThat(json(refused).path("error").asText())
                .isEqualTo("permission denied: applications, create, team-b/new-app");
    }

    @Test
    void movingAnApplicationNeedsTheRightToUpdateItWhereItIs() {
        api.access.setProjectPolicies(List.of("p, dev, applications, update, team-a/*, allow"));
        ApplicationSpec base = spec("api");
        String intoTeamA = ConfigWriter.toTree(new ApplicationSpec("api", "team-a", base.labels(), base.source(),
                base.destination(), base.syncPolicy(), base.ignoreDifferences(), base.notifyOn())).toString();

        HttpResponse<String> refused = api.send("PUT", "api/applications/api", intoTeamA, devToken);

        assertThat(json(refused).path("error").asText()).isEqualTo("permission denied: applications, update, team-b/api");
        assertThat(service.calls).isEmpty();
    }

    @Test
    void aProjectRoleTokenActsAsTheRoleUntilRevoked() {
        HttpResponse<String> created = api.post("api/tokens",
                "{\"project\":\"team-a\",\"role\":\"ci\",\"expiresIn\":\"24h\",\"description\":\"pipeline\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String token = json(created).path("token").asText();
        String id = json(created).path("id").asText();
        assertThat(json(created).path("subject").asText()).isEqualTo("proj:team-a:ci");
        assertThat(json(created).path("expiresAt").asText()).isNotEmpty();

        assertThat(api.send("POST", "api/applications/shop/sync", "{}", token).statusCode()).isEqualTo(202);
        HttpResponse<String> otherProject = api.send("POST", "api/applications/api/sync", "{}", token);
        assertThat(json(otherProject).path("error").asText())
                .isEqualTo("permission denied: applications, sync, team-b/api");
        assertThat(service.calls).containsExactly("sync shop by token:" + id);

        HttpResponse<String> list = api.get("api/tokens");
        assertThat(list.body()).contains(id).doesNotContain(token);
        assertThat(api.delete("api/tokens/" + id).statusCode()).isEqualTo(204);
        assertThat(api.send("POST", "api/applications/shop/sync", "{}", token).statusCode()).isEqualTo(401);
        assertThat(api.delete("api/tokens/" + id).statusCode()).as("already revoked").isEqualTo(404);
    }

    @Test
    void aProjectTokenNeedsTheRightToUpdateTheProject() {
        HttpResponse<String> refused = api.send("POST", "api/tokens", "{\"project\":\"team-a\",\"role\":\"ci\"}",
                devToken);
        HttpResponse<String> noRole = api.post("api/tokens", "{\"project\":\"team-a\"}");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).path("error").asText()).isEqualTo("permission denied: projects, update, team-a");
        assertThat(noRole.statusCode()).isEqualTo(400);
        assertThat(json(noRole).path("error").asText()).startsWith("role:");
    }

    @Test
    void aTokenWithoutProjectActsAsItsCreatorAndOnlyTheCreatorSeesOrRevokesIt() {
        HttpResponse<String> created = api.send("POST", "api/tokens", "{\"description\":\"laptop\"}", devToken);
        String token = json(created).path("token").asText();
        String id = json(created).path("id").asText();

        assertThat(json(created).path("subject").asText()).isEqualTo("dev");
        assertThat(json(api.send("GET", "api/applications", null, token)).path("total").asLong()).isEqualTo(2);
        assertThat(api.send("GET", "api/applications/api", null, token).statusCode()).isEqualTo(403);
        assertThat(api.send("GET", "api/tokens", null, api.aliceToken).body()).doesNotContain(id);
        assertThat(api.send("DELETE", "api/tokens/" + id, null, api.aliceToken).statusCode()).isEqualTo(404);
        assertThat(api.send("DELETE", "api/tokens/" + id, null, devToken).statusCode()).isEqualTo(204);
    }

    @Test
    void theAdminManagesUsersAndANewUserSignsInAndChangesItsPassword() {
        HttpResponse<String> created = api.post("api/users", "{\"username\":\"carol\",\"password\":\"carol-pass-1\"}");
        HttpResponse<String> again = api.post("api/users", "{\"username\":\"carol\",\"password\":\"carol-pass-1\"}");
        HttpResponse<String> shortPassword = api.post("api/users", "{\"username\":\"dan\",\"password\":\"short\"}");
        HttpResponse<String> badName = api.post("api/users", "{\"username\":\"Dan Smith\",\"password\":\"long-enough\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(shortPassword).path("error").asText()).isEqualTo("password: at least 8 characters required");
        assertThat(json(badName).path("error").asText()).startsWith("username: 'Dan Smith' is not a user name");
        assertThat(api.get("api/users").body()).contains("carol").doesNotContain("carol-pass-1").doesNotContain("argon2");

        String carol = json(api.sendWith("POST", "api/session",
                "{\"username\":\"carol\",\"password\":\"carol-pass-1\"}", java.util.Map.of())).path("token").asText();
        HttpResponse<String> wrongCurrent = api.send("PUT", "api/account/password",
                "{\"currentPassword\":\"nope-nope\",\"newPassword\":\"carol-pass-2\"}", carol);
        HttpResponse<String> changed = api.send("PUT", "api/account/password",
                "{\"currentPassword\":\"carol-pass-1\",\"newPassword\":\"carol-pass-2\"}", carol);

        assertThat(wrongCurrent.statusCode()).isEqualTo(400);
        assertThat(wrongCurrent.body()).doesNotContain("nope-nope");
        assertThat(changed.statusCode()).isEqualTo(204);
        assertThat(api.sendWith("POST", "api/session", "{\"username\":\"carol\",\"password\":\"carol-pass-1\"}",
                java.util.Map.of()).statusCode()).isEqualTo(401);
        assertThat(api.sendWith("POST", "api/session", "{\"username\":\"carol\",\"password\":\"carol-pass-2\"}",
                java.util.Map.of()).statusCode()).isEqualTo(200);

        assertThat(api.delete("api/users/carol").statusCode()).isEqualTo(204);
        assertThat(api.send("GET", "api/session", null, carol).statusCode()).as("sessions end").isEqualTo(401);
        assertThat(api.delete("api/users/admin").statusCode()).as("not oneself").isEqualTo(400);
    }

    @Test
    void onlyHashesOfPasswordsAndTokensAreStored() {
        String token = json(api.post("api/tokens", "{}")).path("token").asText();

        List<StoredUser> users = api.access.accounts().users();
        List<StoredToken> tokens = api.access.accounts().tokens();

        assertThat(users).extracting(StoredUser::passwordHash).allSatisfy(hash ->
                assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(DEV_PASSWORD)
                        .doesNotContain(ApiHarness.ALICE_PASSWORD));
        assertThat(tokens).extracting(StoredToken::tokenHash).doesNotContain(token).hasSize(1);
        assertThat(users.toString() + tokens).doesNotContain("argon2").doesNotContain(tokens.getFirst().tokenHash());
    }

    @Test
    void theWebhookRefreshesOnlyWhatItMayRefresh() {
        api.access.setProjectPolicies(List.of("p, webhook, applications, refresh, team-b/*, deny"));

        HttpResponse<String> push = api.send("POST", "api/webhook", """
                {"eventType":"git.push","publisherId":"tfs","resource":{
                  "repository":{"remoteUrl":"https://dev.azure.com/org/project/_git/repo"},
                  "refUpdates":[{"name":"refs/heads/main","newObjectId":"%s"}]}}""".formatted("1".repeat(40)), null);

        assertThat(push.statusCode()).isEqualTo(202);
        assertThat(json(push).path("refreshed").asInt()).as("shop and cart, not team-b's api").isEqualTo(2);
    }
}
