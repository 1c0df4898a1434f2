package com.astradesk.core.plan.keyword;

import com.astradesk.core.plan.PlanningException;
import com.astradesk.core.plan.keyword.internal.Clauses;
import com.astradesk.core.plan.keyword.internal.FoldedText;
import com.astradesk.core.plan.keyword.internal.PhrasePattern;
import com.astradesk.core.text.Language;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/** An {@link IntentRule} with its phrases compiled once. Immutable and thread-safe. */
final class CompiledRule {
    private final IntentRule rule;
    private final List<PhrasePattern> triggers;
    private final List<PhrasePattern> blockers;
    private final List<java.util.regex.Pattern> refusals;
    private final List<PhrasePattern> blockersUnlessFound;
    private final ArgumentExtractor lifting;

    CompiledRule(IntentRule rule) {
        this.rule = rule;
        this.triggers = PhrasePattern.compileTolerant(rule.triggers());
        this.blockers = PhrasePattern.compileAll(rule.blockers());
        this.refusals = rule.refusal()
                .map(r -> r.patterns().stream()
                        .map(java.util.regex.Pattern::compile)
                        .toList())
                .orElse(List.of());
        this.blockersUnlessFound = rule.blockersUnlessFound()
                .map(b -> PhrasePattern.compileAll(b.phrases()))
                .orElse(List.of());
        this.lifting = rule.blockersUnlessFound()
                .map(b -> rule.arguments().get(b.argument()))
                .orElse(null);
    }

    /** The refusal question for this query, when the rule refuses it. */
    Optional<String> refusalFor(String input, Language language) {
        for (java.util.regex.Pattern p : refusals) {
            if (p.matcher(input).find()) {
                IntentRule.Refusal r = rule.refusal().orElseThrow();
                return Optional.of(language == Language.PL ? r.questionPl() : r.questionEn());
            }
        }
        return Optional.empty();
    }

    IntentRule rule() {
        return rule;
    }

    /**
     * The first trigger occurrence that does not overlap a taken span (another intent's trigger or the text a
     * ticket request claims), stands where the rule allows and is not blocked in its clause. {@code foldedMask} is
     * the folded text's {@link PhrasePattern#charMask}.
     *
     * @throws PlanningException when the extractor that may lift a {@link IntentRule.BlockersUnlessFound} fails
     */
    Optional<Hit> firstHit(FoldedText text, long foldedMask, Language language, List<int[]> taken) {
        String folded = text.text();
        var candidates = new ArrayList<int[]>();
        for (PhrasePattern trigger : triggers) {
            if (!trigger.mayOccurIn(folded, foldedMask)) {
                continue;
            }
            Matcher m = trigger.matcher(folded);
            while (m.find()) {
                candidates.add(new int[] {m.start(), m.end()});
            }
        }
        candidates.sort(Comparator.<int[]>comparingInt(c -> c[0]).thenComparingInt(c -> -c[1]));
        for (int[] c : candidates) {
            if (overlaps(c, taken)) {
                continue;
            }
            if (rule.placement() == IntentRule.Placement.CLAUSE_START && !Clauses.opensClause(folded, c[0], language)) {
                continue;
            }
            int clauseStart = Clauses.clauseStart(folded, c[0], language);
            int clauseEnd = Clauses.clauseEnd(folded, c[1], language);
            if (PhrasePattern.anyWithin(blockers, folded, foldedMask, clauseStart, clauseEnd)
                    || PhrasePattern.anyEnclosing(
                            blockers,
                            folded,
                            foldedMask,
                            Clauses.sentenceStart(folded, c[0]),
                            Clauses.sentenceEnd(folded, c[1]),
                            c[0],
                            c[1])) {
                continue;
            }
            if (PhrasePattern.anyWithin(blockersUnlessFound, folded, foldedMask, clauseStart, clauseEnd)
                    && !liftedAt(text, language, c)) {
                continue;
            }
            return Optional.of(new Hit(this, c[0], c[1]));
        }
        return Optional.empty();
    }

    /** Whether the lifting argument has a value when read around the trigger, within the trigger's sentence. */
    private boolean liftedAt(FoldedText text, Language language, int[] trigger) {
        String folded = text.text();
        var context = new MatchContext(
                text,
                language,
                trigger[0],
                trigger[1],
                Clauses.sentenceStart(folded, trigger[0]),
                Clauses.sentenceEnd(folded, trigger[1]));
        try {
            return lifting.extract(context).value().isPresent();
        } catch (RuntimeException e) {
            throw new PlanningException(
                    "extractor of argument '"
                            + rule.blockersUnlessFound().orElseThrow().argument() + "' of intent '" + rule.intent()
                            + "' failed",
                    e);
        }
    }

    private static boolean overlaps(int[] candidate, List<int[]> taken) {
        for (int[] span : taken) {
            if (candidate[0] < span[1] && span[0] < candidate[1]) {
                return true;
            }
        }
        return false;
    }

    /** Where a rule's trigger matched in the folded query. */
    record Hit(CompiledRule rule, int start, int end) {}
}
