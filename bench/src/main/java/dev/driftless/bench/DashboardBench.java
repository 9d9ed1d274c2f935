package dev.driftless.bench;

import dev.driftless.api.auth.AuthSettings;
import dev.driftless.service.ConfigSource;
import dev.driftless.service.DriftlessServer;
import dev.driftless.service.ServeSettings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.util.FileUtils;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's list page with many applications: {@code driftless serve} with {@code --apps} manual applications
 * declared (each one ConfigMap from one repository on a {@code git daemon}, compared against one mock cluster), then
 * the list API timed over HTTP and the list page loaded in Debian's headless chromium, reading the page's own
 * marks. Prints medians; asserts nothing about time, but exits 1 when a load does not show a full first page.
 */
public final class DashboardBench {

    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final int PAGE_SIZE = 50;
    private static final int TEAMS = 100;
    private static final int API_WARM_UPS = 5;
    private static final int BROWSER_WARM_UPS = 2;
    /** The user the RBAC-filtered list is measured as, and the applications its policy lets it see. */
    private static final String VIEWER = "viewer";
    private static final String VIEWER_PASSWORD = "viewer-password-bench-17";
    private static final String VIEWER_POLICY = "p, viewer, applications, get, list/list-00*, allow\n";

    /** What one load of the list page took, in ms from the start of navigation. */
    private record Load(double firstByte, double domContentLoaded, double listApi, double rendered, double interactive) {
    }

    private record Options(int apps, int loads, int samples, Duration settle) {

        static Options parse(String[] args) {
            Map<String, Integer> values = new LinkedHashMap<>(Map.of("apps", 10_000, "loads", 10, "samples", 20,
                    "settle", 300));
            for (int i = 0; i < args.length; i++) {
                String name = args[i].replaceFirst("^--", "");
                if (!values.containsKey(name) || i + 1 == args.length) {
                    throw new IllegalArgumentException("unknown option " + args[i]
                            + "; usage: bench/dashboard [--apps 10000] [--loads 10] [--samples 20] [--settle 300]");
                }
                try {
                    values.put(name, Integer.parseInt(args[++i]));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--" + name + ": expected a whole number, got " + args[i]);
                }
                if (values.get(name) < 1) {
                    throw new IllegalArgumentException("--" + name + ": must be at least 1");
                }
            }
            return new Options(values.get("apps"), values.get("loads"), values.get("samples"),
                    Duration.ofSeconds(values.get("settle")));
        }
    }

