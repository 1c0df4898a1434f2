package com.astradesk.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.http.AstraDeskServer;
import com.astradesk.server.wiring.ServerWiring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's headless Chromium through /usr/bin/chromedriver) against the real
 * server wiring with production-like approvals ({@code restart_service} needs one): a knowledge admin uploads a
 * document, a requester runs both agents and sees steps and a citation, asks for a restart that waits for
 * approval, a second user approves it in a second browser, the requester's page shows the step done, and an
 * auditor sees the audit rows with a verified chain. Markup in a ticket title and in a document is shown as text
 * and never runs. Screenshots of every stage land in {@code target/console-screenshots/}.
 */
class ConsoleBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private static final String XSS =
            "<script>window.__xss='script'</script><img src=x onerror=\"window.__xss='img'\">";

    private static AstraDeskServer server;
    private static String base;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("Debian chromium and chromium-driver must be installed: run scripts/ensure-services.sh")
                .isTrue();
        Files.createDirectories(SHOTS);
        Path kb = Files.createDirectories(tmp.resolve("kb"));
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("BIND_ADDRESS", "127.0.0.1");
        env.put("ASTRADESK_HOME", tmp.toString());
        env.put("KNOWLEDGE_DIR", kb.toString());
        env.put("EMBEDDING_MODEL", "hashing");
        env.put("WEATHER_URL", "none");
        env.put("APPROVAL_REQUIRED_TOOLS", "restart_service");
        server = ServerWiring.wire(AstraDeskConfig.fromEnv(env)).start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static ChromeDriver browser(String name) throws IOException {
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

    private static WebElement await(WebDriver d, String css) {
        return new WebDriverWait(d, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private static void awaitText(WebDriver d, String css, String text) {
        new WebDriverWait(d, Duration.ofSeconds(30))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    private static void shot(WebDriver d, String name) {
        try {
            Files.write(SHOTS.resolve(name + ".png"), ((ChromeDriver) d).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void signIn(WebDriver d, String sub, String roles) {
        signIn(d, sub, roles, "");
    }

    private static void signIn(WebDriver d, String sub, String roles, String groups) {
        d.get(base + "/console");
        WebElement subject = await(d, "#signin-sub");
        subject.sendKeys(sub);
        d.findElement(By.id("signin-roles")).sendKeys(roles);
        d.findElement(By.id("signin-groups")).sendKeys(groups);
        // submitted from the keyboard
        subject.sendKeys(Keys.ENTER);
        awaitText(d, "#session-who", sub);
    }

    private static void signOut(WebDriver d) {
        d.findElement(By.id("sign-out")).click();
        await(d, "#signin-sub");
    }

    private static void open(WebDriver d, String section) {
        d.findElement(By.id("nav-" + section)).click();
        await(d, "main h2");
    }

    private static void run(WebDriver d, String agent, String input) {
        new Select(d.findElement(By.id("run-agent"))).selectByValue(agent);
        WebElement box = d.findElement(By.id("run-input"));
        box.clear();
        box.sendKeys(input);
        d.findElement(By.id("run-submit")).click();
    }

    private static Object js(WebDriver d, String script) {
        return ((JavascriptExecutor) d).executeScript(script);
    }

    /** Nothing injected ran, no alert is open, every control has a label, and the CSP refused nothing. */
    private static void assertSafe(WebDriver d) {
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
        List<String> refused = new ArrayList<>();
        for (LogEntry e : d.manage().logs().get(LogType.BROWSER)) {
            if (e.getMessage().contains("Content Security Policy")
                    || e.getMessage().contains("Refused to")) {
                refused.add(e.getMessage());
            }
        }
        assertThat(refused).as("CSP violations").isEmpty();
    }

    @Test
    void should_run_agents_decide_an_approval_and_show_the_audit_trail_in_a_real_browser() throws Exception {
        ChromeDriver requester = browser("requester");
        ChromeDriver second = browser("approver");
        try {
            // a knowledge admin uploads a runbook that carries markup
            signIn(second, "kim", "kb.admin");
            open(second, "knowledge");
            second.findElement(By.id("kb-source")).sendKeys("runbooks/vpn-reset.md");
            second.findElement(By.id("kb-content"))
                    .sendKeys("# VPN password reset\n\nTo reset the VPN password open the self-service portal,"
                            + " choose VPN and confirm with MFA. " + XSS + "\n");
            second.findElement(By.id("kb-acl")).sendKeys("staff");
            second.findElement(By.id("kb-submit")).click();
            awaitText(second, "#kb-result", "runbooks/vpn-reset.md");
            assertSafe(second);
            signOut(second);

            // the requester runs the support agent: a knowledge answer with a citation of the cited text
            signIn(requester, "sam", "sre, it.support", "staff");
            run(requester, "support", "How do I reset the VPN password?");
            awaitText(requester, "#run-state", "Completed");
            WebElement citation = await(requester, "#run-citations a.citation");
            assertThat(citation.getText()).contains("runbooks/vpn-reset.md");
            citation.click();
            String cited = requester
                    .findElement(By.cssSelector("figure.source-text:target blockquote"))
                    .getText();
            assertThat(cited).contains("self-service portal").contains("<script>");
            shot(requester, "01-support-answer-with-citation");
            assertSafe(requester);

            // a ticket whose title carries markup: shown as text in the step's arguments and result
            run(requester, "support", "Create a ticket: " + XSS + " printer on floor 3 is jammed");
            await(requester, "li.step[data-tool='create_ticket'][data-status='ok']");
            assertThat(requester.findElement(By.id("run-steps")).getText()).contains("<script>window.__xss");
            assertThat(requester.findElements(By.cssSelector("#run-output img")))
                    .isEmpty();
            assertSafe(requester);

            // the ops agent: a step with its tool result
            run(requester, "ops", "show metrics for webapp");
            await(requester, "li.step[data-tool='get_metrics'][data-status='ok'] details.result");
            shot(requester, "02-ops-metrics-step");

            // a restart needs approval: the step waits
            run(requester, "ops", "restart webapp");
            await(requester, "li.step[data-tool='restart_service'][data-status='pending_approval']");
            awaitText(requester, "#run-state", "Waiting for approval");
            shot(requester, "03-restart-pending-approval");

            // a second user approves it in another browser
            signIn(second, "ann", "approver");
            open(second, "approvals");
            WebElement card = await(second, "article.approval");
            assertThat(card.findElement(By.cssSelector(".requester")).getText()).isEqualTo("sam");
            assertThat(card.getText()).contains("restart_service").contains("webapp");
            card.findElement(By.cssSelector("input[name='reason']")).sendKeys("change window open");
            shot(second, "04-approvals-inbox");
            card.findElement(By.cssSelector("button.approve")).click();
            await(second, "article.approval .outcome[data-decided='approve']");
            assertSafe(second);

            // the requester's page shows the step done
            await(requester, ".approval-outcome[data-approval-status='approved'][data-executed='true']");
            assertThat(requester
                            .findElement(By.cssSelector(".approval-outcome"))
                            .getText())
                    .contains("ann")
                    .contains("change window open");
            shot(requester, "05-requester-sees-approval");

            // an auditor sees the rows, with the chain verified
            signOut(second);
            signIn(second, "audrey", "auditor");
            open(second, "audit");
            await(second, "table.audit");
            awaitText(second, "#audit-results", "verified");
            List<String> actions = second.findElements(By.cssSelector("table.audit tbody tr")).stream()
                    .map(r -> r.getAttribute("data-action"))
                    .toList();
            assertThat(actions).contains("restart_service", "approval.approved", "agents.run", "documents.ingest");
            assertThat(second.findElements(By.cssSelector("table.audit tbody tr[data-chain='verified']")))
                    .hasSize(actions.size());
            shot(second, "06-audit-trail");
            assertSafe(second);

            // Polish, and readable on a narrow screen
            new Select(second.findElement(By.id("lang"))).selectByValue("pl");
            awaitText(second, "#nav-audit", "Dziennik audytu");
            second.manage().window().setSize(new Dimension(390, 900));
            shot(second, "07-audit-narrow-polish");
            assertThat(js(second, "return document.documentElement.scrollWidth <= window.innerWidth + 1"))
                    .as("no horizontal scrolling on a narrow screen")
                    .isEqualTo(true);

            // the API docs render from the jar under the same policy
            second.manage().window().setSize(new Dimension(1280, 1000));
            second.get(base + "/docs");
            awaitText(second, ".swagger-ui .info", "AstraDesk");
            shot(second, "08-api-docs");
            assertSafe(second);
        } catch (RuntimeException | AssertionError e) {
            shot(requester, "failure-requester");
            shot(second, "failure-second");
            throw e;
        } finally {
            requester.quit();
            second.quit();
        }
    }
}
