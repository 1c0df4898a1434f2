package com.astradesk.tools.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.keyword.KeywordPlanner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ticket titles and descriptions read by the default rules from many English and Polish phrasings: the command
 * phrase ("create a ticket", "zgłoś problem z", "utwórz zgłoszenie") is in neither, a problem noun the command ends
 * with stays in the title in the nominative ("Zgłoś problem z drukarką" → "Problem z drukarką", never "Z drukarką").
 */
class TicketRequestArgumentsTest {
    private final KeywordPlanner planner = KeywordPlanner.builder().build();

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # Polish: a problem noun ending the command belongs to the title
            Zgłoś problem z drukarką na 3 piętrze                  | Problem z drukarką na 3 piętrze        | Problem z drukarką na 3 piętrze
            zgłoś problem z drukarką                               | Problem z drukarką                     | Problem z drukarką
            Zgłoś problem z logowaniem do Jiry                     | Problem z logowaniem do Jiry           | Problem z logowaniem do Jiry
            Proszę zgłosić problem z pocztą                        | Problem z pocztą                       | Problem z pocztą
            Chciałbym zgłosić problem z pocztą, maile nie dochodzą | Problem z pocztą, maile nie dochodzą   | Problem z pocztą, maile nie dochodzą
            Zgłoś awarię sieci w magazynie                         | Awaria sieci w magazynie               | Awaria sieci w magazynie
            zgłoś awarię poczty, nikt nie może wysłać maili        | Awaria poczty, nikt nie może wysłać maili | Awaria poczty, nikt nie może wysłać maili
            Zgłoś usterkę projektora w sali 2                      | Usterka projektora w sali 2            | Usterka projektora w sali 2
            Proszę zgłosić usterkę projektora w sali konferencyjnej | Usterka projektora w sali konferencyjnej | Usterka projektora w sali konferencyjnej
            # Polish: a colon or a topic word after the noun introduces the content
            Zgłaszam problem: Teams się zawiesza                   | Teams się zawiesza                     | Teams się zawiesza
            Zgłoś problem: nie działa Outlook                      | Nie działa Outlook                     | Nie działa Outlook
            zgłoś awarię: strona firmowa nie działa                | Strona firmowa nie działa              | Strona firmowa nie działa
            # Polish: a topic phrase governing the genitive stays, so the title reads naturally
            Utwórz zgłoszenie w sprawie drukarki                   | W sprawie drukarki                     | W sprawie drukarki
            Załóż proszę zgłoszenie w sprawie nowego laptopa       | W sprawie nowego laptopa               | W sprawie nowego laptopa
            Utwórz nowe zgłoszenie dotyczące drukarki w księgowości | Dotyczy drukarki w księgowości        | Dotyczy drukarki w księgowości
            Załóż zgłoszenie na temat dostępu do VPN-a             | Na temat dostępu do VPN-a              | Na temat dostępu do VPN-a
            Zgłoś problem w sprawie drukarki na 2 piętrze          | W sprawie drukarki na 2 piętrze        | W sprawie drukarki na 2 piętrze
            # Polish: ticket nouns and courtesy words
            Utwórz zgłoszenie: drukarka nie drukuje                | Drukarka nie drukuje                   | Drukarka nie drukuje
            Załóż zgłoszenie: nie działa drukarka na 2 piętrze     | Nie działa drukarka na 2 piętrze       | Nie działa drukarka na 2 piętrze
            Proszę o założenie zgłoszenia, VPN nie łączy się od rana | VPN nie łączy się od rana            | VPN nie łączy się od rana
            Czy możesz założyć zgłoszenie? Słuchawki przestały działać | Słuchawki przestały działać        | Słuchawki przestały działać
            załóż ticket, monitor miga                             | Monitor miga                           | Monitor miga
            otwórz ticket: nie mogę zainstalować Zooma             | Nie mogę zainstalować Zooma            | Nie mogę zainstalować Zooma
            Mamy awarię internetu w biurze, załóż zgłoszenie       | Mamy awarię internetu w biurze         | Mamy awarię internetu w biurze
            Mam problem z VPN. Proszę o założenie zgłoszenia.      | Mam problem z VPN                      | Mam problem z VPN.
            zgłoś, że nie działa skaner                            | Nie działa skaner                      | Nie działa skaner
            Awaria! Nie działa system kadrowy, załóżcie zgłoszenie natychmiast | Nie działa system kadrowy | Awaria! Nie działa system kadrowy
            # English: problem nouns stay, topic words go
            report a problem with the printer on floor 3           | Problem with the printer on floor 3    | Problem with the printer on floor 3
            Report an outage of the intranet                       | Outage of the intranet                 | Outage of the intranet
            I want to report an issue with the payroll app, it shows wrong hours | Issue with the payroll app, it shows wrong hours | Issue with the payroll app, it shows wrong hours
            report the printer problem                             | Printer problem                        | Printer problem
            Report an incident: customers can't pay with card      | Customers can't pay with card          | Customers can't pay with card
            Can you log an incident for the CRM outage?            | The CRM outage                         | The CRM outage?
            Raise an incident, the whole floor lost network access | The whole floor lost network access    | The whole floor lost network access
            Please report this outage: the company website is down | The company website is down           | The company website is down
            # English: ticket nouns, courtesy before, request after the problem
            create a ticket for the broken printer                 | The broken printer                     | The broken printer
            open a ticket about the VPN dropping every hour        | The VPN dropping every hour            | The VPN dropping every hour
            Please create a ticket, the shared drive is not accessible | The shared drive is not accessible | The shared drive is not accessible
            Outlook won't start since this morning. Can you raise a ticket for me? | Outlook won't start since this morning | Outlook won't start since this morning.
            The VPN is down for the whole Berlin office, please log a ticket | The VPN is down for the whole Berlin office | The VPN is down for the whole Berlin office
            we have an outage in the call center phones, open a ticket asap | We have an outage in the call center phones | We have an outage in the call center phones
            hey, can you open a ticket? my account got locked out  | My account got locked out              | My account got locked out
            new ticket: can't log in to Jira                       | Can't log in to Jira                   | Can't log in to Jira
            I need a ticket: my laptop screen is flickering        | My laptop screen is flickering         | My laptop screen is flickering
            """)
    void should_leave_the_command_phrase_out_of_title_and_description(String query, String title, String description) {
        // when
        Plan plan = planner.plan(Requests.all(query));

        // then
        assertThat(plan.steps()).hasSize(1);
        assertThat(plan.steps().get(0).tool()).isEqualTo("create_ticket");
        assertThat(plan.steps().get(0).arguments())
                .containsEntry("title", title)
                .containsEntry("description", description);
    }
}
