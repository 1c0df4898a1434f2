package com.astradesk.core.plan.keyword;

import com.astradesk.core.plan.keyword.internal.FoldedText;
import com.astradesk.core.plan.keyword.internal.PhrasePattern;
import com.astradesk.core.tool.ToolDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the keyword planner's table: an intent, the tool it plans, the phrases that trigger it, the
 * phrases that block it, and how each argument is read. Phrases are folded on construction (so "usługę" and
 * "usluge" are the same) and use a small syntax: a word ending in {@code *} matches any word starting with it,
 * and {@code ...} stands for up to three other words ({@code "open ... ticket"}).
 *
 * <p>A blocking phrase cancels a trigger when it occurs in the same clause (clauses end at punctuation and at
 * "and"/"but"/"i"/"oraz"...), e.g. "don't" or "why" for a restart. Immutable and thread-safe when its
 * extractors are.
 *
 * @param intent                the intent's name, e.g. {@code "restart"}; used in logs
 * @param tool                  the tool's wire name; the rule is skipped when the agent does not offer it
 * @param triggers              folded trigger phrases, English and Polish
 * @param blockers              folded phrases that cancel a trigger in the same clause
 * @param arguments             argument name → extractor, in order
 * @param placement             where in its clause a trigger may stand
 * @param claimsRestOfSentence  whether the rest of the trigger's sentence belongs to this intent (a ticket's
 *                              description), so no other intent is read from it
 * @param refusal               when the query holds text that must never reach this tool (shell or SQL after a
 *                              restart), the question that replaces the step
 * @param blockersUnlessFound   blocking phrases that cancel a trigger in its clause only when an argument is not
 *                              found ("what is" blocks "what is latency?" but not "what is the latency of webapp?")
 * @param unavailableAnswer     what to answer, when the rule's tool is turned off in the deployment ({@link
 *                              KeywordPlanner.Builder#withUnavailableTools}) and nothing else is planned, instead of
 *                              the generic "the tool … is turned off in this deployment"
 */
