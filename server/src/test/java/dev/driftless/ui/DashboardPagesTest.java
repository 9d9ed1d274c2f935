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
import static dev.driftless.ui.Elements.visible;
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
        browser = Chromium.start(1366, 1000);
        wait = new WebDriverWait(browser, WAIT);
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
