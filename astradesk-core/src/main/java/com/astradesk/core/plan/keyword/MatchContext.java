package com.astradesk.core.plan.keyword;

import com.astradesk.core.plan.keyword.internal.FoldedText;
import com.astradesk.core.text.Language;

/**
 * One query as an {@link ArgumentExtractor} sees it: the original and folded text (see
 * {@link Language#fold}), the query's language, where the rule's trigger matched, and the rule's scope — the
 * part of the query between the previous and the next matched intent, so that in "restart payments-api and
 * show metrics for database" each intent finds its own service. Positions are indexes into {@link #folded()}.
 * Immutable and thread-safe.
 */
public final class MatchContext {
    private final FoldedText text;
    private final Language language;
    private final int triggerStart;
    private final int triggerEnd;
    private final int scopeStart;
    private final int scopeEnd;

    MatchContext(FoldedText text, Language language, int triggerStart, int triggerEnd, int scopeStart, int scopeEnd) {
        this.text = text;
        this.language = language;
        this.triggerStart = triggerStart;
        this.triggerEnd = triggerEnd;
        this.scopeStart = scopeStart;
        this.scopeEnd = scopeEnd;
    }

    /** The query as the user wrote it. */
    public String input() {
        return text.original();
    }

    /** The query folded: lower case, without diacritics; same positions as the trigger and scope. */
    public String folded() {
        return text.text();
    }

    /** The query's language; clarifications must be written in it. */
    public Language language() {
        return language;
    }

    /** Where the trigger phrase starts in {@link #folded()}. */
    public int triggerStart() {
        return triggerStart;
    }

    /** Where the trigger phrase ends in {@link #folded()} (exclusive). */
    public int triggerEnd() {
        return triggerEnd;
    }

    /** Where this intent's scope starts in {@link #folded()}: after the previous intent's trigger, else 0. */
    public int scopeStart() {
        return scopeStart;
    }

    /** Where this intent's scope ends in {@link #folded()}: at the next intent's trigger, else the end. */
    public int scopeEnd() {
        return scopeEnd;
    }

    /**
     * The original text behind a range of {@link #folded()}, with its case and diacritics.
     *
     * @throws IndexOutOfBoundsException when the range is not within the folded text
     */
    public String original(int foldedStart, int foldedEnd) {
        return text.originalSlice(foldedStart, foldedEnd);
    }
}
