package com.astradesk.server.http;

import com.astradesk.core.agent.AgentRequest;
import com.astradesk.core.agent.AgentResult;
import com.astradesk.core.agent.Citation;
import com.astradesk.core.agent.StepResult;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.server.support.internal.ServerJson;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Writes the JSON body of a run (DESIGN.md "HTTP contract") straight to a generator: the same text as the shared
 * mapper gives for {@link AgentRoutes#toWire} and {@link AgentRoutes#step} (member order, values, absent members),
 * without building a map per response, per step and per citation first. Values of open shape (a step's arguments
 * and result) go through the shared mapper's serializers as before. Stateless.
 */
final class RunResponses {
    private RunResponses() {}

    /**
     * The body of a completed run; with {@code approvalId}, of a run whose step awaits approval ({@code status},
     * {@code approval_id} and {@code approval_url} appended).
     */
    static String write(AgentResult result, AgentRequest request, Optional<String> approvalId) {
        // through the shared mapper: its recycled buffers, and the same serializers for the open-shaped values
        return ServerJson.write(new Body(result, request, approvalId));
    }

    /** The body as a value the mapper writes by calling it (Jackson's {@link JsonSerializable}). */
    private static final class Body extends JsonSerializable.Base {
        private final AgentResult result;
        private final AgentRequest request;
        private final Optional<String> approvalId;

        Body(AgentResult result, AgentRequest request, Optional<String> approvalId) {
            this.result = result;
            this.request = request;
            this.approvalId = approvalId;
        }

        @Override
        public void serialize(JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartObject();
            g.writeStringField("run_id", result.runId());
            g.writeStringField("conversation_id", result.conversationId());
            g.writeStringField("agent", result.agent());
            g.writeStringField("output", result.output());
            g.writeStringField("reasoning_trace_id", request.traceId().orElse(result.runId()));
            g.writeArrayFieldStart("used_tools");
            for (String tool : result.usedTools()) {
                g.writeString(tool);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("steps");
            for (StepResult step : result.steps()) {
                step(g, p, step);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("citations");
            for (Citation c : result.citations()) {
                g.writeStartObject();
                g.writeStringField("source", c.source());
                g.writeNumberField("chunk", c.chunk());
                g.writeNumberField("score", c.score());
                g.writeStringField("text", c.text());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (!result.steps().isEmpty()) {
                // only a tool run has it, so a knowledge answer's body is as it was
                g.writeArrayFieldStart("cited_steps");
                for (Integer step : result.citedSteps()) {
                    g.writeNumber(step);
                }
                g.writeEndArray();
            }
            g.writeBooleanField("degraded", result.degraded());
            if (result.degraded()) {
                g.writeStringField("degraded_reason", result.degradedReason().orElse("fallback used"));
            }
            if (approvalId.isPresent()) {
                g.writeStringField("status", CallStatus.PENDING_APPROVAL.wireName());
                g.writeStringField("approval_id", approvalId.get());
                g.writeStringField("approval_url", "/v1/approvals/" + approvalId.get());
            }
            g.writeEndObject();
        }

        @Override
        public void serializeWithType(JsonGenerator g, SerializerProvider p, TypeSerializer typeSer)
                throws IOException {
            serialize(g, p);
        }
    }

    /** One step, as {@link AgentRoutes#step} maps it. */
    private static void step(JsonGenerator g, SerializerProvider p, StepResult s) throws IOException {
        g.writeStartObject();
        g.writeStringField("tool", s.tool());
        g.writeFieldName("args");
        p.defaultSerializeValue(s.args(), g);
        g.writeStringField("status", s.status().wireName());
        if (s.status() == CallStatus.OK) {
            g.writeFieldName("result");
            p.defaultSerializeValue(s.result().orElse(Map.of()), g);
            if (s.summary().isPresent()) {
                g.writeStringField("summary", s.summary().get());
            }
        } else if (s.status() == CallStatus.PENDING_APPROVAL) {
            Optional<String> approvalId = s.approvalId();
            if (approvalId.isPresent()) {
                g.writeStringField("approval_id", approvalId.get());
            }
            if (s.summary().isPresent()) {
                g.writeStringField("summary", s.summary().get());
            }
        } else {
            g.writeStringField(
                    "error",
                    s.error()
                            .or(() -> s.denial().map(d -> d.reason()))
                            .orElse(s.status().wireName()));
            if (s.denial().isPresent()) {
                g.writeFieldName("required_roles");
                p.defaultSerializeValue(new TreeSet<>(s.denial().get().requiredRoles()), g);
            }
            if (s.rateLimit().isPresent() && !s.rateLimit().get().allowed()) {
                g.writeFieldName("retry_after");
                g.writeNumber(s.rateLimit().get().retryAfterSeconds());
            }
        }
        g.writeEndObject();
    }
}
