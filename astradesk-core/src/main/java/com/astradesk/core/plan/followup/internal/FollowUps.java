package com.astradesk.core.plan.followup.internal;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.plan.ConversationTurn;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.plan.PlanningRequest;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.ToolDescriptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three readings of a follow-up (answer to a clarification, reference, ellipsis), tried in that order.
 * Immutable and thread-safe.
 */
public final class FollowUps {
    /** A short answer to a clarifying question has at most this many words ("payments-api", "w Krakowie"). */
    static final int MAX_ANSWER_WORDS = 4;
    /** A follow-up read as an ellipsis without an opener has at most this many words ("auth-service?"). */
    static final int MAX_BARE_ELLIPSIS_WORDS = 3;

    /** Argument names that identify a step's target, in the order they are looked for. */
    static final List<String> TARGETS = List.of("service", "city", "ticket_id");

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\s?!.]+$");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.-]*");
    private static final Pattern REFERENCE = Pattern.compile(
            "(?<![\\p{L}\\p{N}_-])(?:it|that one|this one|that service|this service|the same service|the same one"
                    + "|that|go|ją|nią|niego|tę usługę|tą usługę|te usluge|tę samą usługę|ten serwis|tej usługi)"
                    + "(?![\\p{L}\\p{N}_-])",
            FLAGS);
    private static final Pattern OPENER = Pattern.compile(
            "^\\s*(?:and|also|then|now|what about|how about|same for|same but|and now|and what about|ok,? and"
                    + "|a|i|oraz|to samo|tak samo|teraz|a teraz|a co z|co z|a dla|a jak|jeszcze)(?![\\p{L}\\p{N}])",
            FLAGS);

    private final Slots slots;

    public FollowUps(ServiceCatalog catalog) {
        this.slots = new Slots(catalog);
    }

    /** The follow-up's plan, if the request reads as one of the previous turn. */
    public Optional<Plan> resolve(PlanningRequest request, ConversationTurn previous, Planner planner) {
        String input = request.input().strip();
        if (previous.askedForClarification() && words(input) <= MAX_ANSWER_WORDS) {
            String asked =
                    TRAILING_PUNCTUATION.matcher(previous.input().strip()).replaceAll("");
            Plan completed = planner.plan(probe(request, asked + " " + input));
            if (!completed.isEmpty()) {
                return Optional.of(completed);
            }
        }
        Optional<String> target = target(previous.plan());
        if (target.isPresent()) {
            Matcher reference = REFERENCE.matcher(input);
            if (reference.find()) {
                String replaced =
                        input.substring(0, reference.start()) + target.get() + input.substring(reference.end());
                Plan referenced = planner.plan(probe(request, replaced));
                if (!referenced.steps().isEmpty()) {
                    return Optional.of(referenced);
                }
            }
        }
        return ellipsis(request, previous.plan(), input);
    }

    private Optional<Plan> ellipsis(PlanningRequest request, Plan previous, String input) {
        if (!OPENER.matcher(input).find() && words(input) > MAX_BARE_ELLIPSIS_WORDS) {
            return Optional.empty();
        }
        for (PlanStep step : previous.steps()) {
            Optional<ToolDescriptor> tool = request.tools().stream()
                    .filter(t -> t.name().equals(step.tool()))
                    .findFirst();
            if (tool.isEmpty() || tool.get().sideEffect() != SideEffect.READ) {
                continue;
            }
            Map<String, Object> changed =
                    slots.read(request, input, step.arguments().keySet());
            if (changed.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> arguments = new LinkedHashMap<>(step.arguments());
            arguments.putAll(changed);
            return Optional.of(Plan.of(List.of(new PlanStep(step.tool(), arguments))));
        }
        return Optional.empty();
    }

    /** The value of the first target argument of the plan's steps, e.g. the service of the last restart. */
    static Optional<String> target(Plan plan) {
        for (PlanStep step : plan.steps()) {
            for (String name : TARGETS) {
                if (step.arguments().get(name) instanceof String value && !value.isBlank()) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    private static PlanningRequest probe(PlanningRequest request, String input) {
        return new PlanningRequest(
                input,
                request.principal(),
                request.tools(),
                request.available(),
                Language.detect(input),
                request.history());
    }

    static int words(String text) {
        Matcher m = WORD.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
