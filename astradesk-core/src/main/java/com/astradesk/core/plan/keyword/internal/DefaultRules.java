package com.astradesk.core.plan.keyword.internal;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.plan.keyword.ArgumentExtractors;
import com.astradesk.core.plan.keyword.IntentRule;
import com.astradesk.core.plan.keyword.IntentRule.Placement;
import java.util.List;

/**
 * The built-in table of intents for the DESIGN.md tools, English and Polish. Earlier rules win when two
 * triggers overlap ("create a ticket about the status page" is a new ticket, not a status question).
 */
public final class DefaultRules {
    private static final List<String> HOW_TO = List.of(
            "how do i",
            "how do we",
            "how to",
            "how can i",
            "how can we",
            "how should i",
            "how does",
            "where do i",
            "where can i",
            "jak mog*",
            "jak moge",
            "jak mam",
            "jak sie",
            "jak zrobic",
            "gdzie moge");
    private static final List<String> DONT = List.of("don't", "dont", "do not", "never", "nigdy");

    private DefaultRules() {}

    /** The default rules over the catalog. */
    public static List<IntentRule> rules(ServiceCatalog catalog) {
        return List.of(createTicket(), ticketStatus(), restart(catalog), metrics(catalog), weather());
    }

    private static IntentRule createTicket() {
        return IntentRule.builder("create_ticket", "create_ticket")
                .withTriggers(
                        "open ... ticket*",
                        "create ... ticket*",
                        "file ... ticket*",
                        "raise ... ticket*",
                        "submit ... ticket*",
                        "log ... ticket*",
                        "new ticket",
                        "open ... support request",
                        "utworz ... zgloszeni*",
                        "utworz ... ticket*",
                        "zaloz ... zgloszeni*",
                        "zaloz ... ticket*",
                        "zglos ... zgloszeni*",
                        "zglos ... ticket*",
                        "zglos ... problem*",
                        "zglos ... awari*",
                        "zglos ... usterk*",
                        "otworz ... zgloszeni*",
                        "otworz ... ticket*",
                        "stworz ... zgloszeni*",
                        "stworz ... ticket*",
                        "dodaj ... zgloszeni*",
                        "nowe zgloszenie",
                        "nowy ticket",
                        "zalozenie ... zgloszeni*",
                        "utworzenie ... zgloszeni*",
                        "otwarcie ... zgloszeni*")
                .withBlockers(HOW_TO)
                .withBlockers(DONT)
                .withBlockers(
                        "should i",
                        "do i need",
                        "jak zaloz*",
                        "jak utworz*",
                        "jak zglos*",
                        "jak otworz*",
                        "jak stworz*",
                        "jak dodac",
                        "czy musze",
                        "czy powinienem",
                        "czy powinnam",
                        "no need",
                        "nie zakladaj",
                        "nie tworz",
                        "nie otwieraj",
                        "nie zglaszaj",
                        "nie trzeba",
                        "nie ma potrzeby")
                .withArgument("title", ArgumentExtractors.title())
                .withArgument("description", ArgumentExtractors.wholeInput())
                .withArgument("priority", ArgumentExtractors.priority())
                .withPlacement(Placement.CLAUSE_START)
                .withClaimsRestOfSentence(true)
                .build();
    }

    private static IntentRule ticketStatus() {
        return IntentRule.builder("ticket_status", "get_ticket")
                .withTriggers(
                        "status ... ticket*",
                        "ticket* ... status",
                        "status ... tkt",
                        "tkt ... status",
                        "check ... ticket*",
                        "check ... tkt",
                        "show ... ticket*",
                        "show ... tkt",
                        "get ticket*",
                        "look up ... ticket*",
                        "lookup ... ticket*",
                        "what ... tkt",
                        "what's ... tkt",
                        "where ... tkt",
                        "progress ... ticket*",
                        "update on ... ticket*",
                        "update on ... tkt",
                        "status ... zgloszeni*",
                        "zgloszeni* ... status",
                        "stan ... zgloszeni*",
                        "sprawdz ... zgloszeni*",
                        "sprawdz ... ticket*",
                        "sprawdz ... tkt",
                        "pokaz ... zgloszeni*",
                        "pokaz ... tkt",
                        "co ... z ... zgloszeni*",
                        "co ... z ... tkt",
                        "status tkt")
                .withBlockers(HOW_TO)
                .withBlockers("jak sprawdz*", "jak sledzic", "how often")
                .withArgument("ticket_id", ArgumentExtractors.ticketId())
                .build();
    }

