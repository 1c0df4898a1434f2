package com.astradesk.core.redaction.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.redaction.RedactionRule;
import com.astradesk.core.redaction.Redactor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrechecksTest {
    /** The stock rules with every precheck removed: the regexes run over every text. */
    private static final Redactor EXHAUSTIVE = new DefaultRedactor(StandardRules.all().stream()
            .map(rule -> rule.withPrecheck(text -> true))
            .toList());

    @ParameterizedTest
    @ValueSource(
            strings = {
                "contact john.doe+it@example.com please",
                "call +48 601 234 567 now",
                "call +48601234567",
                "tel. 601-234-567",
                "US +1 (555) 123-4567",
                "tel. 601 234 567, thanks",
                "dial 0048.601.234.567 or 00 48 601 234 567",
                "card 4111 1111 1111 1111 exp",
                "card 5555555555554444",
                "iban PL61 1090 1014 0000 0712 1981 2874 ok",
                "iban PL61109010140000071219812874",
                "pesel 44051401359 here",
                "key sk-proj-abcdefghijklmnop1234",
                "aws AKIAIOSFODNN7EXAMPLE used",
                "gh ghp_abcdefghijklmnopqrstuvwxyz0123456789",
                "slack xoxb-123456789012-abcdefghij",
                "stripe sk_live_abcdefghijklmnop1234 and rk_test_abcdefghijklmnop1234",
                "google AIzaSyA1234567890abcdefghijklmnopqrstuv",
                "gitlab glpat-abcdefghijklmnopqrst1234",
                "password=hunter2&user=bob",
                "db passwd: s3cr3t!",
                "{\"password\": \"correct horse battery\"}",
                "X-Api-Key: Zm9vYmFyYmF6cXV4MTIz",
                "the API KEY is 9f8e7d6c5b4a39281726354aabb",
                "HASŁO Tajne1234567890abcdef",
                "Authorization: BEARER abcdefgh.12345678",
                "Authorization: Basic dXNlcjpwYXNzd29yZA==",
                "DATABASE_URL=postgres://app:pa55word@db:5432/x",
                "token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln",
                "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx1\n-----END RSA PRIVATE KEY-----",
                "POST /v1/agents/run -> 200 in 112.6 ms",
                "show metrics for payments-api",
                "restart payments-api in 15m",
                "server 192.168.100.200 is down",
                "deployed on 2024-05-01 at 12:30:45",
                "request 550e8400-e29b-41d4-a716-446655440000 failed",
                "Zażółć gęślą jaźń > $5 🚀",
                "Metrics for payments-api, last 15m (in-process): uptime 24s, restarts: 0",
                "session_id=abcdef123456789 and Cookie: sid=0123456789abcdef",
                "x-signature: 0123456789abcdef0123 jwt=abc.def.ghi1234",
                "pin: 1234, PIN=9876",
                "the token was\tabcdefghijklmnop1234 and the secret  is  ZYXWVUTSRQPONMLK==",
                "password isabcdefghijklmnopqrstu",
                "api-key 0123456789abcdef, API_KEY 0123456789abcdef",
                "hasło:  Tajne1234567890abcdef; haslo Tajne1234567890abcdef",
                "see https://user:pa55word@host/x and ftp://anon@mirror",
                "https://sso.example/reset then mail me@example.com",
                "password: hunter2, new password: Tr0ub4dor&3 and password=S3cr3t!x&user=bob",
                "Choose a new password: at least 14 characters; hasło: co najmniej 14 znaków",
                "password: min. 12 chars, password: 16+ characters, {\"password\": \"at least 14\"}",
                "From the knowledge base:\nVPN password reset > Reset it yourself\n"
                        + "1. Go to `https://sso.astradesk.example/reset` from any browser (no VPN needed).\n"
                        + "3. Choose a new password: at least 14 characters, not one of your last 10 passwords.\n\n"
                        + "Sources: [1] vpn-password-reset.md"
            })
    void should_redact_exactly_what_the_exhaustive_rules_redact(String text) {
        assertThat(Redactor.standard().redact(text)).isEqualTo(EXHAUSTIVE.redact(text));
    }

    @Test
    void should_skip_rules_that_cannot_match() {
        List<RedactionRule> rules = StandardRules.all();
        String accessLog = "POST /v1/agents/run -> 200 in 112.6 ms";

        List<String> running = rules.stream()
                .filter(rule -> rule.mayMatch(accessLog))
                .map(RedactionRule::name)
                .toList();

        assertThat(running).isEmpty();
    }

    @Test
    void should_not_run_the_key_value_secret_rule_over_a_pair_whose_key_names_no_secret() {
        String toolAnswer = "Metrics for payments-api, last 15m (in-process): uptime 24s, restarts: 0";

        List<String> running = StandardRules.all().stream()
                .filter(rule -> rule.mayMatch(toolAnswer))
                .map(RedactionRule::name)
                .toList();

        assertThat(running).doesNotContain("secret");
    }

    @Test
    void should_not_run_the_phrase_secret_or_url_rules_over_a_knowledge_answer_naming_a_password() {
        String answer = "VPN password reset > Reset it yourself\n"
                + "1. Go to `https://sso.astradesk.example/reset` from any browser (no VPN needed).\n"
                + "3. Choose a new password: at least 14 characters, not one of your last 10 passwords.\n"
                + "4. Wait up to 5 minutes for the new password to reach the VPN gateway. [1]\n\n"
                + "Sources: [1] vpn-password-reset.md";

        List<RedactionRule> running = StandardRules.all().stream()
                .filter(rule -> rule.mayMatch(answer))
                .toList();

        assertThat(running).extracting(RedactionRule::name).doesNotContain("url_credentials");
        assertThat(running.stream().filter(r -> r.name().equals("secret"))).hasSize(1); // the key: value rule
    }

    @Test
    void should_redact_random_texts_exactly_as_the_exhaustive_rules() {
        // fragments the phrase-secret and URL rules react to, glued at random: the prechecks must never rule out
        // a text the regexes would change
        String[] parts = {
            "password",
            "PASSWORD",
            "Token",
            "secret",
            "api key",
            "API_KEY",
            "hasło",
            "HASLO",
            "key",
            " ",
            "  ",
            "\t",
            "\n",
            "is",
            "was",
            " is ",
            " was ",
            "abcdefgh",
            "ABCDEFGH12345678",
            "0123456789abcdef",
            "+/_-",
            "==",
            ":",
            "=",
            "://",
            "https://",
            "@",
            "user",
            ".",
            ",",
            "-",
            "x",
            "Ł",
            "İ",
            "\"",
            "'",
            "at",
            " least 14",
            " characters",
            "co najmniej",
            "&3",
            "&user="
        };
        java.util.Random random = new java.util.Random(20261207);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int n = 1 + random.nextInt(12);
            for (int j = 0; j < n; j++) {
                text.append(parts[random.nextInt(parts.length)]);
            }
            String t = text.toString();
            assertThat(Redactor.standard().redact(t)).as("text [%s]", t).isEqualTo(EXHAUSTIVE.redact(t));
        }
    }

    @Test
    void should_name_a_part_of_every_secret_key_name() {
        var names = new java.util.ArrayList<String>();
        names.addAll(SecretKeys.ALWAYS_SUBSTRINGS);
        names.addAll(SecretKeys.ALWAYS_SEGMENTS);
        names.addAll(SecretKeys.LONG_SUBSTRINGS);
        names.addAll(SecretKeys.LONG_SEGMENTS);
        names.add("somekey"); // isSecret: any name ending in "key"

        assertThat(names)
                .allSatisfy(name -> assertThat(SecretKeys.NAME_PARTS)
                        .anySatisfy(part -> assertThat(name).contains(part)));
    }

    @Test
    void should_count_digits_and_runs() {
        assertThat(Prechecks.digits(3).test("a1b2c3")).isTrue();
        assertThat(Prechecks.digits(4).test("a1b2c3")).isFalse();
        assertThat(Prechecks.digitsAmong(8, " .-()+").test("+48 (601) 234-567")).isTrue();
        assertThat(Prechecks.digitsAmong(8, " .-()+").test("200 in 112.6 ms")).isFalse();
        assertThat(Prechecks.digitRun(3).test("12 345")).isTrue();
        assertThat(Prechecks.digitRun(3).test("12 34 5")).isFalse();
        assertThat(Prechecks.countryAndCheckDigits("iban PL61")).isTrue();
        assertThat(Prechecks.countryAndCheckDigits("iban pl61 P1")).isFalse();
        assertThat(Prechecks.anyWordIgnoringCase("bearer").test("BeArEr x")).isTrue();
        assertThat(Prechecks.anyWordIgnoringCase("bearer").test("bear")).isFalse();
        assertThat(Prechecks.urlWithAt("a@b https://x")).isFalse();
        assertThat(Prechecks.urlWithAt("https://x@y")).isTrue();
        assertThat(Prechecks.wordThenToken(4, "token").test("TOKEN was  abcd")).isTrue();
        assertThat(Prechecks.wordThenToken(4, "token").test("token: abcd")).isFalse();
        assertThat(Prechecks.wordThenToken(4, "token").test("token abc.d")).isFalse();
    }
}