    private DashboardBench() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            System.err.println("bench/dashboard needs " + BROWSER + " and " + DRIVER
                    + ": apt-get install -y chromium chromium-driver");
            System.exit(2);
        }
        Path workDir = Files.createTempDirectory("driftless-dashboard-bench-");
        try {
            System.exit(run(options, workDir) ? 0 : 1);
        } finally {
            FileUtils.delete(workDir.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.IGNORE_ERRORS);
        }
    }

    private static boolean run(Options options, Path workDir) throws Exception {
        try (ServiceGitServer git = new ServiceGitServer(workDir.resolve("git"));
             ServiceCluster cluster = new ServiceCluster("c0")) {
            ServiceGitServer.Repo tiny = git.create("tiny", Map.of("app/config.yaml", ServiceManifests.settings("tiny")));
            Path config = Files.createDirectories(workDir.resolve("config"));
            Files.writeString(config.resolve("cluster.kubeconfig"), cluster.kubeconfig());
            List<String> documents = new ArrayList<>();
            documents.add(ServiceManifests.cluster(cluster.name(), "cluster.kubeconfig"));
            documents.add(ServiceManifests.openProject("list"));
            for (int i = 0; i < options.apps(); i++) {
                documents.add(ServiceManifests.listedApplication(i, TEAMS, tiny.url(), cluster.name()));
            }
            Files.writeString(config.resolve("apps.yaml"), ServiceManifests.documents(documents));
            Path policy = Files.writeString(workDir.resolve("policy.csv"), VIEWER_POLICY);
            ServeSettings settings = ServeSettings.defaults(workDir.resolve("data")).withHost("127.0.0.1").withPort(0)
                    .withSandbox(false).withConfig(new ConfigSource.Directory(config))
                    .withLocalRepositoriesAllowed(true).withAuth(new AuthSettings(policy, null, null));
            try (DriftlessServer server = DriftlessServer.start(settings)) {
                ServiceApi api = new ServiceApi(server);
                int unknown = settle(api, options);
                Samples firstPage = Samples.measure(API_WARM_UPS, options.samples(),
                        () -> api.applications("limit=" + PAGE_SIZE));
                Samples search = Samples.measure(API_WARM_UPS, options.samples(),
                        () -> api.applications("limit=" + PAGE_SIZE + "&q=t042"));
                server.access().accounts().createUser(VIEWER, VIEWER_PASSWORD);
                Samples signIns = Samples.measure(1, options.samples(),
                        () -> new ServiceApi(server, VIEWER, VIEWER_PASSWORD));
                ServiceApi viewer = new ServiceApi(server, VIEWER, VIEWER_PASSWORD);
                int visible = viewer.count("");
                Samples filtered = Samples.measure(API_WARM_UPS, options.samples(),
                        () -> viewer.applications("limit=" + PAGE_SIZE));
                List<Load> loads = browse(server, ServiceApi.adminPassword(server), options);
                print(options, unknown, new ApiSamples(firstPage, search, visible, filtered, signIns), loads);
                return loads.size() == options.loads() + BROWSER_WARM_UPS;
            }
        }
    }

    /** Waits until every application has been compared once, or the time is up; returns how many were not. */
    private static int settle(ServiceApi api, Options options) throws Exception {
        long deadline = System.nanoTime() + options.settle().toNanos();
        int unknown = api.count("sync=Unknown");
        while (unknown > 0 && System.nanoTime() < deadline) {
            progress("%d of %d applications not compared yet", unknown, options.apps());
            Thread.sleep(5_000);
            unknown = api.count("sync=Unknown");
        }
        return unknown;
    }

    private static List<Load> browse(DriftlessServer server, String adminPassword, Options options) {
        ChromeOptions chrome = new ChromeOptions();
        chrome.setBinary(BROWSER.toFile());
        chrome.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900");
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build(), chrome);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
            String url = server.url().toString();
            driver.get(url);
            wait.until(browser -> !browser.findElements(By.cssSelector("[data-testid=login-password]")).isEmpty());
            driver.findElement(By.cssSelector("[data-testid=login-username]")).sendKeys("admin");
            driver.findElement(By.cssSelector("[data-testid=login-password]")).sendKeys(adminPassword);
            driver.findElement(By.cssSelector("[data-testid=login-submit]")).click();
            List<Load> loads = new ArrayList<>();
            for (int i = 0; i < BROWSER_WARM_UPS + options.loads(); i++) {
                driver.get("about:blank");
                driver.get(url + "#/applications");
                wait.until(browser -> Boolean.TRUE.equals(driver.executeScript(
                        "return performance.getEntriesByName('driftless:list-interactive').length > 0")));
                int rows = driver.findElements(By.cssSelector("[data-testid=app-row]")).size();
                if (rows != Math.min(PAGE_SIZE, options.apps())) {
                    progress("load %d showed %d rows instead of %d", i, rows, Math.min(PAGE_SIZE, options.apps()));
                    return loads;
                }
                @SuppressWarnings("unchecked")
                Map<String, Number> timing = (Map<String, Number>) driver.executeScript("""
                        const navigation = performance.getEntriesByType('navigation')[0];
                        const mark = (name) => performance.getEntriesByName(name)[0].startTime;
                        const list = performance.getEntriesByType('resource')
                            .find((entry) => entry.name.includes('/api/applications?'));
                        return {firstByte: navigation.responseStart, domContentLoaded: navigation.domContentLoadedEventEnd,
                            listApi: list.responseEnd - list.startTime,
                            rendered: mark('driftless:list-rendered'), interactive: mark('driftless:list-interactive')};
                        """);
                Load load = new Load(timing.get("firstByte").doubleValue(), timing.get("domContentLoaded").doubleValue(),
                        timing.get("listApi").doubleValue(), timing.get("rendered").doubleValue(),
                        timing.get("interactive").doubleValue());
                progress("load %d: %s", i, load);
                loads.add(load);
            }
            return loads;
        } finally {
            driver.quit();
        }
    }

    /**
     * The list API's figures: as admin, with a search, and as a user whose RBAC policy shows {@code visible}; and
     * signing in with a password (an Argon2id check).
     */
    private record ApiSamples(Samples firstPage, Samples search, int visible, Samples filtered, Samples signIns) {
    }

    private static void print(Options options, int unknown, ApiSamples api, List<Load> all) {
        List<Load> timed = all.subList(Math.min(BROWSER_WARM_UPS, all.size()), all.size());
        System.out.printf("%nDriftless dashboard: %d applications, list API %d samples, %d page loads (after %d warm-up)%n%n",
                options.apps(), options.samples(), timed.size(), BROWSER_WARM_UPS);
        String format = "%-68s %12s%n";
        System.out.printf(format, "metric", "ms");
        System.out.printf(format, "applications not compared yet when measured", unknown);
        System.out.printf(format, "server: GET /api/applications?limit=50, median / p99",
                "%.1f / %.1f".formatted(api.firstPage().medianMillis(), api.firstPage().percentileMillis(0.99)));
        System.out.printf(format, "server: GET /api/applications?limit=50&q=t042, median / p99",
                "%.1f / %.1f".formatted(api.search().medianMillis(), api.search().percentileMillis(0.99)));
        System.out.printf(format, "server: the same as a user RBAC lets see %d of them, median / p99".formatted(api.visible()),
                "%.1f / %.1f".formatted(api.filtered().medianMillis(), api.filtered().percentileMillis(0.99)));
        System.out.printf(format, "server: POST /api/session with a password (Argon2id), median / p99",
                "%.1f / %.1f".formatted(api.signIns().medianMillis(), api.signIns().percentileMillis(0.99)));
        if (!all.isEmpty()) {
            System.out.printf(format, "browser, first load: rendered / interactive",
                    "%.0f / %.0f".formatted(all.getFirst().rendered(), all.getFirst().interactive()));
        }
        if (!timed.isEmpty()) {
            System.out.printf(format, "browser: first byte of index.html, median", "%.1f".formatted(median(timed, Load::firstByte)));
            System.out.printf(format, "browser: DOMContentLoaded, median", "%.1f".formatted(median(timed, Load::domContentLoaded)));
            System.out.printf(format, "browser: list API request as the page saw it, median", "%.1f".formatted(median(timed, Load::listApi)));
            System.out.printf(format, "browser: first rows painted (driftless:list-rendered), median",
                    "%.1f".formatted(median(timed, Load::rendered)));
            System.out.printf(format, "browser: interactive (driftless:list-interactive), median",
                    "%.1f".formatted(median(timed, Load::interactive)));
        }
    }

    private static double median(List<Load> loads, java.util.function.ToDoubleFunction<Load> metric) {
        double[] values = loads.stream().mapToDouble(metric).sorted().toArray();
        return values[(values.length - 1) / 2];
    }

    private static void progress(String format, Object... arguments) {
        System.err.printf("bench: " + format + "%n", arguments);
    }
}
