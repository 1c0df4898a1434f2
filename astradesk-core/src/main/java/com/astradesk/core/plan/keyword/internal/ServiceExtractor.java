package com.astradesk.core.plan.keyword.internal;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.plan.keyword.ArgumentExtractor;
import com.astradesk.core.plan.keyword.Extraction;
import com.astradesk.core.plan.keyword.MatchContext;
import com.astradesk.core.text.Language;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a service named by its canonical name or an alias of the {@link ServiceCatalog} ("payments api",
 * "payments_api" and "Payments-API" all give {@code payments-api}). No catalog service gives a clarification
 * listing the catalog, never a default. A lenient extractor (for reads) looks from the trigger to the end of
 * the intent's scope, then back; a strict one (for side effects) takes only a service in the trigger's own
 * clause, or, when the trigger's verb is followed by "it"/"go"/"ją", the nearest one named before it in the
 * same sentence — so "payments-api is fine, restart the printer" restarts nothing. Immutable and thread-safe.
 */
public final class ServiceExtractor implements ArgumentExtractor {
    private static final Pattern JOINER = Pattern.compile("[\\s_-]+");
    /** A pronoun right after the trigger's verb: "bounce it", "start it again", "zrestartuj ją", "uruchom go". */
    private static final Pattern PRONOUN =
            Pattern.compile("[\\p{L}\\p{N}]*\\s+(?:it|them|ja|go|je|to)(?![\\p{L}\\p{N}])");

    private final Pattern names;
    private final Map<String, String> canonicalByKey;
    private final String known;
    private final Localized question;
    private final boolean strict;

    /**
     * @param catalog  the services
     * @param question what to ask when no service is named, without the list of services
     * @param strict   whether only the trigger's clause (or a pronoun's antecedent) may name the service
     */
    public ServiceExtractor(ServiceCatalog catalog, Localized question, boolean strict) {
        this.strict = strict;
        Objects.requireNonNull(catalog, "catalog");
        this.question = Objects.requireNonNull(question, "question");
        var byKey = new HashMap<String, String>();
        var spellings = new ArrayList<String>();
        for (String name : catalog.names()) {
            var all = new ArrayList<String>();
            all.add(name);
            all.addAll(catalog.aliases(name));
            for (String spelling : all) {
                String folded = Language.fold(spelling.trim());
                if (!folded.isEmpty()) {
                    byKey.putIfAbsent(key(folded), name);
                    spellings.add(folded);
                }
            }
        }
        this.canonicalByKey = Map.copyOf(byKey);
        spellings.sort(Comparator.comparingInt(String::length).reversed());
        List<String> alternatives = spellings.stream()
                .map(s -> String.join(
                        "[\\s_-]*", JOINER.splitAsStream(s).map(Pattern::quote).toList()))
                .distinct()
                .toList();
        this.names = alternatives.isEmpty()
                ? null
                : Pattern.compile(
                        "(?<![\\p{L}\\p{N}_-])(?:" + String.join("|", alternatives) + ")(?![\\p{L}\\p{N}_-])");
        this.known = String.join(", ", catalog.names());
    }

    @Override
    public Extraction extract(MatchContext context) {
        if (names != null) {
            var found = strict ? strictSearch(context) : ScopedSearch.nearest(names, context);
            if (found.isPresent()) {
                String canonical = canonicalByKey.get(key(found.get().group()));
                if (canonical != null) {
                    return Extraction.of(canonical);
                }
            }
        }
        String list = context.language() == Language.PL ? " Znane usługi: " : " Known services: ";
        return Extraction.clarify(question.in(context.language()) + list + known + ".");
    }

    private Optional<MatchResult> strictSearch(MatchContext context) {
        String folded = context.folded();
        int clauseEnd =
                Math.min(context.scopeEnd(), Clauses.clauseEnd(folded, context.triggerEnd(), context.language()));
        Matcher inClause = ScopedSearch.region(names, context, context.triggerStart(), clauseEnd);
        if (inClause.find()) {
            return Optional.of(inClause.toMatchResult());
        }
        if (!ScopedSearch.region(PRONOUN, context, context.triggerStart(), clauseEnd)
                .lookingAt()) {
            return Optional.empty();
        }
        int sentenceStart = Clauses.sentenceStart(folded, context.triggerStart());
        Matcher before = ScopedSearch.region(
                names, context, Math.max(context.scopeStart(), sentenceStart), context.triggerStart());
        MatchResult last = null;
        while (before.find()) {
            last = before.toMatchResult();
        }
        return Optional.ofNullable(last);
    }

    private static String key(String folded) {
        return JOINER.matcher(folded).replaceAll("");
    }
}
