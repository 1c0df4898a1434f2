package com.astradesk.core.plan.llm;

import com.astradesk.core.json.Json;
import com.astradesk.core.json.JsonSchemas;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.tool.ToolDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns a model's answer into a {@link Plan}, or the list of what is wrong with it. Stateless. */
final class PlanParser {

    /** A parsed plan or the errors that prevent one. */
    record Parsed(Optional<Plan> plan, List<String> errors) {}

    private PlanParser() {}

    static Parsed parse(
            String content,
            Map<String, Object> planSchema,
            List<ToolDescriptor> tools,
            Function<Map<String, Object>, JsonSchemas.Compiled> compiler) {
        Map<String, Object> value;
        try {
            value = Json.readObject(stripFence(content));
        } catch (IllegalArgumentException e) {
            return invalid(List.of("the answer is not a single JSON object"));
        }
        List<String> errors = compiler.apply(planSchema).validate(value);
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        Map<String, ToolDescriptor> byName =
                tools.stream().collect(Collectors.toMap(ToolDescriptor::name, Function.identity()));
        var steps = new ArrayList<PlanStep>();
        var stepErrors = new ArrayList<String>();
        List<?> rawSteps = (List<?>) value.get("steps");
        for (int i = 0; i < rawSteps.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> raw = (Map<String, Object>) rawSteps.get(i);
            String tool = (String) raw.get("tool");
            @SuppressWarnings("unchecked")
            Map<String, Object> arguments = (Map<String, Object>) raw.get("arguments");
            ToolDescriptor descriptor = byName.get(tool);
            if (descriptor == null) {
                stepErrors.add("steps[" + i + "]: tool '" + tool + "' is not available");
                continue;
            }
            for (String error : compiler.apply(descriptor.argumentsSchema()).validate(arguments)) {
                stepErrors.add("steps[" + i + "] (" + tool + ") arguments " + error);
            }
            steps.add(new PlanStep(tool, arguments));
        }
        if (!stepErrors.isEmpty()) {
            return invalid(stepErrors);
        }
        Object clarification = value.get("clarification");
        if (steps.isEmpty() && clarification instanceof String question && !question.isBlank()) {
            return new Parsed(Optional.of(Plan.clarify(question.strip())), List.of());
        }
        return new Parsed(Optional.of(steps.isEmpty() ? Plan.empty() : Plan.of(steps)), List.of());
    }

    /** The text without a surrounding Markdown code fence, trimmed. */
    static String stripFence(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            int firstLine = t.indexOf('\n');
            int close = t.lastIndexOf("```");
            if (firstLine > 0 && close > firstLine) {
                return t.substring(firstLine + 1, close).strip();
            }
        }
        return t;
    }

    private static Parsed invalid(List<String> errors) {
        return new Parsed(Optional.empty(), List.copyOf(errors));
    }
}
