package com.astradesk.core.plan.keyword.internal;

import com.astradesk.core.plan.keyword.ArgumentExtractor;
import com.astradesk.core.plan.keyword.Extraction;
import com.astradesk.core.plan.keyword.MatchContext;
import java.util.regex.Pattern;

/**
 * Reads a target environment as {@code prod}, {@code staging} or {@code dev}: "in prod", "on production", "live",
 * "na produkcji", "na prodzie", "staging", "na stagingu", "pre-prod", "dev", "na devie", "środowisko
 * deweloperskie"... nearest to the trigger within the intent's scope. Without one it omits the argument; argument
 * policy rules treat a missing argument as matching (fail closed). Immutable and thread-safe.
 */
public final class EnvironmentExtractor implements ArgumentExtractor {
    private static final String END = "(?![\\p{L}\\p{N}])";
    private static final String START = "(?<![\\p{L}\\p{N}-])";
    private static final Pattern ENVIRONMENT = Pattern.compile(START + "(?:"
            + "(?<staging>pre-?prod\\p{L}*|staging\\p{L}*|stage|stg|uat|stagingow\\p{L}*)"
            + "|(?<prod>prod|prd|production|prodzie|produkcj\\p{L}*|produkcyjn\\p{L}*|live)"
            + "|(?<dev>dev|devie|development|develop|deweloper\\p{L}*|developersk\\p{L}*)"
            + ")" + END);

    @Override
    public Extraction extract(MatchContext context) {
        return ScopedSearch.nearest(ENVIRONMENT, context)
                .map(m -> {
                    if (m.group(1) != null) {
                        return Extraction.of("staging");
                    }
                    return Extraction.of(m.group(2) != null ? "prod" : "dev");
                })
                .orElse(Extraction.omit());
    }
}
