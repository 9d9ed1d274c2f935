package dev.driftless.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.config.ConfigWriter;
import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.DestinationSpec;
import dev.driftless.engine.app.SourceSpec;
import dev.driftless.engine.app.SyncPolicy;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.testing.GitTestRepo;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static dev.driftless.ui.Elements.byTestId;
import static dev.driftless.ui.Elements.click;
import static dev.driftless.ui.Elements.type;
import static dev.driftless.ui.Elements.visible;
import static dev.driftless.ui.Elements.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in Debian's headless chromium against a whole {@code driftless serve} with the sandbox cluster:
 * a manual application {@code shop} (so drift stays until someone syncs) from a test repository with two
 * revisions, driven the way a person would. Screenshots go to {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String NAMESPACE = "shop";
    private static final String CONFIG_MAP_KEY = "/ConfigMap:shop/shop-settings";

    private SandboxService sandbox;
    private GitTestRepo repo;
    private String firstSha;
    private String secondSha;
    private ChromeDriver browser;

    @BeforeAll
    void startTheServiceWithTwoSyncedRevisions(@TempDir Path temp) throws Exception {
        sandbox = SandboxService.start(temp.resolve("data"));
        repo = GitTestRepo.create("shop", temp.resolve("shop.git"));
        firstSha = commitGreeting("hello from revision one", "Add the shop");
        sandbox.createOpenProject("retail");
        sandbox.send("POST", "api/applications", ConfigWriter.toTree(shop()).toString(), 201);
        syncAndAwait(firstSha);
        secondSha = commitGreeting("hello from revision two", "Friendlier greeting");
        sandbox.send("POST", "api/applications/shop/refresh", "", 202);
        syncAndAwait(secondSha);
        Files.createDirectories(SCREENSHOTS);
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

    @Test
    void servesTheDashboardAtTheRootWithRevalidationAndAStrictContentPolicy() throws Exception {
        HttpResponse<String> index = sandbox.http().send(HttpRequest.newBuilder(sandbox.url()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("<script type=\"module\" src=\"/js/main.js\">");
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(index.headers().firstValue("Content-Security-Policy")).get().asString().contains("default-src 'self'");
        HttpResponse<String> script = sandbox.http().send(HttpRequest.newBuilder(sandbox.url().resolve("js/pages/application.js"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).get().asString().contains("javascript");
    }

    @Test
    void aPersonLogsInFindsTheApplicationSeesDriftSyncsAndRollsBack() throws Exception {
        browser = Chromium.start(1366, 1000);
        WebDriverWait wait = waitFor(browser, WAIT);
        browser.get(sandbox.url().toString());

        type(wait, "login-username", "admin");
        type(wait, "login-password", "not-the-password");
        click(wait, "login-submit");
        assertThat(visible(wait, "login-error").getText()).contains("Wrong user name or password");
        WebElement field = byTestId(wait, "login-password");
        field.clear();
        field.sendKeys(sandbox.password());
        click(wait, "login-submit");

        wait.until(driver -> rows(driver).size() == 2);
        assertThat(names(browser)).containsExactly("example", "shop");
        assertThat(visible(wait, "count-sync-Synced").getText()).isEqualTo("2");
        screenshot("applications-list");

        type(wait, "search", "retail");
        wait.until(driver -> names(driver).equals(List.of("shop")));
        assertThat(visible(wait, "list-status").getText()).isEqualTo("1–1 of 1 applications");
        assertThat(browser.getCurrentUrl()).endsWith("#/applications?q=retail");

        rows(browser).getFirst().click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=app-name]"), "shop"));
        wait.until(driver -> status(driver, "app-sync").equals("Synced"));
        assertThat(visible(wait, "app-revision").getText()).contains(secondSha.substring(0, 7))
                .contains("Test Author").contains("Friendlier greeting");
        wait.until(driver -> !driver.findElements(By.cssSelector("[data-testid=tree-node][data-key='" + CONFIG_MAP_KEY + "']")).isEmpty());
        assertThat(treeNames(browser)).contains("shop", "shop-settings");
        click(wait, "node-manifest");
        wait.until(driver -> !driver.findElements(By.cssSelector("pre[data-testid=manifest-live]")).isEmpty());
        screenshot("application-tree");

        ((JavascriptExecutor) browser).executeScript("window.stillTheSamePage = true;");
        editLiveGreeting("edited in the cluster");
        WebElement drifted = wait.until(driver -> driver.findElements(
                By.cssSelector("[data-testid=diff-resource][data-key='" + CONFIG_MAP_KEY + "']")).stream().findFirst().orElse(null));
        wait.until(driver -> status(driver, "app-sync").equals("OutOfSync"));
        assertThat(drifted.findElements(By.cssSelector("[data-testid=diff-field]")))
                .extracting(WebElement::getText)
                .anySatisfy(text -> assertThat(text).contains("greeting").contains("edited in the cluster")
                        .contains("hello from revision two"));
        assertThat(drifted.findElements(By.cssSelector("[data-testid=diff-line-removed]")))
                .extracting(WebElement::getText).anySatisfy(line -> assertThat(line).startsWith("-").contains("edited in the cluster"));
        assertThat(drifted.findElements(By.cssSelector("[data-testid=diff-line-added]")))
                .extracting(WebElement::getText).anySatisfy(line -> assertThat(line).startsWith("+").contains("hello from revision two"));
        new Actions(browser).scrollToElement(drifted).perform();
        screenshot("application-diff");

        click(wait, "sync-button");
        WebElement dialog = visible(wait, "sync-dialog");
        assertThat(dialog.findElements(By.cssSelector("[data-testid=sync-resource]"))).hasSize(3);
        click(wait, "sync-submit");
        wait.until(driver -> status(driver, "app-sync").equals("Synced"));
        wait.until(driver -> driver.findElement(By.cssSelector("[data-testid=diff-none]")).isDisplayed());
        assertThat(liveGreeting()).isEqualTo("hello from revision two");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.stillTheSamePage === true")).isEqualTo(true);

        WebElement first = wait.until(driver -> driver.findElement(
                By.cssSelector("[data-testid=history-entry][data-revision='" + firstSha + "']")));
        assertThat(first.getText()).contains("Add the shop").contains("Test Author").contains("user:admin")
                .containsPattern("took [0-9.]+ (ms|s)");
        first.findElement(By.cssSelector("[data-testid=rollback]")).click();
        click(wait, "rollback-confirm");
        wait.until(driver -> driver.findElement(By.cssSelector("[data-testid=app-revision]")).getText()
                .contains(firstSha.substring(0, 7)));
        wait.until(driver -> status(driver, "app-sync").equals("Synced"));
        assertThat(visible(wait, "history-feedback").getText()).contains("Rolled back to " + firstSha.substring(0, 7));
        assertThat(liveGreeting()).isEqualTo("hello from revision one");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.stillTheSamePage === true")).isEqualTo(true);
    }

    @Test
    void aKeyboardAloneReachesARowAndOpensItWithEnter() {
        browser = Chromium.start(1366, 1000);
        WebDriverWait wait = waitFor(browser, WAIT);
        logIn(wait);
        wait.until(driver -> rows(driver).size() == 2);

        WebElement focused = null;
        for (int presses = 0; presses < 40; presses++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            focused = browser.switchTo().activeElement();
            if ("app-row".equals(focused.getAttribute("data-testid"))) {
                break;
            }
        }
        assertThat(focused.getAttribute("data-testid")).as("a row is reachable with Tab").isEqualTo("app-row");
        String name = focused.getAttribute("data-name");
        new Actions(browser).sendKeys(Keys.ENTER).perform();

        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=app-name]"), name));
        assertThat(browser.getCurrentUrl()).endsWith("#/applications/" + name);
    }

    @Test
    void statusBadgesSayTheirStatusInWordsNotOnlyInColour() {
        browser = Chromium.start(400, 900);
        WebDriverWait wait = waitFor(browser, WAIT);
        logIn(wait);
        wait.until(driver -> rows(driver).size() == 2);

        List<WebElement> badges = browser.findElements(By.cssSelector(
                "[data-testid=row-sync], [data-testid=row-health], [data-testid^=chip-] .badge"));
        assertThat(badges).hasSizeGreaterThanOrEqualTo(4).allSatisfy(badge -> {
            assertThat(badge.getText()).as("the words of a badge: what it is about, then the status")
                    .matches("(Sync|Health):\\s*(Synced|Out of sync|Unknown|Healthy|Progressing|Degraded|Suspended|Missing)");
            assertThat(badge.findElements(By.cssSelector("svg.icon"))).as("an icon shape beside the words").hasSize(1);
        });
        assertThat(((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling at 400 px")
                .isEqualTo(true);
    }

    /** Manual (no automated sync), pruning when synced, creating its namespace. */
    private ApplicationSpec shop() {
        return new ApplicationSpec("shop", "retail", Map.of("team", "shop"),
                new SourceSpec(repo.fileUrl(), "main", "app", null),
                new DestinationSpec("sandbox", NAMESPACE),
                new SyncPolicy(false, true, false, false, true, SyncPolicy.Retry.defaults(), List.of()),
                List.of(), Set.of());
    }

    private String commitGreeting(String greeting, String message) {
        return repo.commit(message)
                .author("Test Author", "author@example.com", Instant.now())
                .write("app/settings.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: shop-settings}
                        data: {greeting: %s}
                        """.formatted(greeting))
                .write("app/deployment.yaml", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: shop}
                        spec:
                          replicas: 1
                          selector: {matchLabels: {app: shop}}
                          template:
                            metadata: {labels: {app: shop}}
                            spec: {containers: [{name: shop, image: "nginx:1.27"}]}
                        """)
                .write("app/service.yaml", """
                        apiVersion: v1
                        kind: Service
                        metadata: {name: shop}
                        spec: {selector: {app: shop}, ports: [{port: 80}]}
                        """)
                .create();
    }

    private void syncAndAwait(String sha) throws Exception {
        sandbox.send("POST", "api/applications/shop/sync", "{}", 202);
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            JsonNode status = Documents.JSON.readTree(sandbox.send("GET", "api/applications/shop", null, 200)).path("status");
            if (status.path("sync").asText().equals("Synced") && status.path("revision").asText().equals(sha)) {
                return;
            }
            assertThat(Instant.now()).as("shop Synced at " + sha + ", last status " + status).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private void editLiveGreeting(String greeting) {
        sandbox.cluster().configMaps().inNamespace(NAMESPACE).withName("shop-settings")
                .edit(map -> {
                    map.getData().put("greeting", greeting);
                    return map;
                });
    }

    private String liveGreeting() {
        ConfigMap live = sandbox.cluster().configMaps().inNamespace(NAMESPACE).withName("shop-settings").get();
        return live.getData().get("greeting");
    }

    private void logIn(WebDriverWait wait) {
        sandbox.logIn(browser, wait, "");
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private static List<WebElement> rows(WebDriver driver) {
        return driver.findElements(By.cssSelector("[data-testid=app-row]"));
    }

    private static List<String> names(WebDriver driver) {
        return rows(driver).stream().map(row -> row.getAttribute("data-name")).toList();
    }

    private static List<String> treeNames(WebDriver driver) {
        return driver.findElements(By.cssSelector("[data-testid=tree-node] [data-testid=node-name]")).stream()
                .map(WebElement::getText).toList();
    }

    private static String status(WebDriver driver, String testId) {
        return driver.findElements(By.cssSelector("[data-testid='" + testId + "']")).stream()
                .map(badge -> badge.getAttribute("data-status")).filter(Predicate.not(String::isEmpty)).findFirst().orElse("");
    }
}