    private static IntentRule restart(ServiceCatalog catalog) {
        return IntentRule.builder("restart", "restart_service")
                .withTriggers(
                        "restart",
                        "reboot",
                        "bounce",
                        "cycle",
                        "recycle",
                        "power cycle",
                        "relaunch",
                        "start ... again",
                        "restartuj",
                        "zrestart*",
                        "przeladuj",
                        "przeladowac",
                        "uruchom* ... ponownie",
                        "ponownie uruchom*",
                        "zrob restart")
                .withBlockers(HOW_TO)
                .withBlockers(DONT)
                .withBlockers(
                        "why",
                        "when",
                        "was",
                        "were",
                        "did",
                        "has been",
                        "have been",
                        "had",
                        "yesterday",
                        "ago",
                        "last time",
                        "history",
                        "fail*",
                        "bounce rate",
                        "count",
                        "counter",
                        "loop",
                        "policy",
                        "log",
                        "logs",
                        "metric*",
                        "events",
                        "how many",
                        "number of",
                        "ile",
                        "liczba",
                        "licznik",
                        "petla",
                        "polityka",
                        "logi",
                        "metryk*",
                        "nie restartuj",
                        "nie zrestartuj*",
                        "nie uruchamiaj",
                        "nie przeladowuj",
                        "dlaczego",
                        "czemu",
                        "kiedy",
                        "byl",
                        "byla",
                        "bylo",
                        "zostal*",
                        "wczoraj",
                        "przedwczoraj",
                        "temu",
                        "historia",
                        "historii",
                        "nie udal*",
                        "nieudan*",
                        "jak zrestart*",
                        "jak restart*",
                        "jak uruchomic",
                        "jak przeladowac")
                .withArgument(
                        "service",
                        ArgumentExtractors.targetService(
                                catalog, "Which service should I restart?", "Którą usługę mam zrestartować?"))
                .withPlacement(Placement.CLAUSE_START)
                .build();
    }

    private static IntentRule metrics(ServiceCatalog catalog) {
        return IntentRule.builder("metrics", "get_metrics")
                .withTriggers(
                        "metric*",
                        "metryk*",
                        "latency",
                        "latencj*",
                        "error rate*",
                        "cpu",
                        "throughput",
                        "opoznieni*",
                        "przepustowosc*",
                        "obciazeni*",
                        "stats",
                        "statystyk*",
                        "wydajnosc*",
                        "p95",
                        "p99")
                .withBlockers(HOW_TO)
                .withBlockers(
                        "how do",
                        "how are",
                        "what are",
                        "what is a",
                        "jak dodac",
                        "jak skonfigur*",
                        "jak ustawic",
                        "jak zbierac",
                        "jak wlaczyc",
                        "jak dzialaj*",
                        "co to",
                        "czym sa",
                        "czym jest")
                .withArgument(
                        "service",
                        ArgumentExtractors.service(
                                catalog, "Metrics for which service?", "Dla której usługi mam pokazać metryki?"))
                .withArgument("window", ArgumentExtractors.window("15m"))
                .build();
    }

    private static IntentRule weather() {
        return IntentRule.builder("weather", "get_weather")
                .withTriggers(
                        "weather",
                        "pogod*",
                        "temperature in",
                        "temperatura w",
                        "temperatura we",
                        "rain",
                        "raining",
                        "snow",
                        "snowing",
                        "czy ... pada",
                        "deszcz*")
                .withBlockers(HOW_TO)
                .withArgument("city", ArgumentExtractors.city())
                .build();
    }
}
