package io.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium}, driven by Debian's
 * {@code chromedriver}) against the four services as packaged processes, the real local stack and two
 * applications writing through DNS: an operator signs in, sees a wrong plan refused field by field,
 * submits a flip from the page, watches the lag chart grow while the flip waits for approval, approves
 * it, and sees every step and the plan COMPLETED, DNS pointing at the target. Screenshots go to
 * {@code target/dashboard/}. Skipped (with the reason) where chromium or chromedriver is missing;
 * {@code .ci/run} installs both.
 */
class DashboardIT {
    private static final Path CHROMIUM = Path.of(System.getProperty("handoff.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("handoff.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "dashboard");
    private static final Duration PAGE = Duration.ofSeconds(20);

    private static LocalStack stack;
    private static HandoffServices services;
    private static FlipScenario scenario;
    private static URI planner;
    private static String operatorPassword;
    private static WebDriver browser;

    @BeforeAll
    static void startEverything() throws Exception {
        if (!browserInstalled()) {
            return;
        }
        stack = SharedLocalStack.get();
        Path repository = Path.of(System.getProperty("handoff.repository", "../.."));
        Path workDir = Files.createTempDirectory(Path.of("target"), "dashboard-services-");
        services = HandoffServices.start(repository, workDir, stack.coordinates());
        planner = services.get(HandoffService.PLANNER).uri();
        operatorPassword = operatorPassword(workDir.resolve("planner.properties"));
        scenario = new FlipScenario(stack, services.planner(), List.of("storefront", "billing"), 200);
        scenario.prepare();
        browser = chromium();
    }

    @AfterAll
    static void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (scenario != null) {
            scenario.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    void operatorRunsAFlipFromTheDashboardWatchingLagAndStepsUntilCompleted() throws Exception {
        assumeTrue(browserInstalled(), "DashboardIT skipped: it needs Debian's headless Chromium and its driver ("
                + CHROMIUM + ", " + CHROMEDRIVER + "); install them with: apt-get install -y chromium chromium-driver");
        try {
            browser.get(planner.resolve("/").toString());
            signIn("operator", operatorPassword);

            submit("name: broken\nsource: source\n");
            WebElement refusal = await("the refusal of a wrong plan").atMost(PAGE).pollInSameThread().ignoreException(StaleElementReferenceException.class)
                    .until(() -> find("#submit-answer"), answer -> answer.isDisplayed() && !answer.getText().isBlank());
            assertThat(refusal.getAttribute("class")).contains("problem");
            assertThat(refusal.getAttribute("data-status")).isEqualTo("400");
            assertThat(refusal.getText()).contains("Invalid plan").contains("target").contains("applications");

            submit(flipPlan());
            await("the submitted plan opens").atMost(PAGE).pollInSameThread().ignoreException(StaleElementReferenceException.class)
                    .until(() -> find("#plan-title").getText(), "dashboard-flip"::equals);
            assertThat(find("#submit-answer").getText()).contains("201").contains("submitted");
            String planId = browser.getCurrentUrl().replaceFirst(".*#plan=", "");
            assertThat(services.planner().get(planId).path("name").asText()).isEqualTo("dashboard-flip");

            await("the flip waits for its approval").atMost(Duration.ofSeconds(60)).pollInSameThread().ignoreException(StaleElementReferenceException.class)
                    .until(() -> !browser.findElements(By.cssSelector("#timeline tr[data-state='WAITING']")).isEmpty());
            int points = await("lag samples on the chart").atMost(Duration.ofSeconds(30)).pollInSameThread().ignoreException(StaleElementReferenceException.class)
                    .until(DashboardIT::lagPoints, count -> count > 0);
            String latest = find("#lag-latest").getText();
            await("the lag chart goes on growing").atMost(Duration.ofSeconds(30)).pollInSameThread().ignoreException(StaleElementReferenceException.class)
                    .until(() -> lagPoints() > points && !find("#lag-latest").getText().equals(latest));
            assertThat(find("#lag-latest").getText()).matches("(≥ )?\\d+ ms at .*");
            screenshot("dashboard-waiting-for-approval.png");

            click("#actions button[data-action='approve']");
            confirm();
            await("the approval's answer").atMost(PAGE).pollInSameThread().ignoreException(StaleElementReferenceException.class)
                    .until(() -> find("#answer").getText(), text -> text.startsWith("202"));

            await("the plan completes").atMost(Duration.ofMinutes(3)).pollInSameThread().ignoreException(StaleElementReferenceException.class)
                    .until(() -> find("#plan-status").getText(), "COMPLETED"::equals);
            await("the lag panel follows the replication that exists after the flip").atMost(PAGE).pollInSameThread()
                    .ignoreException(StaleElementReferenceException.class)
                    .until(() -> find("#lag-latest").getText(), text -> text.startsWith("replication ended:")
                            && text.contains("now source replicates from target (reverse replication"));
            await("the timeline shows every step done").atMost(PAGE).pollInSameThread().ignoreException(StaleElementReferenceException.class).until(() ->
                    browser.findElements(By.cssSelector("#timeline tbody tr")).stream()
                            .allMatch(row -> "SUCCEEDED".equals(row.getAttribute("data-state"))));
            // The page re-renders on every event it receives: each read is retried on a fresh element.
            await("the timeline names every step").atMost(PAGE).pollInSameThread().ignoreException(StaleElementReferenceException.class)
                    .untilAsserted(() -> {
                        assertThat(browser.findElements(By.cssSelector("#timeline tbody tr"))).extracting(row -> row.getAttribute("data-step"))
                                .contains("01-start-monitor-target", "05-kill-connections-source")
                                .anyMatch(step -> step.contains("switch-dns-storefront"))
                                .anyMatch(step -> step.contains("switch-dns-billing"));
                        assertThat(find("#timeline").getText()).contains(" ms").contains("position=");
                    });
            for (String application : List.of("storefront", "billing")) {
                await("the DNS switch of " + application).atMost(PAGE).pollInSameThread()
                        .ignoreException(StaleElementReferenceException.class).untilAsserted(() -> {
                            WebElement dns = find("#dns tbody tr[data-application='" + application + "']");
                            assertThat(dns.getAttribute("data-state")).isEqualTo("SUCCEEDED");
                            assertThat(dns.getText()).contains(stack.target().host()).contains("was " + stack.source().host());
                        });
            }
            await("the plan list follows").atMost(PAGE).pollInSameThread().ignoreException(StaleElementReferenceException.class).until(() ->
                    find("#plans tbody tr[data-plan='" + planId + "']").getAttribute("data-status"), "COMPLETED"::equals);
            assertThat(services.planner().get(planId).path("status").asText()).isEqualTo("COMPLETED");
            screenshot("dashboard-completed.png");
        } catch (AssertionError | RuntimeException e) {
            screenshot("dashboard-failure.png");
            throw e;
        }
    }

    private static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    private static void signIn(String user, String password) {
        await("the sign-in form").atMost(PAGE).pollInSameThread().ignoreException(StaleElementReferenceException.class).until(() -> find("#login-user").isDisplayed());
        find("#login-user").sendKeys(user);
        find("#login-password").sendKeys(password);
        click("#login-submit");
        await("the signed-in dashboard").atMost(PAGE).pollInSameThread().ignoreException(StaleElementReferenceException.class).until(() -> find("#app").isDisplayed());
        assertThat(find("#who").getText()).contains(user).contains("operator");
    }

    /** Pastes {@code plan} into the form and submits it, confirming. */
    private static void submit(String plan) {
        WebElement text = find("#plan-text");
        text.clear();
        text.sendKeys(plan);
        click("#plan-submit");
        confirm();
    }

    private static void confirm() {
        await("the confirmation").atMost(PAGE).pollInSameThread().ignoreException(StaleElementReferenceException.class).until(() -> find("#confirm").isDisplayed());
        assertThat(find("#confirm-text").getText()).isNotBlank();
        click("#confirm-yes");
    }

    /** The flip FlipIT runs, written as an operator pastes it, with a lag gate and an approval. */
    private static String flipPlan() {
        StringBuilder yaml = new StringBuilder("""
                name: dashboard-flip
                source: source
                target: target
                flip:
                  order: writable-first
                  readOnly: global
                  kill: kill
                  exemptUsers: [auth]
                  syncTimeout: 30s
                  maxTtlSeconds: 60
                gates: { maxLagMs: 500 }
                approvals: [flip]
                applications:
                """);
        for (String application : List.of("storefront", "billing")) {
            yaml.append("  - name: ").append(application).append("\n    records:\n      - { zone: ")
                    .append(FlipScenario.ZONE).append(", name: ").append(FlipScenario.databaseName(application))
                    .append(", type: A, ttl: 1, source: ").append(stack.source().host())
                    .append(", target: ").append(stack.target().host()).append(" }\n");
        }
        return yaml.toString();
    }

    private static int lagPoints() {
        return Integer.parseInt(find("#lag-chart").getAttribute("data-points"));
    }

    private static WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    private static void click(String css) {
        AtomicReference<WebElement> button = new AtomicReference<>();
        await("an enabled " + css).atMost(PAGE).pollInSameThread().ignoreException(StaleElementReferenceException.class).until(() -> {
            button.set(find(css));
            return button.get().isDisplayed() && button.get().isEnabled();
        });
        button.get().click();
    }

    private static void screenshot(String name) {
        if (!(browser instanceof TakesScreenshot camera)) {
            return;
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(camera.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("DashboardIT: no screenshot " + name + ": " + e);
        }
    }

    private static WebDriver chromium() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(SCREENSHOTS.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-extensions", "--window-size=1400,2400", "--user-data-dir="
                        + Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chromium-profile-"));
        return new ChromeDriver(driver, options);
    }

    /** The operator's password of this run, from the planner's private configuration file. */
    private static String operatorPassword(Path plannerProperties) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(plannerProperties)) {
            properties.load(reader);
        }
        String password = properties.getProperty("quarkus.security.users.embedded.users.operator");
        assertThat(password).as("the operator's password in " + plannerProperties).isNotBlank();
        return password;
    }
}
