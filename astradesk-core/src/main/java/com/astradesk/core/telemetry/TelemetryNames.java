package com.astradesk.core.telemetry;

/**
 * Observation (span) names and attribute keys the SDK reports through {@link Telemetry}. Model calls follow the
 * OpenTelemetry GenAI semantic conventions. Constants only.
 */
public final class TelemetryNames {
    /** One agent run; attributes {@link #AGENT}, {@link #RUN_ID}; outcome {@code ok}, {@code degraded}, ... */
    public static final String AGENT_RUN = "agent.run";
    /** Planning of one run; attribute {@link #PLAN_STEPS}. */
    public static final String PLAN = "plan";
    /** One tool call through the registry; attribute {@link #TOOL}; outcome {@code ok}, {@code denied}, {@code error}. */
    public static final String TOOL_CALL = "tool.call";
    /** One knowledge retrieval; attributes {@link #RAG_TOP_K}, {@link #RAG_RESULTS}. */
    public static final String RAG_QUERY = "rag.query";

    /** An answer written by the answer model. */
    public static final String ANSWER = "answer";
    /** One model call through the gateway (GenAI conventions). */
    public static final String GEN_AI_CHAT = "gen_ai.chat";

    /** The agent's name. */
    public static final String AGENT = "astradesk.agent";
    /** The run id. */
    public static final String RUN_ID = "astradesk.run_id";
    /** The request id. */
    public static final String REQUEST_ID = "astradesk.request_id";
    /** Number of steps in a plan. */
    public static final String PLAN_STEPS = "astradesk.plan.steps";
    /** The tool's wire name. */
    public static final String TOOL = "astradesk.tool";
    /** Requested chunks. */
    public static final String RAG_TOP_K = "astradesk.rag.top_k";
    /** Chunks returned. */
    public static final String RAG_RESULTS = "astradesk.rag.results";

    /** GenAI: the operation, {@code chat}. */
    public static final String GEN_AI_OPERATION_NAME = "gen_ai.operation.name";
    /** GenAI: the provider (current convention). */
    public static final String GEN_AI_PROVIDER_NAME = "gen_ai.provider.name";
    /** GenAI: the provider (older convention, still read by many back ends). */
    public static final String GEN_AI_SYSTEM = "gen_ai.system";
    /** GenAI: the requested model. */
    public static final String GEN_AI_REQUEST_MODEL = "gen_ai.request.model";
    /** GenAI: prompt tokens. */
    public static final String GEN_AI_USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens";
    /** GenAI: completion tokens. */
    public static final String GEN_AI_USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens";

    /** Outcome of a successful observation. */
    public static final String OK = "ok";
    /** Outcome of a failed observation. */
    public static final String ERROR = "error";

    private TelemetryNames() {}
}
