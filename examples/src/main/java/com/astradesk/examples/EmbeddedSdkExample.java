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
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.tools.weather.WeatherBackend;
import com.astradesk.tools.weather.WeatherReport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private static final Pattern TICKET_ID = Pattern.compile("\\bTKT-\\d+\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern CITY =
            Pattern.compile("(?:weather in|pogoda w)\\s+([\\p{L} -]+?)\\s*\\??$", Pattern.CASE_INSENSITIVE);

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
                .with(WeatherBackend.class, EmbeddedSdkExample::cannedWeather)
                .build();
        ToolRegistry tools = ToolRegistry.builder()
                .withDiscoveredTools(context)
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
        Planner planner = EmbeddedSdkExample::plan;
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
    private static Plan plan(com.astradesk.core.plan.PlanningRequest request) {
        String input = request.input().strip();
        String text = Language.fold(input);
        Optional<String> service = ServiceCatalog.defaults().names().stream()
                .filter(name -> text.contains(name)
                        || ServiceCatalog.defaults().aliases(name).stream().anyMatch(text::contains))
                .findFirst();
        Matcher ticketId = TICKET_ID.matcher(input);
        Matcher city = CITY.matcher(input);
        Matcher access = ACCESS.matcher(text);
        List<PlanStep> steps = new ArrayList<>();
        if (text.contains("ticket") && (text.contains("open") || text.contains("create"))) {
            String problem = input.replaceFirst("(?i)^.*?ticket:?\\s*", "");
            String title = problem.substring(0, Math.min(120, problem.length()));
            steps.add(new PlanStep("create_ticket", Map.of("title", title, "description", problem)));
        } else if (access.find()) {
            steps.add(new PlanStep("request_access", Map.of("system", access.group(1), "user", access.group(2))));
        } else if (ticketId.find()) {
            steps.add(new PlanStep(
                    "get_ticket", Map.of("ticket_id", ticketId.group().toUpperCase(Locale.ROOT))));
        } else if (text.startsWith("restart") && service.isPresent()) {
            steps.add(new PlanStep("restart_service", Map.of("service", service.get())));
        } else if (text.contains("metrics") && service.isPresent()) {
            steps.add(new PlanStep("get_metrics", Map.of("service", service.get())));
        } else if (city.find()) {
            steps.add(new PlanStep("get_weather", Map.of("city", city.group(1))));
        } else if (text.contains("disk")) {
            steps.add(new PlanStep("disk_usage", Map.of()));
        }
        return Plan.of(steps.stream().filter(s -> request.offers(s.tool())).toList());
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
