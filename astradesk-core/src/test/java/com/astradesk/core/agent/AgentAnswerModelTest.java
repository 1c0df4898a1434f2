package com.astradesk.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.knowledge.KnowledgeChunk;
import com.astradesk.core.memory.RecordingRunJournal;
import com.astradesk.core.model.ChatRequest;
import com.astradesk.core.model.ChatResponse;
import com.astradesk.core.model.ModelGateway;
import com.astradesk.core.model.ModelTimeoutException;
import com.astradesk.core.model.TokenUsage;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.tool.ToolRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** With an answer model, the model writes knowledge answers from the retrieved chunks, streamed; else extractive. */
class AgentAnswerModelTest {
    private static final List<KnowledgeChunk> CHUNKS = List.of(
            new KnowledgeChunk(
                    "vpn-password-reset.md",
                    0,
                    "# VPN password reset\n\n1. Go to the SSO reset page.\n"
                            + "2. Approve the MFA prompt.\n3. Reconnect the VPN.",
                    0.77),
            new KnowledgeChunk("mfa.md", 1, "The MFA app must be enrolled before a VPN password reset.", 0.61));

    /** A model gateway that streams a fixed answer in pieces, or fails; records what it was asked. */
    private static final class FakeGateway implements ModelGateway {
        final List<ChatRequest> asked = new ArrayList<>();
        private final List<String> pieces;
        private final RuntimeException failure;

        FakeGateway(RuntimeException failure, String... pieces) {
            this.pieces = List.of(pieces);
            this.failure = failure;
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            throw new AssertionError("the answer is streamed");
        }

        @Override
        public ChatResponse stream(ChatRequest request, Consumer<String> onToken) {
            asked.add(request);
            pieces.forEach(onToken);
            if (failure != null) {
                throw failure;
            }
            return new ChatResponse(String.join("", pieces), new TokenUsage(100, 20), "stop", "fake-model");
        }

        @Override
        public String provider() {
            return "fake";
        }
    }

    private static final class Deltas implements RunListener {
        final List<String> deltas = new ArrayList<>();

        @Override
        public void onAnswerDelta(String delta) {
            deltas.add(delta);
        }
    }

    private static Agent agent(FakeGateway model) {
        return Agent.builder("support")
                .withPlanner(request -> Plan.empty())
                .withToolRegistry(ToolRegistry.builder().build())
                .withRetriever(query -> CHUNKS)
                .withRunJournal(new RecordingRunJournal())
                .withAnswerModel(model)
                .build();
    }

    @Test
    void theModelWritesTheAnswerFromTheChunksAndItStreams() {
        FakeGateway model = new FakeGateway(
                null,
                "To reset your VPN password:\n",
                "1. Go to the SSO reset page.\n",
                "2. Approve the MFA prompt [1].");
        Deltas listener = new Deltas();

        AgentResult result =
                agent(model).run(AgentRequest.of("How do I reset my VPN password?"), Principal.of("ann"), listener);

        assertThat(listener.deltas).hasSize(3);
        assertThat(String.join("", listener.deltas)).isEqualTo(result.output());
        assertThat(result.output()).endsWith("Approve the MFA prompt [1].");
        assertThat(result.citations()).extracting(Citation::source).containsExactly("vpn-password-reset.md");
        assertThat(result.degraded()).isFalse();
        String prompt = model.asked.get(0).messages().get(0).content();
        assertThat(prompt)
                .contains("ONLY the numbered sources", "[1] vpn-password-reset.md", "[2] mfa.md", "Answer in English");
        assertThat(model.asked.get(0).messages().get(1).content()).isEqualTo("How do I reset my VPN password?");
    }

    @Test
    void aPolishQuestionAsksForAPolishAnswer() {
        FakeGateway model = new FakeGateway(null, "Wejdź na stronę resetu SSO [1].");

        agent(model).run(AgentRequest.of("Jak zresetować hasło do VPN?"), Principal.of("ann"));

        assertThat(model.asked.get(0).messages().get(0).content()).contains("Answer in Polish");
    }

    @Test
    void aModelTimeoutFallsBackToTheExtractiveAnswerMarkedDegraded() {
        FakeGateway model = new FakeGateway(new ModelTimeoutException("fake", Duration.ofSeconds(5)));
        Deltas listener = new Deltas();

        AgentResult result =
                agent(model).run(AgentRequest.of("How do I reset my VPN password?"), Principal.of("ann"), listener);

        assertThat(result.degraded()).isTrue();
        assertThat(result.degradedReason()).contains("answer model failed (model timed out)");
        assertThat(result.output()).contains("[1]").contains("vpn-password-reset.md");
        assertThat(String.join("", listener.deltas)).isEqualTo(result.output());
        assertThat(result.citations()).isNotEmpty();
    }

    @Test
    void anAnswerCitingASourceThatDoesNotExistIsNotUsed() {
        FakeGateway model = new FakeGateway(null, "Call the helpdesk [7].");

        AgentResult result = agent(model).run(AgentRequest.of("How do I reset my VPN password?"), Principal.of("ann"));

        assertThat(result.degraded()).isTrue();
        assertThat(result.degradedReason()).contains("answer model failed (invalid answer)");
        assertThat(result.output()).contains("vpn-password-reset.md");
    }

    @Test
    void noKnowledgeNoModelCall() {
        FakeGateway model = new FakeGateway(null, "should not be called");
        Agent agent = Agent.builder("support")
                .withPlanner(request -> Plan.empty())
                .withToolRegistry(ToolRegistry.builder().build())
                .withRunJournal(new RecordingRunJournal())
                .withAnswerModel(model)
                .build();

        AgentResult result = agent.run(AgentRequest.of("What is the capital of Australia?"), Principal.of("ann"));

        assertThat(model.asked).isEmpty();
        assertThat(result.output()).startsWith("I don't know");
    }
}
