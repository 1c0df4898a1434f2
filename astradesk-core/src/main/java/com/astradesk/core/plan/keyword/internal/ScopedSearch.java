package com.astradesk.core.plan.keyword.internal;

import com.astradesk.core.plan.keyword.MatchContext;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds an argument near its trigger: first from the trigger onwards to the end of the intent's scope, else
 * the closest occurrence before the trigger within the scope ("payments-api: restart it"). Thread-safe.
 */
final class ScopedSearch {
    private ScopedSearch() {}

    static Optional<MatchResult> nearest(Pattern pattern, MatchContext context) {
        Matcher after = region(pattern, context, context.triggerStart(), context.scopeEnd());
        if (after.find()) {
            return Optional.of(after.toMatchResult());
        }
        Matcher before = region(pattern, context, context.scopeStart(), context.triggerStart());
        MatchResult last = null;
        while (before.find()) {
            last = before.toMatchResult();
        }
        return Optional.ofNullable(last);
    }

    static Matcher region(Pattern pattern, MatchContext context, int start, int end) {
        Matcher m = pattern.matcher(context.folded());
        m.region(start, Math.max(start, end));
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        return m;
    }
}
