package io.ppcanomaly.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.store.AlertStatus;
import io.ppcanomaly.store.StoredAlert;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's Chromium driven headless by Selenium through Debian's chromedriver
 * (installed by {@code .ci/run}; nothing is downloaded), against the H2 test server. A person signs in with a key,
 * finds the reporting-outage alert in the open list, opens it, sees its chart drawn, acknowledges it with the
 * keyboard, and sees it leave the open list - and the store agrees. Screenshots go to {@code target/}; the browser
 * log must hold no error on any page.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static ChromeDriver driver;
    private static Path profileDir;
    private static final List<String> CONSOLE_ERRORS = new ArrayList<>();

    @BeforeAll
    static void startBrowser() throws IOException {
        assertThat(CHROMIUM).as("Chromium is needed: apt-get install -y chromium chromium-driver").exists();
        assertThat(CHROMEDRIVER).as("chromedriver is needed: apt-get install -y chromium chromium-driver").exists();
        profileDir = Files.createTempDirectory("ppca-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-default-apps", "--disable-extensions", "--window-size=1366,900",
                "--user-data-dir=" + profileDir);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void aPersonFindsTheOutageAlertSeesItsChartAcknowledgesItAndItLeavesTheOpenList() throws IOException {
        TestServers.TestServer s = TestServers.get(TestServers.Db.H2);
        String base = s.url();
        driver.get(base + "/");
        assertThat(driver.getCurrentUrl()).as("signed out: the login page").endsWith("/login");
        driver.findElement(By.id("api-key")).sendKeys(s.writeA);
        driver.findElement(By.id("api-key")).sendKeys(Keys.ENTER);
        wait(10).until(d -> d.findElements(By.id("alert-table")).size() == 1);
        checkConsole("feed");
        assertThat(noHorizontalScroll()).as("fits a laptop screen").isTrue();
        screenshot("dashboard-feed.png");

        WebElement row = findOutageRow(base);
        String id = row.getAttribute("data-id");
        row.findElement(By.cssSelector("a.entity")).click();
        wait(10).until(d -> d.getCurrentUrl().contains("/alerts/" + id));
        wait(20).until(d -> "true".equals(d.findElement(By.id("series-chart")).getAttribute("data-drawn")));
        assertThat(driver.findElements(By.cssSelector("#series-chart canvas"))).isNotEmpty();
        wait(10).until(d -> "true".equals(d.findElement(By.id("explanation-chart")).getAttribute("data-drawn")));
        wait(10).until(d -> d.findElements(By.cssSelector("#root-path li")).size() >= 5);
        assertThat(driver.findElement(By.id("root-path")).getText()).contains("portfolio")
                .containsPattern("profile .*root cause \\(reporting outage\\)");
        assertThat(driver.findElement(By.id("alert-status")).getText()).isEqualTo("open");
        WebElement incident = driver.findElement(By.id("incident"));
        assertThat(incident.getText()).as("the outage alert's incident").contains("reporting outage")
                .contains("Profile");
        assertThat(incident.findElements(By.cssSelector("a.entity"))).as("the incident's other alerts, linked")
                .isNotEmpty();
        checkConsole("alert page");
        screenshot("dashboard-alert.png");

        WebElement ack = driver.findElement(By.cssSelector("#alert-summary button[data-action='acknowledge']"));
        ack.sendKeys(Keys.ENTER);
        wait(15).until(d -> d.findElement(By.id("alert-status")).getText().equals("acknowledged"));
        checkConsole("alert page after acknowledging");

        List<String> openIds = openListIds(base);
        assertThat(openIds).as("the acknowledged alert left the open list").isNotEmpty().doesNotContain(id);
        StoredAlert stored = s.store.get(TestSamples.A.profile(), Long.parseLong(id)).orElseThrow();
        assertThat(stored.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(stored.acknowledgedBy()).isEqualTo("writer A");

        driver.get(base + "/statistics");
        wait(20).until(d -> "true".equals(d.findElement(By.id("daily-chart")).getAttribute("data-drawn")));
        wait(10).until(d -> "true".equals(d.findElement(By.id("status-chart")).getAttribute("data-drawn")));
        assertThat(driver.findElement(By.id("stats-summary")).getText()).contains("acknowledged");
        checkConsole("statistics");
        screenshot("dashboard-statistics.png");

        driver.get(base + "/docs");
        wait(30).until(d -> !d.findElements(By.cssSelector("#swagger-ui .info .title")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("#swagger-ui .info .title")).getText())
                .contains("PPC Anomaly API");
        checkConsole("API docs");

        assertThat(CONSOLE_ERRORS).as("browser console errors").isEmpty();
    }

    /** Walks the open list page by page, as a person would, to the first reporting-outage alert. */
    private static WebElement findOutageRow(String base) {
        for (int pages = 0; pages < 40; pages++) {
            List<WebElement> rows = driver.findElements(By.cssSelector("#alert-table tr[data-root-kind='reporting outage']"));
            if (!rows.isEmpty()) {
                return rows.get(0);
            }
            List<WebElement> next = driver.findElements(By.cssSelector("a[rel='next']"));
            assertThat(next).as("a reporting-outage alert in the open list").isNotEmpty();
            next.get(0).sendKeys(Keys.ENTER);
            wait(10).until(d -> d.findElements(By.id("alert-table")).size() == 1);
        }
        throw new AssertionError("no reporting-outage alert in 40 pages");
    }

    private static List<String> openListIds(String base) {
        List<String> ids = new ArrayList<>();
        driver.get(base + "/?status=open");
        for (int pages = 0; pages < 40; pages++) {
            for (WebElement r : driver.findElements(By.cssSelector("#alert-table tbody tr"))) {
                ids.add(r.getAttribute("data-id"));
            }
            List<WebElement> next = driver.findElements(By.cssSelector("a[rel='next']"));
            if (next.isEmpty()) {
                break;
            }
            driver.get(next.get(0).getAttribute("href"));
        }
        checkConsole("open list");
        return ids;
    }

    private static boolean noHorizontalScroll() {
        Object r = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth;");
        return Boolean.TRUE.equals(r);
    }

    private static WebDriverWait wait(int seconds) {
        WebDriverWait w = new WebDriverWait(driver, Duration.ofSeconds(seconds));
        w.ignoring(StaleElementReferenceException.class);
        return w;
    }

    private static void checkConsole(String where) {
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                CONSOLE_ERRORS.add(where + ": " + e.getMessage());
            }
        }
    }

    private static void screenshot(String name) throws IOException {
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(f.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

}
