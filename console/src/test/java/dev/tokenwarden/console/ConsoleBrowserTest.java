package dev.tokenwarden.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.events.Service;
import dev.tokenwarden.events.Severity;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}): sign in, read the
 * overview, follow a credential, filter findings, and watch a new incident arrive without reloading. Each page's
 * screenshot is saved under {@code target/screenshots/} for a person to look at. Skipped with a message when
 * Chromium is missing, except under {@code CI=true}, where that fails.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ConsoleBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static WebDriver browser;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void startChromium() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "Chromium is not installed (apt-get install chromium chromium-driver); the browser tests need "
                + CHROMIUM + " and " + CHROMEDRIVER;
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as(missing).isTrue();
        }
        Assumptions.assumeTrue(present, missing);
        World.publishOnce();
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1360,1000",
                        "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void signInReadTheOverviewFollowACredentialFilterFindingsAndSeeANewIncidentLive() throws IOException {
        browser.get(url("/"));
        assertThat(browser.getCurrentUrl()).contains("/login");
        browser.findElement(By.id("key")).sendKeys(ConsolePagesTest.VIEWER_KEY);
        browser.findElement(By.id("sign-in")).click();

        waitFor(ExpectedConditions.textToBe(By.id("failing-count"), "1"));
        waitFor(ExpectedConditions.textToBe(By.id("total-credentials"), "3"));
        assertThat(text(By.cssSelector("#attention tr.failing"))).contains(World.FAILING, "failing");
        screenshot("overview");

        click(By.cssSelector("#attention a[href='/credentials/" + World.FAILING + "']"));
        waitFor(ExpectedConditions.textToBe(By.id("credential-id"), World.FAILING));
        assertThat(text(By.id("timeline"))).contains("rotation failed", "GitHub refused the uploaded value (401)");
        assertThat(text(By.id("credential-health"))).isEqualTo("failing");
        screenshot("credential");

        browser.get(url("/credentials/" + World.HEALTHY));
        waitFor(ExpectedConditions.textToBe(By.id("vault-version"), "7"));
        assertThat(text(By.id("ledger"))).contains("revoked", "current");
        screenshot("credential-with-ledger");

        browser.findElement(By.linkText("Findings")).click();
        waitFor(ExpectedConditions.textToBe(By.id("finding-total"), "(3 findings)"));
        new Select(browser.findElement(By.id("rule"))).selectByVisibleText("template-injection");
        browser.findElement(By.id("apply-filters")).click();
        waitFor(ExpectedConditions.textToBe(By.id("finding-total"), "(1 findings)"));
        assertThat(browser.getCurrentUrl()).contains("rule=template-injection");
        assertThat(text(By.id("findings"))).contains("template-injection", "acme/payments")
                .doesNotContain("acme/docs");
        assertThat(attribute(By.cssSelector("#findings a.rule-doc"), "href"))
                .endsWith("docs/rules.md#template-injection");
        browser.get(url("/findings"));
        waitFor(ExpectedConditions.textToBe(By.id("finding-total"), "(3 findings)"));
        screenshot("findings");

        browser.findElement(By.linkText("Incidents")).click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("open-incidents"), "Rotation of " + World.FAILING + " failed"));
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = 'yes'");
        String title = "Secret scanning found a token in acme/docs";
        try (TestEvents events = new TestEvents()) {
            World.incident(events, "credential-exposed/" + System.nanoTime(), "credential-exposed", Severity.CRITICAL, title,
                    Map.of("repository", "acme/docs"), Service.WORKFLOW_AUDITOR);
        }
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("open-incidents"), title));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument")).as("no reload").isEqualTo("yes");
        screenshot("incidents");

        browser.findElement(By.linkText("Operator actions")).click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("actions"), "upload-pat"));
        screenshot("actions");

        browser.findElement(By.linkText("Consumer lag")).click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("lag")));
        screenshot("lag");
    }

    private String url(String path) {
        return root.toString().replaceAll("/$", "") + path;
    }

    private static void waitFor(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(condition);
    }

    private static String text(By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(driver -> driver.findElement(locator).getText());
    }

    private static String attribute(By locator, String name) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(driver -> driver.findElement(locator).getDomAttribute(name));
    }

    /** The live part is replaced every refresh: find and click again if the element went stale in between. */
    private static void click(By locator) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(driver -> {
            driver.findElement(locator).click();
            return true;
        });
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
