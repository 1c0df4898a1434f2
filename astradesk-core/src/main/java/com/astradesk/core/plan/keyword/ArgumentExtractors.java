package com.astradesk.core.plan.keyword;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.plan.keyword.internal.CityExtractor;
import com.astradesk.core.plan.keyword.internal.DescriptionExtractor;
import com.astradesk.core.plan.keyword.internal.EnvironmentExtractor;
import com.astradesk.core.plan.keyword.internal.InputExtractor;
import com.astradesk.core.plan.keyword.internal.Localized;
import com.astradesk.core.plan.keyword.internal.PriorityExtractor;
import com.astradesk.core.plan.keyword.internal.ServiceExtractor;
import com.astradesk.core.plan.keyword.internal.TicketIdExtractor;
import com.astradesk.core.plan.keyword.internal.TitleExtractor;
import com.astradesk.core.plan.keyword.internal.WindowExtractor;
import java.util.Objects;

/**
 * The built-in {@link ArgumentExtractor}s, for the default rules and for your own. Every extractor returned is
 * immutable and thread-safe; clarifications come in the query's language (English or Polish).
 */
public final class ArgumentExtractors {
    private static final Localized TICKET_QUESTION = new Localized(
            "Which ticket do you mean? Please give its id, e.g. TKT-123.",
            "Którego zgłoszenia dotyczy pytanie? Podaj jego identyfikator, np. TKT-123.");
    private static final Localized CITY_QUESTION =
            new Localized("For which city should I check the weather?", "Dla jakiego miasta mam sprawdzić pogodę?");

    private ArgumentExtractors() {}

    /**
     * A service of the catalog for a read, by canonical name or alias, nearest to the trigger within the
     * intent's scope; when none is named, a clarification made of the question and the list of catalog
     * services — never a default service.
     *
     * @param catalog    the known services
     * @param questionEn the English question, e.g. "Metrics for which service?"
     * @param questionPl the Polish question
     * @throws NullPointerException when an argument is null
     */
    public static ArgumentExtractor service(ServiceCatalog catalog, String questionEn, String questionPl) {
        return new ServiceExtractor(catalog, new Localized(questionEn, questionPl), false);
    }

    /**
     * A service of the catalog that a side effect will change: only one named in the trigger's own clause
     * ("restart payments-api"), or, when the verb is followed by "it"/"go"/"ją", the nearest one named
     * before it in the same sentence ("payments-api hangs, please bounce it"). Otherwise a clarification with
     * the list of catalog services — never a default, never a service mentioned elsewhere.
     *
     * @param catalog    the known services
     * @param questionEn the English question, e.g. "Which service should I restart?"
     * @param questionPl the Polish question
     * @throws NullPointerException when an argument is null
     */
    public static ArgumentExtractor targetService(ServiceCatalog catalog, String questionEn, String questionPl) {
        return new ServiceExtractor(catalog, new Localized(questionEn, questionPl), true);
    }

    /**
     * A time window as {@code \d+[smhd]} ("15m", "2 hours" → 2h, "last hour" / "ostatniej godziny" → 1h, "last 2
     * days" → 2d), else the default.
     *
     * @param defaultWindow e.g. {@code "15m"}
     * @throws IllegalArgumentException when the default is not {@code \d+[smhd]}
     */
    public static ArgumentExtractor window(String defaultWindow) {
        return new WindowExtractor(defaultWindow);
    }

    /** A ticket id normalised to {@code TKT-<n>} ("tkt 42" → TKT-42); without one, asks for it. */
    public static ArgumentExtractor ticketId() {
        return new TicketIdExtractor(TICKET_QUESTION);
    }

    /** A city in the nominative ("w Krakowie" → Kraków, "in new york" → New York); without one, asks for it. */
    public static ArgumentExtractor city() {
        return new CityExtractor(CITY_QUESTION);
    }

    /** A ticket title: the "title:"/"tytuł:" line, else the first sentence without the request words; ≤ 120 chars. */
    public static ArgumentExtractor title() {
        return new TitleExtractor();
    }

    /** A ticket priority: "high" for urgent wording, "low" for low-priority wording, else omitted. */
    public static ArgumentExtractor priority() {
        return new PriorityExtractor();
    }

    /**
     * A target environment, {@code prod}, {@code staging} or {@code dev} ("in prod", "na produkcji", "on
     * staging", "pre-prod" → staging), else omitted. Argument policy rules treat an omitted argument as matching
     * (fail closed), so {@code restart_service.env=prod:sre.prod} also covers a restart that names no environment.
     */
    public static ArgumentExtractor environment() {
        return new EnvironmentExtractor();
    }

    /**
     * A ticket description: the query without the request itself ("Please open a ticket, the printer is jammed" →
     * "The printer is jammed"; "Zgłoś problem z drukarką" → "Problem z drukarką"); the whole query when nothing else
     * is left.
     */
    public static ArgumentExtractor description() {
        return new DescriptionExtractor();
    }

    /** The whole query, trimmed. */
    public static ArgumentExtractor wholeInput() {
        return new InputExtractor();
    }

    /**
     * Always the same value.
     *
     * @throws NullPointerException when the value is null
     */
    public static ArgumentExtractor constant(Object value) {
        Extraction extraction = Extraction.of(Objects.requireNonNull(value, "value"));
        return context -> extraction;
    }
}
