package com.astradesk.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the console's browser tests (Debian's {@code chromium} through {@code /usr/bin/chromedriver})
 * and the checks they share: waiting, screenshots under {@code target/console-screenshots/}, keyboard navigation,
 * nothing injected ran, every control named, no CSP violation, no token stored.
 */
final class ConsoleBrowsers {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "console-screenshots");

    private ConsoleBrowsers() {}

    /** Fails loudly when the browser is missing (never skips). */
    static void requireChromium() throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("Debian chromium and chromium-driver must be installed: run scripts/ensure-services.sh")
                .isTrue();
        Files.createDirectories(SHOTS);
    }

    /** A fresh headless browser with its own profile under {@code tmp}, 1280x1000, browser logs kept. */
    static ChromeDriver open(Path tmp, String name) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,1000",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium-" + name));
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(SHOTS.resolve("chromedriver-" + name + ".log").toFile())
                .build();
        return new ChromeDriver(service, options);
    }

    static WebElement await(WebDriver d, String css) {
        return new WebDriverWait(d, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    static void awaitText(WebDriver d, String css, String text) {
        new WebDriverWait(d, Duration.ofSeconds(30))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    static void shot(WebDriver d, String name) {
        try {
            Files.write(SHOTS.resolve(name + ".png"), ((ChromeDriver) d).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Object js(WebDriver d, String script) {
        return ((JavascriptExecutor) d).executeScript(script);
    }

    /** Presses Tab until {@code id} has the focus (at most {@code max} presses); fails naming where focus went. */
    static WebElement tabTo(WebDriver d, String id, int max) {
        List<String> path = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            new Actions(d).sendKeys(Keys.TAB).perform();
            WebElement active = d.switchTo().activeElement();
            String at = active.getAttribute("id");
            path.add(at == null || at.isEmpty() ? active.getTagName() : at);
            if (id.equals(at)) {
                return active;
            }
        }
        throw new AssertionError("Tab never reached #" + id + "; focus went " + path);
    }

    /** The bearer token lives in the page's memory only: no storage, no cookie holds anything. */
    static void assertNothingStored(WebDriver d) {
        assertThat(js(d, "return [localStorage.length, sessionStorage.length, document.cookie]"))
                .as("localStorage, sessionStorage and cookies")
                .isEqualTo(List.of(0L, 0L, ""));
        assertThat(d.manage().getCookies()).isEmpty();
    }

    /**
     * Nothing injected ran, no alert is open, every form field has a label and every console control (buttons too)
     * an accessible name in the browser's accessibility tree, and the CSP refused nothing.
     */
    static void assertSafe(WebDriver d) {
        assertThat(js(d, "return window.__xss === undefined"))
                .as("injected markup ran")
                .isEqualTo(true);
        try {
            d.switchTo().alert();
            throw new AssertionError("an alert is open");
        } catch (NoAlertPresentException expected) {
            // no alert
        }
        assertThat(js(
                        d,
                        "return [...document.querySelectorAll('input,select,textarea')]"
                                + ".filter(e => !e.labels || e.labels.length === 0).map(e => e.id)"))
                .as("controls without a label")
                .isEqualTo(List.of());
        List<String> unnamed = new ArrayList<>();
        // the console's own controls (the vendored Swagger UI at /docs is not ours to fix)
        for (WebElement e :
                d.findElements(By.cssSelector("#header input, #header select, #header textarea, #header button,"
                        + " #main input, #main select, #main textarea, #main button"))) {
            String name = e.getAccessibleName();
            if (name == null || name.isBlank()) {
                unnamed.add(e.getTagName() + "#" + e.getAttribute("id") + "." + e.getAttribute("class"));
            }
        }
        assertThat(unnamed).as("controls without an accessible name").isEmpty();
        List<String> refused = new ArrayList<>();
        for (LogEntry e : d.manage().logs().get(LogType.BROWSER)) {
            if (e.getMessage().contains("Content Security Policy")
                    || e.getMessage().contains("Refused to")) {
                refused.add(e.getMessage());
            }
        }
        assertThat(refused).as("CSP violations").isEmpty();
    }
}
