package com.astradesk.core.plan.keyword;

import com.astradesk.core.plan.keyword.internal.Clauses;
import com.astradesk.core.plan.keyword.internal.PhrasePattern;
import com.astradesk.core.text.Language;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An {@link IntentRule} with its phrases compiled once. Immutable and thread-safe. */
final class CompiledRule {
    private final IntentRule rule;
    private final List<Pattern> triggers;
    private final List<Pattern> blockers;

    CompiledRule(IntentRule rule) {
        this.rule = rule;
        this.triggers = PhrasePattern.compileAll(rule.triggers());
        this.blockers = PhrasePattern.compileAll(rule.blockers());
    }

    IntentRule rule() {
        return rule;
    }

    /**
     * The first trigger occurrence that does not overlap an accepted one, stands where the rule allows and is
     * not blocked in its clause.
     */
    Optional<Hit> firstHit(String folded, Language language, List<Hit> accepted) {
        var candidates = new ArrayList<int[]>();
        for (Pattern trigger : triggers) {
            Matcher m = trigger.matcher(folded);
            while (m.find()) {
                candidates.add(new int[] {m.start(), m.end()});
            }
        }
        candidates.sort(Comparator.<int[]>comparingInt(c -> c[0]).thenComparingInt(c -> -c[1]));
        for (int[] c : candidates) {
            if (overlaps(c, accepted)) {
                continue;
            }
            if (rule.placement() == IntentRule.Placement.CLAUSE_START && !Clauses.opensClause(folded, c[0], language)) {
                continue;
            }
            int clauseStart = Clauses.clauseStart(folded, c[0], language);
            int clauseEnd = Clauses.clauseEnd(folded, c[1], language);
            if (PhrasePattern.anyWithin(blockers, folded, clauseStart, clauseEnd)) {
                continue;
            }
            return Optional.of(new Hit(this, c[0], c[1]));
        }
        return Optional.empty();
    }

    private static boolean overlaps(int[] candidate, List<Hit> accepted) {
        for (Hit hit : accepted) {
            if (candidate[0] < hit.end() && hit.start() < candidate[1]) {
                return true;
            }
        }
        return false;
    }

    /** Where a rule's trigger matched in the folded query. */
    record Hit(CompiledRule rule, int start, int end) {}
}