public record IntentRule(
        String intent,
        String tool,
        List<String> triggers,
        List<String> blockers,
        Map<String, ArgumentExtractor> arguments,
        Placement placement,
        boolean claimsRestOfSentence,
        Optional<Refusal> refusal,
        Optional<BlockersUnlessFound> blockersUnlessFound,
        Optional<UnavailableAnswer> unavailableAnswer) {

    /**
     * The answer to a request for this rule's tool when the deployment turned the tool off, e.g. "Weather is not
     * available in this deployment."
     *
     * @param en in English
     * @param pl in Polish
     */
    public record UnavailableAnswer(String en, String pl) {
        /**
         * Checks both texts are present.
         *
         * @throws IllegalArgumentException when a text is blank
         */
        public UnavailableAnswer {
            if (en == null || en.isBlank() || pl == null || pl.isBlank()) {
                throw new IllegalArgumentException("an unavailable answer needs an English and a Polish text");
            }
        }
    }

    /**
     * Blocking phrases that a found argument lifts: a question form such as "what is" cancels the metrics trigger
     * in "what is latency?" (a knowledge question) but not in "what is the latency of webapp?", where the {@code
     * service} argument names a catalog service. The argument's extractor runs over the trigger's sentence; only a
     * value counts as found (an omitted argument or a clarification does not).
     *
     * @param argument the name of one of the rule's arguments
     * @param phrases  folded blocking phrases, as {@link IntentRule#blockers}
     */
    public record BlockersUnlessFound(String argument, List<String> phrases) {
        /**
         * Validates and folds the phrases.
         *
         * @throws IllegalArgumentException when the argument name is blank, there is no phrase, or a phrase is
         *     malformed
         */
        public BlockersUnlessFound {
            if (argument == null || argument.isBlank()) {
                throw new IllegalArgumentException("blockers_unless_found needs an argument name");
            }
            phrases = foldAll(Objects.requireNonNull(phrases, "phrases"), "blockers_unless_found phrases");
            if (phrases.isEmpty()) {
                throw new IllegalArgumentException("blockers_unless_found needs at least one phrase");
            }
        }
    }

    /**
     * A rule without {@link BlockersUnlessFound} and {@link UnavailableAnswer}: the shape of earlier releases.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public IntentRule(
            String intent,
            String tool,
            List<String> triggers,
            List<String> blockers,
            Map<String, ArgumentExtractor> arguments,
            Placement placement,
            boolean claimsRestOfSentence,
            Optional<Refusal> refusal) {
        this(
                intent,
                tool,
                triggers,
                blockers,
                arguments,
                placement,
                claimsRestOfSentence,
                refusal,
                Optional.empty(),
                Optional.empty());
    }

    /**
     * Refuses to plan the rule's step when one of the patterns (Java regular expressions over the query as
     * written) occurs anywhere in it, and asks the question instead, e.g. a restart followed by {@code ; rm -rf /}.
     *
     * @param patterns   regular expressions; the step is refused when any is found
     * @param questionEn what to say in English
     * @param questionPl what to say in Polish
     */
    public record Refusal(List<String> patterns, String questionEn, String questionPl) {
        /**
         * Checks the patterns compile and the questions are not blank.
         *
         * @throws IllegalArgumentException when a pattern does not compile, there is none, or a question is blank
         */
        public Refusal {
            patterns = List.copyOf(patterns);
            if (patterns.isEmpty()) {
                throw new IllegalArgumentException("a refusal needs at least one pattern");
            }
            for (String pattern : patterns) {
                try {
                    java.util.regex.Pattern.compile(pattern);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new IllegalArgumentException(
                            "bad refusal pattern '" + pattern + "': " + e.getDescription(), e);
                }
            }
            if (questionEn == null || questionEn.isBlank() || questionPl == null || questionPl.isBlank()) {
                throw new IllegalArgumentException("a refusal needs an English and a Polish question");
            }
        }
    }

    /** Where in its clause a trigger may stand. */
    public enum Placement {
        /** Anywhere. Right for reads and for explicit phrases like "open a ticket". */
        ANYWHERE,
        /**
         * Only at the start of its clause, after courtesy words ("please", "can you", "czy możesz"), so that a
         * side effect is planned only when the user asks for it ("restart payments-api"), not when it is merely
         * mentioned ("the last restart of payments-api failed").
         */
        CLAUSE_START
    }

    /**
     * Validates and folds the phrases.
     *
     * @throws IllegalArgumentException when the intent is blank, the tool name is invalid, there is no trigger,
     *     a phrase or argument name is malformed, or {@code blockersUnlessFound} names an argument the rule does
     *     not read
     */
    public IntentRule {
        if (intent == null || intent.isBlank()) {
            throw new IllegalArgumentException("intent must not be blank");
        }
        Objects.requireNonNull(tool, "tool");
        if (!ToolDescriptor.NAME.matcher(tool).matches()) {
            throw new IllegalArgumentException("tool must match " + ToolDescriptor.NAME.pattern() + ": " + tool);
        }
        triggers = foldAll(Objects.requireNonNull(triggers, "triggers"), "triggers");
        if (triggers.isEmpty()) {
            throw new IllegalArgumentException("intent '" + intent + "' needs at least one trigger");
        }
        blockers = foldAll(Objects.requireNonNullElse(blockers, List.of()), "blockers");
        var args = new LinkedHashMap<String, ArgumentExtractor>();
        Objects.requireNonNullElse(arguments, Map.<String, ArgumentExtractor>of())
                .forEach((name, extractor) -> {
                    if (name == null || name.isBlank()) {
                        throw new IllegalArgumentException("argument names must not be blank");
                    }
                    args.put(name, Objects.requireNonNull(extractor, "extractor of argument " + name));
                });
        arguments = Collections.unmodifiableMap(args);
        placement = Objects.requireNonNullElse(placement, Placement.ANYWHERE);
        refusal = Objects.requireNonNullElse(refusal, Optional.empty());
        blockersUnlessFound = Objects.requireNonNullElse(blockersUnlessFound, Optional.empty());
        unavailableAnswer = Objects.requireNonNullElse(unavailableAnswer, Optional.empty());
        if (blockersUnlessFound.isPresent()
                && !arguments.containsKey(blockersUnlessFound.get().argument())) {
            throw new IllegalArgumentException("blockers_unless_found names argument '"
                    + blockersUnlessFound.get().argument() + "', which intent '" + intent + "' does not read");
        }
    }

    /**
     * Starts a rule for an intent that plans the named tool.
     *
     * @param intent the intent's name
     * @param tool   the tool's wire name
     */
    public static Builder builder(String intent, String tool) {
        return new Builder(intent, tool);
    }

    private static List<String> foldAll(List<String> phrases, String what) {
        var out = new ArrayList<String>(phrases.size());
        for (String phrase : phrases) {
            if (phrase == null || phrase.isBlank()) {
                throw new IllegalArgumentException(what + " must not contain blank phrases");
            }
            String folded = FoldedText.of(phrase.trim()).text();
            PhrasePattern.compile(folded);
            out.add(folded);
        }
        return List.copyOf(out);
    }

    /** Fluent builder for {@link IntentRule}. Not thread-safe. */
    public static final class Builder {
        private final String intent;
        private final String tool;
        private final List<String> triggers = new ArrayList<>();
        private final List<String> blockers = new ArrayList<>();
        private final Map<String, ArgumentExtractor> arguments = new LinkedHashMap<>();
        private Placement placement = Placement.ANYWHERE;
        private boolean claimsRestOfSentence;
        private Optional<Refusal> refusal = Optional.empty();
        private Optional<BlockersUnlessFound> blockersUnlessFound = Optional.empty();
        private Optional<UnavailableAnswer> unavailableAnswer = Optional.empty();

        private Builder(String intent, String tool) {
            this.intent = intent;
            this.tool = tool;
        }

        /** Adds trigger phrases. */
        public Builder withTriggers(String... phrases) {
            triggers.addAll(Arrays.asList(phrases));
            return this;
        }

        /** Adds trigger phrases. */
        public Builder withTriggers(List<String> phrases) {
            triggers.addAll(phrases);
            return this;
        }

        /** Adds blocking phrases. */
        public Builder withBlockers(String... phrases) {
            blockers.addAll(Arrays.asList(phrases));
            return this;
        }

        /** Adds blocking phrases. */
        public Builder withBlockers(List<String> phrases) {
            blockers.addAll(phrases);
            return this;
        }

        /** Reads the named argument with the extractor (later calls for the same name replace it). */
        public Builder withArgument(String name, ArgumentExtractor extractor) {
            arguments.put(name, extractor);
            return this;
        }

        /** Sets where a trigger may stand in its clause; default {@link Placement#ANYWHERE}. */
        public Builder withPlacement(Placement placement) {
            this.placement = placement;
            return this;
        }

        /** Makes the rest of the trigger's sentence this intent's own; default false. */
        public Builder withClaimsRestOfSentence(boolean claims) {
            this.claimsRestOfSentence = claims;
            return this;
        }

        /** Refuses the step, asking the refusal's question, when the query holds one of its patterns. */
        public Builder withRefusal(Refusal refusal) {
            this.refusal = Optional.of(Objects.requireNonNull(refusal, "refusal"));
            return this;
        }

        /**
         * Adds blocking phrases that cancel a trigger only when the named argument's extractor finds no value in
         * the trigger's sentence (see {@link BlockersUnlessFound}); a later call replaces an earlier one.
         */
        public Builder withBlockersUnlessFound(String argument, List<String> phrases) {
            this.blockersUnlessFound = Optional.of(new BlockersUnlessFound(argument, phrases));
            return this;
        }

        /**
         * Sets what to answer when the rule's tool is turned off in the deployment (see {@link UnavailableAnswer}).
         *
         * @throws IllegalArgumentException when a text is blank
         */
        public Builder withUnavailableAnswer(String en, String pl) {
            this.unavailableAnswer = Optional.of(new UnavailableAnswer(en, pl));
            return this;
        }

        /**
         * Builds the rule.
         *
         * @throws IllegalArgumentException as {@link IntentRule#IntentRule} does
         */
        public IntentRule build() {
            return new IntentRule(
                    intent,
                    tool,
                    triggers,
                    blockers,
                    arguments,
                    placement,
                    claimsRestOfSentence,
                    refusal,
                    blockersUnlessFound,
                    unavailableAnswer);
        }
    }
}
