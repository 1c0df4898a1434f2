package com.astradesk.examples;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.agent.AgentRequest;
import com.astradesk.core.agent.AgentResult;
import com.astradesk.core.agent.ReferenceAgents;
import com.astradesk.core.agent.StepResult;
import com.astradesk.core.audit.AuditChain;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.audit.InProcessAuditBus;
import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.knowledge.DocumentChunk;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.plan.keyword.Extraction;
import com.astradesk.core.plan.keyword.IntentRule;
import com.astradesk.core.plan.keyword.KeywordPlanner;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.core.spi.ToolProviders;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.tools.weather.WeatherBackend;
import com.astradesk.tools.weather.WeatherReport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Embeds the AstraDesk SDK in a plain {@code main}: no server, no database, no model. Builds a tool registry
 * with the built-in tools and two custom ones, an in-memory journal and knowledge base, a tiny rule planner, both reference agents and a
 * custom agent, then runs requests as two people with different roles.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:java
 * -Dexec.mainClass=com.astradesk.examples.EmbeddedSdkExample}
 */
public final class EmbeddedSdkExample {

    private static final Pattern ACCESS = Pattern.compile("request (vpn|jira|grafana) access for user (\\S+)");

    private EmbeddedSdkExample() {}

    /**
     * Runs the example and prints each answer.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        // 1. Tools: the built-in ones (found by ServiceLoader in astradesk-tools) with a canned weather
        //    backend handed over through the context, plus two tools written for this example.
        ToolProviderContext context = ToolProviderContext.builder()
                .withService(WeatherBackend.class, EmbeddedSdkExample::cannedWeather)
                .build();
        ToolRegistry tools = ToolRegistry.builder()
                .withTools(ToolProviders.discoveredTools(context))
                .withTool(ExampleTools.diskUsage())
                .withTool(ExampleTools.requestAccess())
                .build();

        // 2. Memory: dialogue + hash-chained audit log in memory, audit events on an in-process bus.
        AuditLog auditLog = AuditLog.inMemory();
        InProcessAuditBus bus = AuditPublisher.inProcess();
        AtomicInteger published = new AtomicInteger();
        bus.subscribe(event -> published.incrementAndGet());
        RunJournal journal = RunJournal.inMemory(DialogueStore.inMemory(), auditLog, bus);

        // 3. Knowledge: three short documents, one restricted to the "sre" group.
        Embedder embedder = Embedder.hashing(384);
        KnowledgeIndex knowledge = KnowledgeIndex.inMemory(embedder);
        index(
                knowledge,
                embedder,
                "kb/password.md",
                Set.of(),
                "Passwords expire every 90 days. To reset your password, open the self-service portal"
                        + " and choose Forgot password; a code is sent to your phone.");
        index(
                knowledge,
                embedder,
                "kb/vpn.md",
                Set.of(),
                "If the VPN connection drops, restart the VPN client and sign in again."
                        + " VPN access needs a hardware token from the IT desk.");
        index(
                knowledge,
                embedder,
                "kb/runbooks/payments.md",
                Set.of("sre"),
                "Payments API failover: promote the database replica, then restart payments-api and watch"
                        + " the p95 latency for 15 minutes.");

        // 4. Agents: both reference agents, plus a custom one with the example's own tools.
        Planner planner = planner();
        var deps = new ReferenceAgents.Dependencies(tools, planner, knowledge, journal);
        Agent support = ReferenceAgents.support(deps);
        Agent ops = ReferenceAgents.opsBuilder(deps).withKnowledge(3, 0.2).build();
        Agent desk = Agent.builder("desk")
                .withDescription("Local machine checks and access requests")
                .withTools(List.of("disk_usage", "request_access"))
                .withToolRegistry(tools)
                .withPlanner(planner)
                .withRunJournal(journal)
                .build();

        // 5. Two people: Alice works on the IT desk, Omar is an SRE.
        Principal alice = new Principal("alice", Set.of("it.support"), Set.of("it"), Optional.empty());
        Principal omar = new Principal("omar", Set.of("sre"), Set.of("sre"), Optional.empty());

        run(support, alice, "Please open a ticket: laptop does not boot after the update");
        run(support, alice, "What is the status of TKT-1?");
        run(support, alice, "How do I reset my password?");
        run(ops, alice, "Restart payments-api");
        run(ops, omar, "Restart payments-api");
        run(ops, omar, "Show metrics for payments api");
        run(ops, omar, "payments failover runbook");
        run(ops, alice, "Jaka jest pogoda w Krakowie?");
        run(desk, omar, "How much disk is used?");
        run(desk, omar, "Request vpn access for user jkowalski");
        run(desk, alice, "Request vpn access for user jkowalski");

        List<com.astradesk.core.audit.AuditRecord> trail = auditLog.recent(1_000);
        System.out.printf(
                "%naudit: %d records, %d published, chain %s%n",
                trail.size(),
                published.get(),
                AuditChain.firstBrokenLink(Optional.empty(), trail).isEmpty() ? "intact" : "BROKEN");
    }

    /** A deliberately small rule planner; the product's keyword and LLM planners do this properly. */
    /**
     * The stock keyword planner (EN/PL rules for the built-in tools) plus two rules for this example's own tools:
     * rules are data, so a custom tool needs a rule, not a new planner.
     */
    private static Planner planner() {
        return KeywordPlanner.builder()
                .withServiceCatalog(ServiceCatalog.defaults())
                .withRule(IntentRule.builder("disk_usage", "disk_usage")
                        .withTriggers("disk", "dysk*")
                        .build())
                .withRule(IntentRule.builder("request_access", "request_access")
                        .withTriggers("request ... access", "access ... for user")
                        .withPlacement(IntentRule.Placement.CLAUSE_START)
                        .withArgument("system", context -> group(ACCESS, context.folded(), 1))
                        .withArgument("user", context -> group(ACCESS, context.folded(), 2))
                        .build())
                .build();
    }

    private static Extraction group(Pattern pattern, String text, int group) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Extraction.of(m.group(group)) : Extraction.clarify("Which system and user?");
    }

    private static void run(Agent agent, Principal who, String input) {
        AgentResult result = agent.run(AgentRequest.of(input), who);
        System.out.printf("%n[%s as %s] %s%n", agent.name(), who.subject(), input);
        for (StepResult step : result.steps()) {
            System.out.printf(
                    "  step %s %s -> %s%n",
                    step.tool(), step.args(), step.status().wireName());
        }
        result.citations()
                .forEach(c -> System.out.printf("  cites %s#%d (score %.2f)%n", c.source(), c.chunk(), c.score()));
        System.out.println("  " + result.output().replace("\n", "\n  "));
    }

    /** Stands in for a real weather service (the built-in default is "not configured"). */
    private static WeatherReport cannedWeather(String city) {
        return new WeatherReport(
                city,
                Optional.of("Poland"),
                50.06,
                19.94,
                7.5,
                OptionalDouble.of(12),
                OptionalDouble.of(80),
                OptionalInt.of(3),
                "2026-11-26T10:00",
                "example");
    }

    /** One chunk per document is plenty for three short texts; real ingestion splits long ones. */
    private static void index(KnowledgeIndex index, Embedder embedder, String source, Set<String> acl, String text) {
        String sha = sha256(text);
        index.replace(source, sha, List.of(new DocumentChunk(source, 0, text, acl, sha, embedder.embed(text))));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
