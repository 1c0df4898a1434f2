package com.astradesk.core.plan.keyword;

/**
 * Reads one argument of a tool call from a matched query. Extractors are plain functions of the
 * {@link MatchContext}; implementations must be thread-safe and should pre-compile any pattern they use, since
 * planning is on the request path. Built-in ones come from {@link ArgumentExtractors}.
 */
@FunctionalInterface
public interface ArgumentExtractor {
    /**
     * Extracts the argument.
     *
     * @param context the query and where the rule's trigger matched in it
     * @return the value, {@link Extraction#omit()} to leave the argument out (the tool's default applies), or
     *     {@link Extraction#clarify(String)} to ask the user instead of running the step
     */
    Extraction extract(MatchContext context);
}
