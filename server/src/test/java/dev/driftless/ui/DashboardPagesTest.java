package dev.driftless.ui;

import dev.driftless.config.ConfigWriter;
import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.DestinationSpec;
import dev.driftless.engine.app.SourceSpec;
import dev.driftless.engine.app.SyncPolicy;
import dev.driftless.engine.testing.GitTestRepo;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static dev.driftless.ui.Elements.click;
import static dev.driftless.ui.Elements.testId;
import static dev.driftless.ui.Elements.type;
import static dev.driftless.ui.Elements.visible;
import static dev.driftless.ui.Elements.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clusters, repositories and audit pages, a sync that fails and a session that ends, in Debian's headless
 * chromium against a whole {@code driftless serve} with the sandbox. Besides the sandbox's own example there is
 * one manual application, {@code broken}, whose PreSync hook is a Job that has already failed: the sandbox's mock
 * API server keeps the status it is given, so the engine reads the Job as failed and fails the sync on it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardPagesTest {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String HOOK_KEY = "batch/Job:broken/migrate";
    private static final String HOOK_FAILURE = "Job has reached the specified backoff limit";

    private SandboxService sandbox;
    private String repoUrl;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void startTheServiceWithABrokenApplication(@TempDir Path temp) throws Exception {
        sandbox = SandboxService.start(temp.resolve("data"));
        GitTestRepo repo = GitTestRepo.create("broken", temp.resolve("broken.git"));
        repo.commit("A migration that fails").write("app/settings.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: broken-settings}
                        data: {greeting: hello}
                        """)
                .write("app/migrate.yaml", """
                        apiVersion: batch/v1
                        kind: Job
                        metadata:
                          name: migrate
                          annotations: {driftless.dev/hook: PreSync}
                        spec:
                          template:
                            spec:
                              restartPolicy: Never
                              containers: [{name: migrate, image: "busybox:1.36", command: ["false"]}]
                        status:
                          failed: 1
                          conditions:
                          - {type: Failed, status: "True", reason: BackoffLimitExceeded, message: "%s"}
                        """.formatted(HOOK_FAILURE))
                .create();
        repoUrl = repo.fileUrl();
        ApplicationSpec broken = new ApplicationSpec("broken", "retail", Map.of(),
                new SourceSpec(repoUrl, "main", "app", null), new DestinationSpec("sandbox", "broken"),
                new SyncPolicy(false, false, false, false, true, SyncPolicy.Retry.defaults(), List.of()),
                List.of(), Set.of());
        sandbox.createOpenProject("retail");
        sandbox.send("POST", "api/applications", ConfigWriter.toTree(broken).toString(), 201);
        sandbox.send("POST", "api/applications/broken/refresh", "", 202);
    }

    @AfterAll
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    private void open(String page) {
        open(page, 1366, 1000);
    }

    private void open(String page, int width, int height) {
        browser = Chromium.start(width, height);
        wait = waitFor(browser, WAIT);
        sandbox.logIn(browser, wait, page);
    }

    @Test
    void theClustersPageCountsTheSandboxsApplications() {
        open("#/clusters");

        WebElement row = wait.until(driver -> rowContaining(driver, "cluster-row", "sandbox"));
        // The sandbox's example and broken deploy to it.
        assertThat(cell(row, "Applications").getText()).startsWith("2");
        assertThat(cell(row, "Connection").getText()).contains("Connected");
        assertThat(cell(row, "Applications").findElement(By.tagName("a")).getAttribute("href"))
                .endsWith("#/applications?cluster=sandbox");
    }

    @Test
    void theRepositoriesPageListsTheTestRepositoryWithItsApplication() {
        open("#/repositories");

        WebElement row = wait.until(driver -> rowContaining(driver, "repository-row", repoUrl));
        assertThat(cell(row, "Applications").getText()).startsWith("1");
        assertThat(cell(row, "Origin").getText()).isEqualTo("inferred");
        assertThat(cell(row, "Credentials").getText()).isEqualTo("none");
    }

    @Test
    void theAuditPageFiltersByActionAndAddsNewEntriesLive() throws Exception {
        open("#/events");
        String chain = wait.until(driver -> chainState(driver).startsWith("Hash chain") ? chainState(driver) : null);
        assertThat(chain).matches("Hash chain intact: [0-9,]+ entries checked\\.");
        WebElement action = visible(wait, "audit-action");
        action.sendKeys("refresh");
        action.sendKeys(Keys.TAB);
        wait.until(driver -> driver.getCurrentUrl().endsWith("#/events?action=refresh"));
        wait.until(driver -> !actions(driver).isEmpty());
        int before = actions(browser).size();
        assertThat(actions(browser)).as("the setup's refresh, and none of the creates or syncs").containsOnly("refresh");

        // A sync records "sync" and "sync.started", which the filter hides; the refresh after it must appear.
        sandbox.send("POST", "api/applications/example/sync", "{}", 202);
        sandbox.send("POST", "api/applications/broken/refresh", "", 202);

        wait.until(driver -> actions(driver).size() == before + 1);
        assertThat(actions(browser)).containsOnly("refresh");
        WebElement newest = browser.findElements(testId("audit-row")).getFirst();
        assertThat(cell(newest, "Application").getText()).isEqualTo("broken");
        assertThat(cell(newest, "Actor").getText()).isEqualTo("user:admin");
        assertThat(cell(newest, "Result").getText()).isEqualTo("ok");
    }

    @Test
    void theAuditPageShowsARefusedRequestWithItsAddressWhenFilteredByResult() throws Exception {
        HttpResponse<String> refused = sandbox.http().send(HttpRequest.newBuilder(
                        sandbox.url().resolve("api/applications/broken/sync"))
                .header("Authorization", "Bearer not-a-token").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        open("#/events");

        new Select(visible(wait, "audit-result")).selectByVisibleText("Denied");

        wait.until(driver -> driver.getCurrentUrl().endsWith("#/events?result=denied"));
        WebElement row = wait.until(driver -> rowContaining(driver, "audit-row", "POST /api/applications/{name}/sync"));
        assertThat(cell(row, "Actor").getText()).isEqualTo("anonymous");
        assertThat(cell(row, "Application").getText()).isEqualTo("broken");
        assertThat(cell(row, "From").getText()).isEqualTo("127.0.0.1");
        assertThat(cell(row, "Result").getText()).isEqualTo("denied: 401");
        assertThat(browser.findElements(testId("audit-row"))).allSatisfy(one ->
                assertThat(cell(one, "Result").getText()).startsWith("denied"));
        assertThat(browser.findElement(By.cssSelector("label[for=audit-result]")).getText()).isEqualTo("Result");
    }

    @Test
    void aFailedSyncNamesTheResourceAndTheReason() {
        open("#/applications/broken");
        wait.until(driver -> !driver.findElements(By.cssSelector("[data-testid=app-sync][data-status]")).isEmpty());

        click(wait, "sync-button");
        click(wait, "sync-submit");

        WebElement failure = wait.until(driver -> driver.findElements(testId("failed-resource")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
        assertThat(failure.getText()).contains(HOOK_KEY).contains("PreSync hook failed").contains(HOOK_FAILURE);
    }

    @Test
    void anEndedSessionBringsBackTheLoginFormOnTheNextAction() {
        open("");
        wait.until(driver -> !driver.findElements(testId("app-row")).isEmpty());

        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/session', {method: 'DELETE', headers: {'X-Driftless-Request': 'ui'}})
                  .then((response) => done(response.status), (failure) => done(String(failure)));""");
        assertThat(status).as("DELETE /api/session").isEqualTo(204L);
        click(wait, "nav-clusters");

        assertThat(visible(wait, "login-error").getText()).contains("Your session has ended");
        assertThat(browser.findElements(testId("login-password"))).hasSize(1);
        assertThat(browser.findElements(testId("clusters-table"))).isEmpty();
    }

    @Test
    void repositoryCredentialsAddedThroughTheFormShowTheirTypeAndNeverTheirPassword() throws Exception {
        String password = "pw-" + UUID.randomUUID();
        String prefix = "https://git.example.com/payments/";
        open("#/repositories", 400, 900);
        WebElement secret = visible(wait, "repo-password");
        assertThat(secret.getAttribute("type")).isEqualTo("password");
        assertThat(secret.getAttribute("autocomplete")).isEqualTo("off");
        assertThat(browser.findElement(By.cssSelector("label[for=repo-password]")).getText()).isEqualTo("Password");

        type(wait, "repo-url", prefix);
        type(wait, "repo-username", "deploy");
        secret.sendKeys(password);
        click(wait, "repository-form-submit");

        WebElement row = wait.until(driver -> rowContaining(driver, "repository-row", prefix));
        assertThat(cell(row, "Credentials").getText()).isEqualTo("basic as deploy");
        assertThat(cell(row, "Origin").getText()).isEqualTo("api");
        assertThat(visible(wait, "repository-form-done").getText()).isEqualTo("Added credentials for " + prefix + ".");
        assertThat(secret.getAttribute("value")).as("the password input after the submit").isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(password);
        assertThat(sandbox.send("GET", "api/repositories", null, 200)).contains(prefix).doesNotContain(password);
        assertThat(((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 400 px")
                .isEqualTo(true);

        confirmRemoval(row, "repository-remove");

        wait.until(driver -> rowContaining(driver, "repository-row", prefix) == null);
        assertThat(sandbox.send("GET", "api/repositories", null, 200)).doesNotContain(prefix);
    }

    @Test
    void aClusterAddedFromAKubeconfigIsListedWithItsServerAndCanBeRemoved() throws Exception {
        String server = sandbox.cluster().getMasterUrl().toString();
        String token = "kube-token-" + UUID.randomUUID();
        open("#/clusters");

        type(wait, "cluster-name", "staging");
        type(wait, "cluster-kubeconfig", kubeconfig(server, token));
        click(wait, "cluster-form-submit");

        WebElement row = wait.until(driver -> rowContaining(driver, "cluster-row", "staging"));
        assertThat(cell(row, "Server").getText()).isEqualTo(server);
        assertThat(visible(wait, "cluster-form-done").getText()).isEqualTo("Added cluster staging.");
        assertThat(browser.findElement(testId("cluster-kubeconfig")).getAttribute("value")).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(token);
        assertThat(sandbox.send("GET", "api/clusters", null, 200)).contains("staging").doesNotContain(token);
        assertThat(rowContaining(browser, "cluster-row", "sandbox").findElements(testId("cluster-remove")))
                .as("the sandbox is not the API's to remove").isEmpty();

        WebElement remove = row.findElement(testId("cluster-remove"));
        remove.click();
        click(wait, "cluster-remove-cancel");
        assertThat(browser.switchTo().activeElement().getAttribute("data-testid"))
                .as("focus goes back to Remove on cancel").isEqualTo("cluster-remove");
        assertThat(sandbox.send("GET", "api/clusters", null, 200)).contains("staging");
        confirmRemoval(rowContaining(browser, "cluster-row", "staging"), "cluster-remove");

        wait.until(driver -> rowContaining(driver, "cluster-row", "staging") == null);
        assertThat(sandbox.send("GET", "api/clusters", null, 200)).doesNotContain("staging");
    }

    @Test
    void refusedWritesShowTheServicesReasonInTheFormsAlert() throws Exception {
        String password = "pw-" + UUID.randomUUID();
        open("#/repositories");
        type(wait, "repo-url", "https://git.example.com/nobody/");
        type(wait, "repo-password", password);
        click(wait, "repository-form-submit");

        WebElement refused = visible(wait, "repository-form-error");
        assertThat(refused.getAttribute("role")).isEqualTo("alert");
        assertThat(refused.getText()).isEqualTo("The service refused the request: repository https://git.example.com/nobody/:"
                + " credential type BASIC needs a username");
        assertThat(browser.findElement(testId("repo-password")).getAttribute("value")).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(password);
        assertThat(sandbox.send("GET", "api/repositories", null, 200)).doesNotContain("nobody");
        new Select(visible(wait, "repo-secret-kind")).selectByVisibleText("SSH private key");
        assertThat(visible(wait, "repo-ssh-key").getTagName()).isEqualTo("textarea");
        assertThat(browser.findElement(testId("repo-password")).isDisplayed()).as("one secret at a time").isFalse();

        click(wait, "nav-clusters");
        type(wait, "cluster-name", "elsewhere");
        type(wait, "cluster-context", "nowhere");
        type(wait, "cluster-kubeconfig", kubeconfig(sandbox.cluster().getMasterUrl().toString(), "t"));
        click(wait, "cluster-form-submit");

        assertThat(visible(wait, "cluster-form-error").getText())
                .isEqualTo("The service refused the request: cluster elsewhere: the kubeconfig has no context named nowhere");
        assertThat(sandbox.send("GET", "api/clusters", null, 200)).doesNotContain("elsewhere");
    }

    @Test
    void theProjectsPageListsAProjectWithItsLimitsAndCountsItsKeysWithoutShowingThem() throws Exception {
        String ageKey = "AGE-SECRET-KEY-1YVY7HLYJH060CCCKHEN2X6R8X3666Z6WKTAVQH0SHGU0L7RRF8NSS75523";
        sandbox.send("POST", "api/projects", """
                {"apiVersion": "driftless.dev/v1alpha1", "kind": "Project", "metadata": {"name": "payments"},
                 "spec": {"description": "Card payments", "sourceRepos": ["https://git.example.com/payments/*"],
                          "destinations": [{"cluster": "sandbox", "namespace": "pay-*"}],
                          "clusterResourceWhitelist": [{"group": "rbac.authorization.k8s.io", "kind": "ClusterRole"}],
                          "roles": [{"name": "deployer", "description": "CI",
                                     "policies": ["p, proj:payments:deployer, applications, sync, payments/*, allow"],
                                     "groups": ["payments-team"]}]},
                 "sops": {"ageKey": "%s"}}""".formatted(ageKey), 201);
        open("#/projects");

        WebElement row = wait.until(driver -> rowContaining(driver, "project-row", "payments"));
        assertThat(cell(row, "Name").getText()).isEqualTo("payments\nCard payments");
        assertThat(cell(row, "Source repositories").getText()).isEqualTo("https://git.example.com/payments/*");
        assertThat(cell(row, "Destinations").getText()).isEqualTo("sandbox / pay-*");
        assertThat(cell(row, "Cluster-scoped kinds").getText()).isEqualTo("rbac.authorization.k8s.io/ClusterRole");
        assertThat(cell(row, "Roles").getText()).isEqualTo("deployer – CI\n1 policy, groups: payments-team");
        assertThat(cell(row, "SOPS keys").getText()).isEqualTo("1 age identity");
        assertThat(cell(row, "Applications").getText()).isEqualTo("none");
        assertThat(browser.getPageSource()).doesNotContain(ageKey);
        assertThat(browser.findElement(testId("nav-projects")).getAttribute("aria-current")).isEqualTo("page");

        WebElement retail = rowContaining(browser, "project-row", "retail");
        assertThat(cell(retail, "SOPS keys").getText()).isEqualTo("none");
        retail.findElement(By.linkText("broken")).click();
        wait.until(driver -> driver.getCurrentUrl().endsWith("#/applications/broken"));
    }

    @Test
    void aWriteTheUserMayNotMakeShowsThePermissionItLacks() throws Exception {
        sandbox.send("POST", "api/users", """
                {"username": "visitor", "password": "visitor-password-1"}""", 201);
        browser = Chromium.start(1366, 1000);
        wait = waitFor(browser, WAIT);
        browser.get(sandbox.url().resolve("/#/repositories").toString());
        type(wait, "login-username", "visitor");
        type(wait, "login-password", "visitor-password-1");
        click(wait, "login-submit");

        type(wait, "repo-url", "https://git.example.com/visitor/");
        type(wait, "repo-username", "visitor");
        type(wait, "repo-password", "visitor-secret");
        click(wait, "repository-form-submit");

        assertThat(visible(wait, "repository-form-error").getText()).isEqualTo("You are not allowed to do this:"
                + " permission denied: repositories, create, https://git.example.com/visitor/");
        assertThat(sandbox.send("GET", "api/repositories", null, 200)).doesNotContain("visitor");
    }

    /** Presses Remove and confirms in the question that replaces it, with the keyboard alone. */
    private void confirmRemoval(WebElement row, String removeTestId) {
        row.findElement(testId(removeTestId)).sendKeys(Keys.ENTER);
        WebElement confirm = visible(wait, removeTestId + "-confirm");
        assertThat(browser.switchTo().activeElement()).as("focus moves to the confirming button").isEqualTo(confirm);
        confirm.sendKeys(Keys.ENTER);
    }

    private static String kubeconfig(String server, String token) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: staging
                  cluster: {server: "%s", insecure-skip-tls-verify: true}
                users:
                - name: deployer
                  user: {token: "%s"}
                contexts:
                - name: staging
                  context: {cluster: staging, user: deployer}
                current-context: staging
                """.formatted(server, token);
    }

    private static WebElement rowContaining(WebDriver driver, String rowTestId, String text) {
        return driver.findElements(testId(rowTestId)).stream().filter(row -> row.getText().contains(text))
                .findFirst().orElse(null);
    }

    private static WebElement cell(WebElement row, String column) {
        return row.findElement(By.cssSelector("td[data-label='" + column + "']"));
    }

    private static List<String> actions(WebDriver driver) {
        return driver.findElements(testId("audit-row")).stream().map(row -> row.getAttribute("data-action")).toList();
    }

    private static String chainState(WebDriver driver) {
        return driver.findElements(testId("audit-chain")).stream().map(WebElement::getText).findFirst().orElse("");
    }
}
