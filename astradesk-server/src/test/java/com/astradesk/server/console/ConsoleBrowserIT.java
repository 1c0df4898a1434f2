package com.astradesk.server.console;

import static com.astradesk.server.console.ConsoleBrowsers.assertNothingStored;
import static com.astradesk.server.console.ConsoleBrowsers.assertSafe;
import static com.astradesk.server.console.ConsoleBrowsers.await;
import static com.astradesk.server.console.ConsoleBrowsers.awaitText;
import static com.astradesk.server.console.ConsoleBrowsers.js;
import static com.astradesk.server.console.ConsoleBrowsers.requireChromium;
import static com.astradesk.server.console.ConsoleBrowsers.shot;
import static com.astradesk.server.console.ConsoleBrowsers.tabTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.http.AstraDeskServer;
import com.astradesk.server.wiring.ServerWiring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real browser (Debian's headless Chromium through /usr/bin/chromedriver) against the real
 * server wiring with production-like approvals ({@code restart_service} needs one): a knowledge admin uploads a
 * document, a requester runs both agents and sees steps and a citation, asks for a restart that waits for
 * approval, a second user approves it in a second browser, the requester's page shows the step done, and an
 * auditor sees the audit rows with a verified chain. Markup in a ticket title and in a document is shown as text
 * and never runs. Screenshots of every stage land in {@code target/console-screenshots/}.
 */
class ConsoleBrowserIT {
    private static final String XSS =
            "<script>window.__xss='script'</script><img src=x onerror=\"window.__xss='img'\">";

    private static AstraDeskServer server;
    private static String base;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        requireChromium();
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

    /** Signs in with the keyboard only: Tab to each field of the form, type, Tab on, Enter on the button. */
    private static void signInWithKeyboard(WebDriver d, String sub, String roles, String groups) {
        d.get(base + "/console");
        await(d, "#signin-sub");
        tabTo(d, "signin-sub", 6).sendKeys(sub);
        tabTo(d, "signin-roles", 1).sendKeys(roles);
        tabTo(d, "signin-groups", 1).sendKeys(groups);
        tabTo(d, "signin-submit", 1).sendKeys(Keys.ENTER);
        awaitText(d, "#session-who", sub);
    }

    /** Runs an agent with the keyboard only: Tab to the agent list, pick by typing, Tab to the text, then Run. */
    private static void runWithKeyboard(WebDriver d, String agent, String input) {
        d.findElement(By.cssSelector("main h2")).click();
        tabTo(d, "run-agent", 8).sendKeys(agent);
        assertThat(new Select(d.findElement(By.id("run-agent")))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .isEqualTo(agent);
        tabTo(d, "run-input", 1).sendKeys(input);
        tabTo(d, "run-submit", 1).sendKeys(Keys.ENTER);
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

    @Test
    void should_run_agents_decide_an_approval_and_show_the_audit_trail_in_a_real_browser() throws Exception {
        ChromeDriver requester = ConsoleBrowsers.open(tmp, "requester");
        ChromeDriver second = ConsoleBrowsers.open(tmp, "approver");
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

            // the requester signs in and runs the support agent from the keyboard alone: a knowledge answer with
            // a citation of the cited text
            signInWithKeyboard(requester, "sam", "sre, it.support", "staff");
            assertNothingStored(requester);
            runWithKeyboard(requester, "support", "How do I reset the VPN password?");
            awaitText(requester, "#run-state", "Completed");
            WebElement citation = await(requester, "#run-citations a.citation");
            assertThat(citation.getText()).contains("runbooks/vpn-reset.md");
            citation.click();
            String cited = requester
                    .findElement(By.cssSelector("figure.source-text:target blockquote"))
                    .getText();
            assertThat(cited).contains("self-service portal").contains("<script>");
            String vpnConversation = await(requester, "#conversation-state[data-conversation-id]")
                    .getAttribute("data-conversation-id");
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

            // the requester's page shows the outcome: the header no longer waits, the step is done
            await(requester, ".approval-outcome[data-approval-status='approved'][data-executed='true']");
            assertThat(requester
                            .findElement(By.cssSelector(".approval-outcome"))
                            .getText())
                    .contains("ann")
                    .contains("change window open");
            await(requester, "#run-state[data-state='approved']");
            assertThat(requester.findElement(By.id("run-state")).getText())
                    .contains("Approved by ann")
                    .doesNotContain("Waiting for approval");
            await(requester, "li.step[data-tool='restart_service'][data-status='ok']");
            // and what the step returned, kept with the approval when it ran
            WebElement ran = await(requester, "li.step[data-tool='restart_service'][data-status='ok'] details.result");
            assertThat(ran.getText()).contains("\"service\": \"webapp\"").contains("\"requested_by\": \"sam\"");
            assertThat(requester
                            .findElement(By.cssSelector(".approval-outcome .approval-result"))
                            .getText())
                    .contains("result:")
                    .contains("webapp");
            shot(requester, "05-requester-sees-approval");

            // in a new conversation, a second restart is rejected: the requester sees who and why
            requester.findElement(By.id("conversation-new")).click();
            run(requester, "ops", "restart payments-api");
            await(requester, "li.step[data-tool='restart_service'][data-status='pending_approval']");
            String restartConversation = await(requester, "#conversation-state[data-conversation-id]")
                    .getAttribute("data-conversation-id");
            assertThat(restartConversation).isNotEqualTo(vpnConversation);
            open(second, "approvals");
            WebElement second_card = await(second, "article.approval");
            assertThat(second_card.getText()).contains("payments-api");
            second_card.findElement(By.cssSelector("input[name='reason']")).sendKeys("not in the change window");
            second_card.findElement(By.cssSelector("button.reject")).click();
            await(second, "article.approval .outcome[data-decided='reject']");
            await(requester, "#run-state[data-state='rejected']");
            assertThat(requester.findElement(By.id("run-state")).getText())
                    .contains("Rejected by ann")
                    .contains("not in the change window");
            await(requester, "li.step[data-tool='restart_service'][data-status='rejected']");
            shot(requester, "06-requester-sees-rejection");

            // the conversations are listed, newest first; resuming the first shows its history (markup as text)
            // and the next run continues it
            await(requester, "#conversation-list li[data-conversation-id='" + restartConversation + "']");
            List<String> listed = requester.findElements(By.cssSelector("#conversation-list li")).stream()
                    .map(li -> li.getAttribute("data-conversation-id"))
                    .toList();
            assertThat(listed).containsSubsequence(restartConversation, vpnConversation);
            WebElement resume = requester.findElement(By.cssSelector(
                    "#conversation-list li[data-conversation-id='" + vpnConversation + "'] button.resume"));
            assertThat(resume.getAccessibleName()).contains("How do I reset the VPN password?");
            resume.click();
            await(requester, "#conversation-state[data-conversation-id='" + vpnConversation + "']");
            List<WebElement> history = requester.findElements(By.cssSelector("#conversation-history li.turn"));
            assertThat(history).hasSize(4);
            assertThat(history.get(0).getText()).contains("How do I reset the VPN password?");
            assertThat(history.get(1).getText()).contains("<script>window.__xss");
            assertThat(requester.switchTo().activeElement().getAttribute("id")).isEqualTo("run-input");
            requester.switchTo().activeElement().sendKeys("show metrics for webapp for the last 6h");
            tabTo(requester, "run-submit", 1).sendKeys(Keys.ENTER);
            await(requester, "li.step[data-tool='get_metrics'][data-status='ok']");
            await(requester, "#conversation-list li:first-child[data-conversation-id='" + vpnConversation + "']");
            assertThat(requester
                            .findElement(By.cssSelector("#conversation-list li:first-child"))
                            .getText())
                    .contains("5 turns");
            assertThat(requester.findElement(By.id("conversation-state")).getAttribute("data-conversation-id"))
                    .isEqualTo(vpnConversation);
            shot(requester, "07-resumed-conversation");
            assertSafe(requester);
            assertNothingStored(requester);

            // the run page on a phone-sized screen: no horizontal scrolling
            requester.manage().window().setSize(new Dimension(375, 812));
            shot(requester, "08-run-narrow-375");
            assertThat(js(requester, "return document.documentElement.scrollWidth <= window.innerWidth + 1"))
                    .as("no horizontal scrolling on the run page at 375 px")
                    .isEqualTo(true);

            // an auditor sees the rows, with the chain verified
            signOut(second);
            signIn(second, "audrey", "auditor");
            open(second, "audit");
            await(second, "table.audit");
            awaitText(second, "#audit-results", "verified");
            List<String> actions = second.findElements(By.cssSelector("table.audit tbody tr")).stream()
                    .map(r -> r.getAttribute("data-action"))
                    .toList();
            assertThat(actions)
                    .contains(
                            "restart_service",
                            "approval.approved",
                            "approval.rejected",
                            "agents.run",
                            "documents.ingest");
            assertThat(second.findElements(By.cssSelector("table.audit tbody tr[data-chain='verified']")))
                    .hasSize(actions.size());
            shot(second, "09-audit-trail");
            assertSafe(second);

            // Polish, and readable on a narrow screen
            new Select(second.findElement(By.id("lang"))).selectByValue("pl");
            awaitText(second, "#nav-audit", "Dziennik audytu");
            second.manage().window().setSize(new Dimension(375, 812));
            shot(second, "10-audit-narrow-polish");
            assertThat(js(second, "return document.documentElement.scrollWidth <= window.innerWidth + 1"))
                    .as("no horizontal scrolling on a narrow screen")
                    .isEqualTo(true);

            // the API docs render from the jar under the same policy
            second.manage().window().setSize(new Dimension(1280, 1000));
            second.get(base + "/docs");
            awaitText(second, ".swagger-ui .info", "AstraDesk");
            shot(second, "11-api-docs");
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
