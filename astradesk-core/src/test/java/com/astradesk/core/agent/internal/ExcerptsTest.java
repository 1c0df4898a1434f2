package com.astradesk.core.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExcerptsTest {

    @Test
    void should_start_at_the_sentence_sharing_most_words_with_the_query() {
        // given
        String text = "Passwords expire every 90 days. To reset your password, open the portal. Then sign in.";

        // when
        String excerpt = Excerpts.pick("how do I reset my password", text);

        // then
        assertThat(excerpt).isEqualTo("To reset your password, open the portal. Then sign in.");
    }

    @Test
    void should_match_words_ignoring_case_and_diacritics() {
        // given
        String text = "Drukarki obsługuje dział administracji. Hasło zmienisz w portalu.";

        // when
        String excerpt = Excerpts.pick("jak zmienić HASLO", text);

        // then
        assertThat(excerpt).isEqualTo("Hasło zmienisz w portalu.");
    }

    @Test
    void should_start_at_the_beginning_when_no_sentence_matches() {
        assertThat(Excerpts.pick("kubernetes", "First sentence. Second sentence."))
                .isEqualTo("First sentence. Second sentence.");
    }

    @Test
    void should_cut_long_text_at_a_word_boundary_with_an_ellipsis() {
        // given
        String text = "word ".repeat(300);

        // when
        String excerpt = Excerpts.pick("word", text);

        // then
        assertThat(excerpt).hasSizeLessThanOrEqualTo(Excerpts.MAX_CHARS + 1).endsWith("word…");
        assertThat(text).startsWith(excerpt.substring(0, excerpt.length() - 1));
    }

    @Test
    void should_never_split_an_emoji_when_cutting() {
        // given
        String text = "x".repeat(Excerpts.MAX_CHARS - 2) + "😀😀😀";

        // when
        String excerpt = Excerpts.pick("x", text);

        // then
        String body = excerpt.substring(0, excerpt.length() - 1);
        assertThat(Character.isHighSurrogate(body.charAt(body.length() - 1))).isFalse();
    }

    @Test
    void should_keep_the_heading_apart_and_numbered_steps_one_per_line() {
        // given: a chunk as the Markdown chunker writes it (heading path, blank line, body with hard wraps)
        String text = """
                VPN password reset > Reset it yourself

                1. Go to `https://sso.astradesk.example/reset` from any browser
                   (no VPN needed).
                2. Enter your company e-mail and approve the MFA prompt.
                3. Choose a new password: at least 14 characters.
                4. Wait up to 5 minutes, then reconnect.""";

        // when
        String excerpt = Excerpts.pick("how do I reset my VPN password", text);

        // then
        assertThat(excerpt).isEqualTo("""
                        VPN password reset > Reset it yourself
                        1. Go to `https://sso.astradesk.example/reset` from any browser (no VPN needed).
                        2. Enter your company e-mail and approve the MFA prompt.
                        3. Choose a new password: at least 14 characters.
                        4. Wait up to 5 minutes, then reconnect.""");
    }

    @Test
    void should_keep_every_polish_step_even_when_a_later_step_matches_the_question_best() {
        // given
        String text = """
                Jak zresetować hasło do VPN > Samodzielny reset

                1. Otwórz w przeglądarce `https://sso.astradesk.example/reset` (VPN nie jest potrzebny).
                2. Podaj służbowy adres e-mail i zatwierdź powiadomienie MFA w telefonie.
                3. Ustaw nowe hasło: co najmniej 14 znaków, inne niż 10 poprzednich haseł.
                4. Odczekaj do 5 minut, aż nowe hasło trafi do bramy VPN, i połącz się ponownie.""";

        // when
        String excerpt = Excerpts.pick("Jak ustawić nowe hasło do VPN?", text);

        // then
        assertThat(excerpt.lines().toList())
                .containsExactly(
                        "Jak zresetować hasło do VPN > Samodzielny reset",
                        "1. Otwórz w przeglądarce `https://sso.astradesk.example/reset` (VPN nie jest potrzebny).",
                        "2. Podaj służbowy adres e-mail i zatwierdź powiadomienie MFA w telefonie.",
                        "3. Ustaw nowe hasło: co najmniej 14 znaków, inne niż 10 poprzednich haseł.",
                        "4. Odczekaj do 5 minut, aż nowe hasło trafi do bramy VPN, i połącz się ponownie.");
    }

    @Test
    void should_keep_a_bulleted_list_with_its_lead_paragraph() {
        // given
        String text = "On-call policy > Expectations\n\nWhile on call:\n\n- Acknowledge a page within 5 minutes.\n"
                + "- Keep a laptop\n  and a charged phone with you.";

        // when
        String excerpt = Excerpts.pick("what is expected on call", text);

        // then
        assertThat(excerpt)
                .isEqualTo("On-call policy > Expectations\nWhile on call:\n- Acknowledge a page within 5 minutes.\n"
                        + "- Keep a laptop and a charged phone with you.");
    }

    @Test
    void should_cut_a_long_list_between_steps_never_inside_one() {
        // given
        var body = new StringBuilder("Runbook > Steps\n\n");
        for (int i = 1; i <= 40; i++) {
            body.append(i).append(". Step number ").append(i).append(" does one careful thing.\n");
        }

        // when
        String excerpt = Excerpts.pick("steps", body.toString());

        // then
        assertThat(excerpt)
                .hasSizeLessThanOrEqualTo("Runbook > Steps\n".length() + Excerpts.MAX_LIST_CHARS + 2)
                .endsWith("\n…");
        assertThat(excerpt.lines().filter(l -> !l.equals("…")).skip(1))
                .allSatisfy(l -> assertThat(l).matches("\\d+\\. Step number \\d+ does one careful thing\\."));
    }

    @Test
    void should_not_take_a_sentence_for_a_heading() {
        // given
        String text = "Passwords expire every 90 days.\n\nTo reset your password, open the portal.";

        // when
        Excerpts.Section section = Excerpts.section(text);

        // then
        assertThat(section.heading()).isEmpty();
        assertThat(Excerpts.pick("reset password", text)).isEqualTo("To reset your password, open the portal.");
    }

    @Test
    void should_keep_paragraphs_of_prose_apart() {
        // given
        String text = "Account locked\n\nTen failed sign-ins lock the account\nfor 30 minutes.\n\nWaiting is faster.";

        // when
        String excerpt = Excerpts.pick("account locked", text);

        // then
        assertThat(excerpt)
                .isEqualTo("Account locked\nTen failed sign-ins lock the account for 30 minutes.\nWaiting is faster.");
    }
}
