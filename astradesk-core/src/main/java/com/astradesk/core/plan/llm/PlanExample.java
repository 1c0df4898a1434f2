package com.astradesk.core.plan.llm;

import com.astradesk.core.json.Json;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One few-shot example for the LLM planner: a request and the plan the keyword planner's rule table gives it (a
 * tool step, a clarification, or nothing). The prompt shows an example only when every tool it is about is one the
 * caller may use, so examples never reveal other tools. Immutable.
 *
 * @param input the request
 * @param plan  the expected plan
 * @param about the tools the example is about: its steps' tools, or for a clarification or a "plan nothing"
 *              example the tool it declines (empty for a pure knowledge question)
 */
public record PlanExample(String input, Plan plan, Set<String> about) {
    /** The classpath resource with the built-in examples (EN and PL, drawn from the keyword rule table). */
    public static final String RESOURCE = "/com/astradesk/core/plan/llm/plan-examples.json";

    public PlanExample {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(plan, "plan");
        about = Set.copyOf(about);
    }

    /** Whether the prompt may show this example to a caller who may use {@code tools}. */
    public boolean showableWith(Set<String> tools) {
        return tools.containsAll(about);
    }

    /**
     * The built-in examples ({@link #RESOURCE}).
     *
     * @throws IllegalStateException when the resource is missing or malformed (a build error)
     */
    public static List<PlanExample> defaults() {
        try (InputStream in = PlanExample.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    /**
     * Examples from a JSON array of {@code {"input", "steps": [{"tool", "arguments"}], "clarification", "about"}}.
     *
     * @throws IllegalStateException naming the entry when one is malformed
     */
    @SuppressWarnings("unchecked")
    public static List<PlanExample> parse(String json) {
        List<PlanExample> out = new ArrayList<>();
        List<Object> entries =
                (List<Object>) Json.readObject("{\"e\":" + json + "}").get("e");
        for (int i = 0; i < entries.size(); i++) {
            try {
                Map<String, Object> e = (Map<String, Object>) entries.get(i);
                List<PlanStep> steps = new ArrayList<>();
                for (Object s : (List<Object>) e.getOrDefault("steps", List.of())) {
                    Map<String, Object> step = (Map<String, Object>) s;
                    steps.add(new PlanStep(
                            (String) step.get("tool"), (Map<String, Object>) step.getOrDefault("arguments", Map.of())));
                }
                Optional<String> question = Optional.ofNullable((String) e.get("clarification"));
                Plan plan = question.map(Plan::clarify).orElse(Plan.of(steps));
                var about = new java.util.HashSet<String>();
                steps.forEach(s -> about.add(s.tool()));
                Optional.ofNullable((String) e.get("about")).ifPresent(about::add);
                out.add(new PlanExample((String) e.get("input"), plan, about));
            } catch (ClassCastException | NullPointerException e) {
                throw new IllegalStateException("plan example #" + i + " is malformed", e);
            }
        }
        return List.copyOf(out);
    }
}
