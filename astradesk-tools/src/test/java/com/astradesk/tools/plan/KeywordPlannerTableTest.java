package com.astradesk.tools.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.plan.keyword.KeywordPlanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The default rules over the default catalog, one query per row. Expected: {@code -} for an empty plan,
 * {@code ? text} for a clarification containing the text, else steps separated by {@code ;}, each a tool name
 * and {@code name=value} arguments separated by {@code &} ({@code $input} stands for the whole query).
 */
class KeywordPlannerTableTest {
    private final KeywordPlanner planner = KeywordPlanner.builder().build();

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # restart, English
            restart service payments-api                          | restart_service service=payments-api
            bounce the database                                   | restart_service service=database
            REBOOT the Payments API please                        | restart_service service=payments-api
            Can you please cycle auth?                            | restart_service service=auth-service
            start the search service again                        | restart_service service=search-service
            power cycle the web app                               | restart_service service=webapp
            payments-api is slow, please bounce it                | restart_service service=payments-api
            restart payments-api, then restart the database       | restart_service service=payments-api
            Could you restart search? It hangs.                   | restart_service service=search-service
            restart payments_api                                  | restart_service service=payments-api
            can you restart the auth service and the search service? | restart_service service=auth-service
            # restart, Polish, with and without diacritics
            Restartuj usługę api-gateway                          | restart_service service=api-gateway
            restartuj usluge api-gateway                          | restart_service service=api-gateway
            uruchom ponownie webapp                               | restart_service service=webapp
            Zrestartuj bazę postgres                              | restart_service service=database
            przeładuj gateway                                     | restart_service service=api-gateway
            Czy możesz zrestartować payments?                     | restart_service service=payments-api
            VPN nie działa, zrestartuj auth-service               | restart_service service=auth-service
            Zrestartuj usługę payments-api bo nie odpowiada       | restart_service service=payments-api
            # restart without a catalog service: ask, never a default
            restart foo-service                                   | ? Known services: webapp, payments-api
            restart                                               | ? Which service should I restart?
            zrestartuj coś                                        | ? Znane usługi: webapp, payments-api
            payments-api is fine, restart the printer             | ? Known services: webapp, payments-api
            restart the printer, payments-api is fine             | ? Which service should I restart?
            uruchom go ponownie: chodzi o webapp                  | ? Znane usługi
            webapp wisi, zrestartuj ją                            | restart_service service=webapp
            # restart: past events, negations, knowledge questions, mentions
            why was payments-api restarted?                       | -
            Was payments-api restarted yesterday?                 | -
            when did you restart payments-api?                    | -
            kiedy był restart payments-api?                       | -
            kiedy byl restart payments-api                        | -
            don't restart payments-api                            | -
            nie restartuj payments-api                            | -
            Please do not restart the database                    | -
            How do I restart the webapp?                          | -
            the last restart of payments-api failed               | -
            what is the bounce rate of webapp                     | -
            restart count for payments-api                        | -
            stop the world                                        | -
            # metrics
            pokaż metryki dla payments-api z ostatniej 1h         | get_metrics service=payments-api & window=1h
            pokaz metryki dla payments-api z ostatniej 1h         | get_metrics service=payments-api & window=1h
            show metrics for webapp                               | get_metrics service=webapp & window=15m
            latency of payments api over the last 2 days          | get_metrics service=payments-api & window=2d
            Metrics for DB in the last hour                       | get_metrics service=database & window=1h
            Metryki search-service z ostatniej godziny            | get_metrics service=search-service & window=1h
            ile błędów ma payments-api w ostatniej godzinie?      | get_metrics service=payments-api & window=1h
            metryki webapp w ostatniej dobie                      | get_metrics service=webapp & window=1d
            metryki webapp w ostatnim tygodniu                    | get_metrics service=webapp & window=7d
            CPU of api gateway 30m                                | get_metrics service=api-gateway & window=30m
            error rate of auth for the past 45 minutes            | get_metrics service=auth-service & window=45m
            metrics for payments-api in the last 90 minutes       | get_metrics service=payments-api & window=90m
            pokaż metryki gateway za ostatnie 24h                 | get_metrics service=api-gateway & window=24h
            show metrics                                          | ? Metrics for which service? Known services:
            pokaż metryki                                         | ? Dla której usługi mam pokazać metryki?
            metrics for billing-service                           | ? Known services: webapp, payments-api
            # metrics asked as a question: a named service makes "what is" a metrics question (issue: knowledge answer)
            what is the error rate of payments-api?               | get_metrics service=payments-api & window=15m
            What is the p99 for webapp in the last 2 hours?       | get_metrics service=webapp & window=2h
            what's the latency of auth?                           | get_metrics service=auth-service & window=15m
            jaki jest współczynnik błędów payments-api?           | get_metrics service=payments-api & window=15m
            ile błędów ma payments-api?                           | get_metrics service=payments-api & window=15m
            # without a service, or asking what a term means, it stays a knowledge question
            what is the error rate?                               | -
            what is latency                                       | -
            what is an error budget?                              | -
            what is the error budget of payments-api?             | -
            what is a good latency for webapp?                    | -
            what does p99 mean for webapp?                        | -
            what is the difference between p95 and p99 for webapp? | -
            explain the difference between p95 and p99 for webapp | -
            how is p99 computed for webapp?                       | -
            how is the error rate of payments-api calculated?     | -
            what is the meaning of p99 for webapp?                | -
            różnica między p95 i p99 dla webapp                  | -
            jak liczony jest p99 dla webapp?                      | -
            # "mean" the verb asks what a term means; "mean" the statistic asks for data (regression: "mean" blocked both)
            what does mean time to recovery mean?                 | -
            what does mean latency mean for webapp?               | -
            what do 5xx errors mean for webapp?                   | -
            what do you mean by p99 for webapp?                   | -
            # a blocking phrase around the trigger blocks it across "and" (regression: "what do p95" planned the metrics)
            what do p95 and p99 mean for webapp?                  | -
            co oznaczają p99 dla webapp?                          | -
            show mean latency for webapp                          | get_metrics service=webapp & window=15m
            what is the mean latency of webapp?                   | get_metrics service=webapp & window=15m
            mean response time of payments-api over the last 2h   | get_metrics service=payments-api & window=2h
            show average latency for webapp                       | get_metrics service=webapp & window=15m
            średnie opóźnienie webapp z ostatniej godziny         | get_metrics service=webapp & window=1h
            # ... while the same terms asked of a service's data still plan the metrics
            what is the p99 of webapp?                            | get_metrics service=webapp & window=15m
            show p95 latency for webapp                           | get_metrics service=webapp & window=15m
            show p95 and p99 for webapp                           | get_metrics service=webapp & window=15m
            latency between 10:00 and 11:00 for webapp           | get_metrics service=webapp & window=15m
            pokaż p95 i p99 dla webapp                            | get_metrics service=webapp & window=15m
            restart webapp and show metrics for payments-api      | restart_service service=webapp ; get_metrics service=payments-api & window=15m
            what is the VPN policy?                               | -
            what is the error rate? payments-api is fine.         | -
            czym jest współczynnik błędów?                        | -
            # ticket status
            check ticket TKT-123 status                           | get_ticket ticket_id=TKT-123
            tkt-42 status please                                  | get_ticket ticket_id=TKT-42
            what is the status of ticket TKT 7?                   | get_ticket ticket_id=TKT-7
            sprawdź status zgłoszenia TKT-123                     | get_ticket ticket_id=TKT-123
            sprawdz zgloszenie tkt 55                             | get_ticket ticket_id=TKT-55
            What's up with TKT-42?                                | get_ticket ticket_id=TKT-42
            status zgłoszenia 42                                  | get_ticket ticket_id=TKT-42
            Nie zakładaj zgłoszenia, tylko sprawdź TKT-5          | get_ticket ticket_id=TKT-5
            check my ticket status                                | ? TKT-123
            jaki jest status mojego zgłoszenia?                   | ? Podaj jego identyfikator
            # ticket creation needs explicit wording
            Please open a ticket: VPN drops every hour            | create_ticket title=VPN drops every hour & description=VPN drops every hour
            Create an urgent ticket about the broken printer      | create_ticket title=The broken printer & description=The broken printer & priority=high
            file a low priority ticket for a new keyboard         | create_ticket title=A new keyboard & description=A new keyboard & priority=low
            I'd like to raise a ticket because the VPN is down    | create_ticket title=The VPN is down & description=The VPN is down
            Załóż zgłoszenie: drukarka nie drukuje. To pilne!     | create_ticket title=Drukarka nie drukuje & description=Drukarka nie drukuje. To pilne! & priority=high
            zaloz zgloszenie: nowa myszka, niski priorytet        | create_ticket title=Nowa myszka, niski priorytet & description=Nowa myszka, niski priorytet & priority=low
            Outlook keeps crashing, please open a ticket.         | create_ticket title=Outlook keeps crashing & description=Outlook keeps crashing
            Open a ticket: restart of payments-api broke login    | create_ticket title=Restart of payments-api broke login & description=Restart of payments-api broke login
            create a ticket about the status page                 | create_ticket title=The status page & description=The status page
            Zgłoś problem: nie działa Outlook                     | create_ticket title=Nie działa Outlook & description=Nie działa Outlook
            What's the process to open a ticket?                  | -
            Is it possible to file a ticket by e-mail?            | -
            I'd like a new ticket for a broken mouse              | create_ticket title=A broken mouse & description=A broken mouse
            Mam problem z VPN. Proszę o założenie zgłoszenia.     | create_ticket title=Mam problem z VPN & description=Mam problem z VPN.
            Jak najszybciej załóż zgłoszenie: brak internetu      | create_ticket title=Brak internetu & description=Brak internetu
            How do I reset my VPN password?                       | -
            jak zresetować hasło do VPN?                          | -
            How do I open a ticket?                               | -
            jak założyć zgłoszenie?                               | -
            my laptop is broken                                   | -
            # weather
            weather in Warsaw                                     | get_weather city=Warsaw
            what's the weather for Gdansk?                        | get_weather city=Gdansk
            pogoda w Krakowie                                     | get_weather city=Kraków
            Jaka jest pogoda we Wrocławiu jutro?                  | get_weather city=Wrocław
            pogoda w lodzi                                        | get_weather city=Łódź
            weather in new york today                             | get_weather city=New York
            pogoda dla Gdańska                                    | get_weather city=Gdańsk
            pogoda Kraków                                         | get_weather city=Kraków
            Weather in São Paulo                                  | get_weather city=São Paulo
            weather at the office                                 | ? For which city
            what's the weather like?                              | ? For which city
            jaka jest pogoda?                                     | ? Dla jakiego miasta
            # several intents, in order
            restart payments-api and show metrics for database    | restart_service service=payments-api ; get_metrics service=database & window=15m
            pokaż metryki webapp i zrestartuj auth                | get_metrics service=webapp & window=15m ; restart_service service=auth-service
            weather in Warsaw and status of ticket TKT-9          | get_weather city=Warsaw ; get_ticket ticket_id=TKT-9
            Open a ticket about the payments metrics. Show metrics for webapp | create_ticket title=The payments metrics & description=The payments metrics. ; get_metrics service=webapp & window=15m
            # nothing to do
            What is Kubernetes?                                   | -
            """)
    void should_plan_query_as_the_table_says(String query, String expected) {
        // given
        var request = Requests.all(query);

        // when
        Plan plan = planner.plan(request);

        // then
        if (expected.equals("-")) {
            assertThat(plan.isEmpty()).as("plan %s", plan).isTrue();
        } else if (expected.startsWith("?")) {
            assertThat(plan.steps()).isEmpty();
            assertThat(plan.clarification())
                    .hasValueSatisfying(
                            q -> assertThat(q).contains(expected.substring(1).strip()));
        } else {
            assertThat(plan.clarification()).isEmpty();
            assertThat(plan.steps()).containsExactlyElementsOf(steps(expected, query));
        }
    }

    private static List<PlanStep> steps(String expected, String query) {
        var steps = new ArrayList<PlanStep>();
        for (String step : expected.split(";")) {
            String s = step.strip();
            int space = s.indexOf(' ');
            String tool = space < 0 ? s : s.substring(0, space);
            Map<String, Object> args = new LinkedHashMap<>();
            if (space > 0) {
                for (String pair : s.substring(space + 1).split("&")) {
                    String[] kv = pair.strip().split("=", 2);
                    args.put(kv[0], kv[1].equals("$input") ? query.strip() : kv[1]);
                }
            }
            steps.add(new PlanStep(tool, args));
        }
        return steps;
    }
}
