package com.astradesk.core.agent.internal;

import com.astradesk.core.AstraDeskException;
import com.astradesk.core.agent.Agent;
import com.astradesk.core.agent.AgentRequest;
import com.astradesk.core.agent.AgentResult;
import com.astradesk.core.agent.Citation;
import com.astradesk.core.agent.RunListener;
import com.astradesk.core.agent.StepResult;
import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.knowledge.KnowledgeChunk;
import com.astradesk.core.knowledge.KnowledgeQuery;
import com.astradesk.core.knowledge.LanguagePreference;
import com.astradesk.core.knowledge.RelevanceCheck;
import com.astradesk.core.knowledge.Retriever;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.model.GuardrailViolationException;
import com.astradesk.core.model.ModelException;
import com.astradesk.core.model.ModelGateway;
import com.astradesk.core.model.ModelTimeoutException;
import com.astradesk.core.plan.ConversationTurn;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.plan.PlanningRequest;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.redaction.Redactor;
import com.astradesk.core.telemetry.Observation;
import com.astradesk.core.telemetry.Telemetry;
import com.astradesk.core.telemetry.TelemetryNames;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolOutcome;
import com.astradesk.core.tool.ToolRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The stock agent: plan → steps through the registry → knowledge when no step → answer → journal. */
final class DefaultAgent implements Agent {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultAgent.class);
    private static final int MAX_CANDIDATES = 50;

    private final String name;
    private final String description;
    private final Planner planner;
    private final ToolRegistry registry;
    private final List<String> tools;
    private final Retriever retriever;
    private final RunJournal journal;
    private final int topK;
    private final double minScore;
    private final Clock clock;
    private final Redactor redactor;
    private final Telemetry telemetry;
    private final Optional<DialogueStore> dialogues;
    private final int historyTurns;
    private final Optional<ModelGateway> answerModel;

    DefaultAgent(
            String name,
            String description,
            Planner planner,
            ToolRegistry registry,
            List<String> tools,
            Retriever retriever,
            RunJournal journal,
            int topK,
            double minScore,
            Clock clock,
            Redactor redactor,
            Telemetry telemetry,
            Optional<DialogueStore> dialogues,
            int historyTurns,
            Optional<ModelGateway> answerModel) {
        this.name = name;
        this.description = description;
        this.planner = planner;
        this.registry = registry;
        this.tools = tools;
        this.retriever = retriever;
        this.journal = journal;
        this.topK = topK;
        this.minScore = minScore;
        this.clock = clock;
        this.redactor = redactor;
        this.telemetry = telemetry;
        this.dialogues = dialogues;
        this.historyTurns = historyTurns;
        this.answerModel = answerModel;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<String> tools() {
        return tools;
    }

    @Override
    public AgentResult run(AgentRequest request, Principal principal) {
        return run(request, principal, RunListener.NONE);
    }

    @Override
    public AgentResult run(AgentRequest request, Principal principal, RunListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(principal, "principal");
        GuardedRunListener events = new GuardedRunListener(listener);
        String runId = request.runId().orElseGet(() -> UUID.randomUUID().toString());
        try (Observation observation = telemetry.start(
                TelemetryNames.AGENT_RUN,
                Map.of(
                        TelemetryNames.AGENT,
                        name,
                        TelemetryNames.RUN_ID,
                        runId,
                        TelemetryNames.REQUEST_ID,
                        request.requestId()))) {
            AgentRequest traced = request.traceId().isPresent()
                    ? request
                    : observation.traceId().map(request::withTraceId).orElse(request);
            try {
                AgentResult result = run(traced, principal, runId, events);
                observation.outcome(
                        !result.deniedSteps().isEmpty()
                                ? "denied"
                                : result.degraded() ? "degraded" : TelemetryNames.OK);
                return result;
            } catch (RuntimeException e) {
                observation.error(e);
                throw e;
            }
        }
    }

    private AgentResult run(AgentRequest request, Principal principal, String runId, GuardedRunListener events) {
        // an unknown or foreign conversation is refused before the run starts (nothing is streamed or journaled)
        List<ConversationTurn> history = request.conversationId()
                .map(id -> ConversationHistory.load(dialogues, id, principal, historyTurns))
                .orElse(List.of());
        String conversationId =
                request.conversationId().orElseGet(() -> UUID.randomUUID().toString());
        events.onRunStarted(runId, conversationId);
        Language language = Language.detect(request.input());
        List<AuditRecord> audits = Collections.synchronizedList(new ArrayList<>());

        Plan plan = plan(request, principal, language, history);
        events.onPlan(plan);
        List<StepResult> steps = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            PlanStep step = plan.steps().get(i);
            StepResult result = runStep(step, i, request, principal, runId, language, audits);
            steps.add(result);
            events.onStep(i, result);
            if (result.status() == CallStatus.OK) {
                used.add(step.tool());
            }
            if (result.status() == CallStatus.PENDING_APPROVAL || result.status() == CallStatus.RATE_LIMITED) {
                // later steps may depend on this one: the run stops here and says so
                break;
            }
        }

        List<KnowledgeChunk> chunks = List.of();
        if (plan.steps().isEmpty() && plan.clarification().isEmpty()) {
            chunks = retrieve(request.input(), principal, language);
        }
        Answer answer = answer(request.input(), language, plan, steps, chunks, events);
        String output = answer.text();
        List<Citation> citations = answer.citations();

        audits.add(runAudit(request, principal, runId, used, steps, plan));
        Map<String, Object> meta = new LinkedHashMap<>(request.meta());
        meta.put("request_id", request.requestId());
        meta.put("used_tools", used);
        meta.put("degraded", plan.degraded());
        meta.put(ConversationHistory.PLAN_KEY, ConversationHistory.toMeta(plan));
        var dialogue = new DialogueRecord(
                runId,
                name,
                principal.subject(),
                redactor.redact(request.input()),
                redactor.redact(output),
                redactor.redactMap(meta),
                clock.instant(),
                conversationId);
        try {
            journal.record(dialogue, List.copyOf(audits));
        } catch (AstraDeskException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AstraDeskException("agent '" + name + "' could not record run " + runId, e);
        }
        Optional<String> degradedReason =
                plan.degradedReason().isPresent() && answer.degradedReason().isPresent()
                        ? Optional.of(plan.degradedReason().get() + "; "
                                + answer.degradedReason().get())
                        : plan.degradedReason().or(answer::degradedReason);
        return new AgentResult(
                runId,
                name,
                output,
                used,
                steps,
                citations,
                plan.degraded() || answer.degradedReason().isPresent(),
                degradedReason,
                conversationId,
                answer.citedSteps());
    }

    /** An answer, the chunks it cites and the positions of the steps whose results it states. */
    private record Answer(
            String text, List<Citation> citations, List<Integer> citedSteps, Optional<String> degradedReason) {}

    /**
     * The run's answer. With an answer model, the model writes it from the run's facts, streamed as it is written:
     * from the retrieved chunks when the run answers from knowledge, from the results of the steps that ran when it
     * used tools ({@code [n]} is step n); a step that did not run (denied, awaiting approval, failed, rate limited) is
     * reported by its fixed line after the model's text, never by the model. Without a model, for a clarification,
     * when nothing ran, or when the model fails (degraded, the reason given), the composer's answer.
     */
    private Answer answer(
            String input,
            Language language,
            Plan plan,
            List<StepResult> steps,
            List<KnowledgeChunk> chunks,
            GuardedRunListener events) {
        boolean toolRun = !steps.isEmpty();
        // the facts are only the model's input: without a model they are not built
        List<ModelAnswer.Fact> facts =
                answerModel.isEmpty() || plan.clarification().isPresent()
                        ? List.of()
                        : toolRun ? ModelAnswer.stepFacts(steps) : ModelAnswer.chunkFacts(chunks);
        if (facts.isEmpty()) {
            AnswerComposer.Composed composed = AnswerComposer.compose(language, input, plan, steps, chunks);
            events.answer(composed.text());
            return new Answer(composed.text(), cite(composed.used()), okSteps(steps), Optional.empty());
        }
        StringBuilder streamed = new StringBuilder();
        try (Observation observation = telemetry.start(TelemetryNames.ANSWER, Map.of(TelemetryNames.AGENT, name))) {
            try {
                ModelAnswer.Written written = ModelAnswer.write(
                        answerModel.get(),
                        language,
                        input,
                        facts,
                        toolRun ? ModelAnswer.notRun(steps) : List.of(),
                        delta -> {
                            streamed.append(delta);
                            events.onAnswerDelta(delta);
                        });
                if (written.text().startsWith(streamed.toString())
                        && written.text().length() > streamed.length()) {
                    events.onAnswerDelta(written.text().substring(streamed.length()));
                }
                observation.outcome(TelemetryNames.OK);
                if (toolRun) {
                    String text = written.text();
                    String notRun = AnswerComposer.notRunLines(language, steps);
                    if (!notRun.isEmpty()) {
                        String tail = (text.isBlank() ? "" : "\n\n") + notRun;
                        events.onAnswerDelta(tail);
                        text = text + tail;
                    }
                    List<Integer> citedSteps =
                            written.cited().stream().map(n -> n - 1).toList();
                    return new Answer(text, List.of(), citedSteps, Optional.empty());
                }
                List<Citation> cited = written.cited().stream()
                        .map(n -> chunks.get(n - 1))
                        .map(c -> new Citation(c.source(), c.chunkIndex(), c.score(), c.text()))
                        .toList();
                return new Answer(written.text(), cited, List.of(), Optional.empty());
            } catch (RuntimeException e) {
                LOG.warn(
                        "answer model failed for agent {}; using the {} answer",
                        name,
                        toolRun ? "templated" : "extractive",
                        e);
                observation.error(e);
                AnswerComposer.Composed composed = AnswerComposer.compose(language, input, plan, steps, chunks);
                String fallback = composed.text();
                String text = streamed.length() == 0 ? fallback : streamed + "\n\n" + fallback;
                events.answer(streamed.length() == 0 ? fallback : "\n\n" + fallback);
                return new Answer(
                        text,
                        cite(composed.used()),
                        okSteps(steps),
                        Optional.of("answer model failed (" + reason(e) + ")"));
            }
        }
    }

    /** The templated answer states the result of every step that ran ({@code ok}), one line each. */
    private static List<Integer> okSteps(List<StepResult> steps) {
        List<Integer> ok = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).status() == CallStatus.OK) {
                ok.add(i);
            }
        }
        return ok;
    }

    private static List<Citation> cite(List<KnowledgeChunk> chunks) {
        return chunks.stream()
                .map(c -> new Citation(c.source(), c.chunkIndex(), c.score(), c.text()))
                .toList();
    }

    private static String reason(RuntimeException e) {
        if (e instanceof ModelTimeoutException) {
            return "model timed out";
        }
        if (e instanceof GuardrailViolationException g) {
            return "output refused (" + g.rule() + ")";
        }
        if (e instanceof ModelException) {
            return "model unavailable";
        }
        return "invalid answer";
    }

    private Plan plan(AgentRequest request, Principal principal, Language language, List<ConversationTurn> history) {
        // loops, not streams: this runs on every run (PlanningRequest keeps immutable copies)
        List<ToolDescriptor> offered = new ArrayList<>(tools.size());
        for (String tool : tools) {
            registry.find(tool).ifPresent(offered::add);
        }
        List<ToolDescriptor> available = new ArrayList<>(tools.size());
        for (ToolDescriptor d : registry.availableTo(principal)) {
            if (tools.contains(d.name())) {
                available.add(d);
            }
        }
        try (Observation observation = telemetry.start(TelemetryNames.PLAN, Map.of(TelemetryNames.AGENT, name))) {
            try {
                Plan plan = planner.plan(
                        new PlanningRequest(request.input(), principal, offered, available, language, history));
                if (plan == null) {
                    LOG.warn("planner of agent {} returned no plan; answering from knowledge", name);
                    observation.outcome("degraded");
                    return Plan.empty().degraded("planner returned no plan");
                }
                observation.attribute(TelemetryNames.PLAN_STEPS, plan.steps().size());
                observation.outcome(plan.degraded() ? "degraded" : TelemetryNames.OK);
                return plan;
            } catch (RuntimeException e) {
                LOG.warn("planner failed for agent {}; answering from knowledge", name, e);
                observation.error(e);
                return Plan.empty().degraded("planner failed");
            }
        }
    }

    private StepResult runStep(
            PlanStep step,
            int index,
            AgentRequest request,
            Principal principal,
            String runId,
            Language language,
            List<AuditRecord> audits) {
        if (!tools.contains(step.tool())) {
            String error = "tool '" + step.tool() + "' is not available to agent '" + name + "'";
            audits.add(record(
                    request,
                    principal,
                    runId,
                    step.tool(),
                    AuditDecision.ERROR,
                    Optional.of(step.tool()),
                    Map.of("arguments", redactor.redactMap(step.arguments()), "error", error)));
            return new StepResult(
                    step.tool(),
                    step.arguments(),
                    CallStatus.ERROR,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(error),
                    Optional.empty());
        }
        Optional<String> key = request.idempotencyKey().map(k -> IdempotencyKeys.derive(k, index, step.tool()));
        ToolCall call = ToolCall.builder()
                .withTool(step.tool())
                .withArguments(step.arguments())
                .withPrincipal(principal)
                .withRunId(runId)
                .withRequestId(request.requestId())
                .withIdempotencyKey(key)
                .withLanguage(language)
                .withQuestion(request.input())
                .build();
        return step(registry.execute(call, audits::add), language);
    }

    /** A step's result as the caller sees it; a parked step's result holds its approval id and expiry. */
    private static StepResult step(ToolOutcome outcome, Language language) {
        Optional<String> summary = outcome.result().map(r -> r.summary());
        Optional<Map<String, Object>> data = outcome.result().map(r -> r.data());
        if (outcome.approval().isPresent()) {
            var pending = outcome.approval().get();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put(StepResult.APPROVAL_ID, pending.approvalId());
            result.put("expires_at", pending.expiresAt().toString());
            data = Optional.of(result);
            summary = Optional.of(
                    language == Language.PL
                            ? "Krok " + outcome.tool() + " czeka na zatwierdzenie (" + pending.approvalId() + ")."
                            : "Step " + outcome.tool() + " awaits approval (" + pending.approvalId() + ").");
        }
        return new StepResult(
                outcome.tool(),
                outcome.arguments(),
                outcome.status(),
                summary,
                data,
                outcome.error(),
                outcome.denial(),
                outcome.rateLimit());
    }

    private List<KnowledgeChunk> retrieve(String input, Principal principal, Language language) {
        try (Observation observation = telemetry.start(
                TelemetryNames.RAG_QUERY, Map.of(TelemetryNames.AGENT, name, TelemetryNames.RAG_TOP_K, topK))) {
            try {
                // the relevance cut-off: the minimum score, and the best chunk shares a content word with the
                // question (a lower one sharing a word is no answer when the best does not: "Podaj przepis na
                // naleśniki" met the on-call policy's "podaj"); twice the chunks are read so that a document in the
                // question's language can move up (LanguagePreference)
                int candidates = Math.min(2 * topK, MAX_CANDIDATES);
                List<KnowledgeChunk> read =
                        retriever.retrieve(new KnowledgeQuery(input, principal.groups(), candidates, minScore));
                Predicate<String> sharesContentWord = RelevanceCheck.forQuestion(input);
                List<KnowledgeChunk> relevant =
                        read.isEmpty() || !sharesContentWord.test(read.get(0).text())
                                ? List.of()
                                : read.stream()
                                        .filter(c -> sharesContentWord.test(c.text()))
                                        .toList();
                List<KnowledgeChunk> chunks = LanguagePreference.sameLanguageFirst(relevant, language).stream()
                        .limit(topK)
                        .toList();
                observation.attribute(TelemetryNames.RAG_RESULTS, chunks.size());
                observation.outcome(TelemetryNames.OK);
                return chunks;
            } catch (RuntimeException e) {
                LOG.warn("retrieval failed for agent {}", name, e);
                observation.error(e);
                return List.of();
            }
        }
    }

    private AuditRecord runAudit(
            AgentRequest request,
            Principal principal,
            String runId,
            List<String> used,
            List<StepResult> steps,
            Plan plan) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("agent", name);
        args.put("used_tools", used);
        args.put(
                "steps",
                steps.stream()
                        .map(s -> Map.of("tool", s.tool(), "status", s.status().wireName()))
                        .toList());
        args.put("degraded", plan.degraded());
        plan.degradedReason().ifPresent(r -> args.put("degraded_reason", r));
        return record(request, principal, runId, "agents.run", AuditDecision.ALLOWED, Optional.empty(), args);
    }

    private AuditRecord record(
            AgentRequest request,
            Principal principal,
            String runId,
            String action,
            AuditDecision decision,
            Optional<String> tool,
            Map<String, Object> args) {
        return AuditRecord.builder()
                .withTs(clock.instant())
                .withActor(principal.subject())
                .withTenant(principal.tenant())
                .withAction(action)
                .withDecision(decision)
                .withTool(tool)
                .withArgs(args)
                .withRequestId(request.requestId())
                .withTraceId(request.traceId())
                .withRunId(runId)
                .build();
    }
}
