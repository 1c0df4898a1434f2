package com.astradesk.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.knowledge.KnowledgeChunk;
import com.astradesk.core.memory.RecordingRunJournal;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.tool.ToolRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The extractive knowledge answer (no answer model): it keeps the source's structure, answers from a document in the
 * question's language when one matches, and cites exactly the chunks it quotes.
 */
class AgentKnowledgeAnswerTest {
    private static final KnowledgeChunk EN_STEPS = new KnowledgeChunk("vpn-password-reset.md", 1, """
            VPN password reset > Reset it yourself

            1. Go to `https://sso.astradesk.example/reset` from any browser (no VPN needed).
            2. Enter your company e-mail and approve the MFA prompt.
            3. Choose a new password: at least 14 characters, not one of your last 10 passwords.
            4. Wait up to 5 minutes for the new password to reach the VPN gateway, then reconnect.""", 0.82);
    private static final KnowledgeChunk PL_STEPS = new KnowledgeChunk("jak-zresetowac-haslo-do-vpn.md", 1, """
            Jak zresetować hasło do VPN > Samodzielny reset

            1. Otwórz w przeglądarce `https://sso.astradesk.example/reset` (VPN nie jest potrzebny).
            2. Podaj służbowy adres e-mail i zatwierdź powiadomienie MFA w telefonie.
            3. Ustaw nowe hasło: co najmniej 14 znaków, inne niż 10 poprzednich haseł.
            4. Odczekaj do 5 minut, aż nowe hasło trafi do bramy VPN, i połącz się ponownie.""", 0.71);
    private static final KnowledgeChunk EN_MFA = new KnowledgeChunk(
            "mfa.md", 0, "MFA\n\nYou need an enrolled MFA app before a VPN password reset works.", 0.55);

    private static Agent agent(List<KnowledgeChunk> chunks) {
        return Agent.builder("support")
                .withPlanner(request -> Plan.empty())
                .withToolRegistry(ToolRegistry.builder().build())
                .withRetriever(query -> chunks)
                .withRunJournal(new RecordingRunJournal())
                .build();
    }

    private static AgentResult ask(List<KnowledgeChunk> chunks, String question) {
        return agent(chunks).run(AgentRequest.of(question), Principal.of("ann"));
    }

    @Test
    void should_store_the_password_rules_of_the_answer_unredacted_in_both_languages() {
        // given
        var journal = new RecordingRunJournal();
        Agent agent = Agent.builder("support")
                .withPlanner(request -> Plan.empty())
                .withToolRegistry(ToolRegistry.builder().build())
                .withRetriever(query -> List.of(EN_STEPS, PL_STEPS))
                .withRunJournal(journal)
                .build();

        // when
        AgentResult english = agent.run(AgentRequest.of("How do I reset my VPN password?"), Principal.of("ann"));
        AgentResult polish = agent.run(AgentRequest.of("Jak zresetować hasło do VPN?"), Principal.of("ann"));

        // then: policy prose after "password:" is not a secret; the stored copy is the answer the user got
        assertThat(journal.dialogues)
                .extracting(com.astradesk.core.memory.DialogueRecord::answer)
                .containsExactly(english.output(), polish.output());
        assertThat(english.output()).contains("new password: at least 14 characters");
        assertThat(polish.output()).contains("nowe hasło: co najmniej 14 znaków");
    }

    @Test
    void should_put_the_heading_on_its_own_line_and_every_step_on_its_own_line() {
        // when
        AgentResult result = ask(List.of(EN_STEPS), "How do I reset my VPN password?");

        // then
        assertThat(result.output()).isEqualTo("""
                        From the knowledge base:
                        VPN password reset > Reset it yourself
                        1. Go to `https://sso.astradesk.example/reset` from any browser (no VPN needed).
                        2. Enter your company e-mail and approve the MFA prompt.
                        3. Choose a new password: at least 14 characters, not one of your last 10 passwords.
                        4. Wait up to 5 minutes for the new password to reach the VPN gateway, then reconnect. [1]

                        Sources: [1] vpn-password-reset.md""");
    }

    @Test
    void should_cite_only_the_chunks_the_answer_quotes() {
        // when: the second document scores well under the best one, so it is not quoted
        AgentResult result = ask(List.of(EN_STEPS, EN_MFA), "How do I reset my VPN password?");

        // then
        assertThat(result.output())
                .doesNotContain("mfa.md")
                .doesNotContain("[2]")
                .endsWith("Sources: [1] vpn-password-reset.md");
        assertThat(result.citations()).extracting(Citation::source).containsExactly("vpn-password-reset.md");
    }

    @Test
    void should_cite_a_second_document_when_it_is_quoted_too() {
        // given
        KnowledgeChunk closeSecond = new KnowledgeChunk(EN_MFA.source(), 0, EN_MFA.text(), 0.80);

        // when
        AgentResult result = ask(List.of(EN_STEPS, closeSecond), "How do I reset my VPN password?");

        // then
        assertThat(result.output())
                .contains(
                        "then reconnect. [1]\n\nMFA\nYou need an enrolled MFA app before a VPN password reset works. [2]")
                .endsWith("Sources: [1] vpn-password-reset.md, [2] mfa.md");
        assertThat(result.citations()).extracting(Citation::source).containsExactly("vpn-password-reset.md", "mfa.md");
    }

    @Test
    void should_answer_a_polish_question_from_the_polish_document_with_all_its_steps() {
        // when: the English translation scores higher, but a Polish document matches too
        AgentResult result = ask(List.of(EN_STEPS, PL_STEPS), "Jak zresetować hasło do VPN?");

        // then
        assertThat(result.output().lines().toList())
                .containsExactly(
                        "Według bazy wiedzy:",
                        "Jak zresetować hasło do VPN > Samodzielny reset",
                        "1. Otwórz w przeglądarce `https://sso.astradesk.example/reset` (VPN nie jest potrzebny).",
                        "2. Podaj służbowy adres e-mail i zatwierdź powiadomienie MFA w telefonie.",
                        "3. Ustaw nowe hasło: co najmniej 14 znaków, inne niż 10 poprzednich haseł.",
                        "4. Odczekaj do 5 minut, aż nowe hasło trafi do bramy VPN, i połącz się ponownie. [1]",
                        "",
                        "Źródła: [1] jak-zresetowac-haslo-do-vpn.md");
        assertThat(result.citations()).extracting(Citation::source).containsExactly("jak-zresetowac-haslo-do-vpn.md");
    }

    @Test
    void should_answer_an_english_question_from_the_english_document() {
        // given: the Polish document scores higher this time
        KnowledgeChunk polishFirst = new KnowledgeChunk(PL_STEPS.source(), 1, PL_STEPS.text(), 0.9);

        // when
        AgentResult result = ask(List.of(polishFirst, EN_STEPS), "How do I reset my VPN password?");

        // then
        assertThat(result.output()).contains("1. Go to").doesNotContain("Otwórz");
        assertThat(result.citations()).extracting(Citation::source).containsExactly("vpn-password-reset.md");
    }

    @Test
    void should_answer_a_polish_question_from_an_english_document_when_no_polish_one_matches() {
        // when
        AgentResult result = ask(List.of(EN_STEPS), "Jak zresetować hasło do VPN?");

        // then
        assertThat(result.output()).startsWith("Według bazy wiedzy:\nVPN password reset > Reset it yourself\n1. Go to");
        assertThat(result.citations()).extracting(Citation::source).containsExactly("vpn-password-reset.md");
    }
}
