package com.astradesk.core.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {
    private final Redactor redactor = Redactor.standard();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            contact john.doe+it@example.com please     | john.doe+it@example.com      | [REDACTED:email]
            mail:anna@corp.example.pl.                 | anna@corp.example.pl         | [REDACTED:email]
            call +48 601 234 567 now                   | +48 601 234 567              | [REDACTED:phone]
            call +48601234567                          | +48601234567                 | [REDACTED:phone]
            tel. 601-234-567                           | 601-234-567                  | [REDACTED:phone]
            tel. 601 234 567, thanks                   | 601 234 567                  | [REDACTED:phone]
            US (555) 123-4567 office                   | (555) 123-4567               | [REDACTED:phone]
            US +1 (555) 123-4567                       | +1 (555) 123-4567            | [REDACTED:phone]
            card 4111 1111 1111 1111 exp               | 4111 1111 1111 1111          | [REDACTED:card]
            card 4111-1111-1111-1111                   | 4111-1111-1111-1111          | [REDACTED:card]
            card 5555555555554444                      | 5555555555554444             | [REDACTED:card]
            iban PL61 1090 1014 0000 0712 1981 2874 ok | PL61 1090 1014 0000 0712 1981 2874 | [REDACTED:iban]
            iban PL61109010140000071219812874          | PL61109010140000071219812874 | [REDACTED:iban]
            iban DE89 3704 0044 0532 0130 00           | DE89 3704 0044 0532 0130 00  | [REDACTED:iban]
            pesel 44051401359 here                     | 44051401359                  | [REDACTED:pesel]
            pesel 02270803624                          | 02270803624                  | [REDACTED:pesel]
            key sk-proj-abcdefghijklmnop1234           | sk-proj-abcdefghijklmnop1234 | [REDACTED:api_key]
            aws AKIAIOSFODNN7EXAMPLE used              | AKIAIOSFODNN7EXAMPLE         | [REDACTED:api_key]
            gh ghp_abcdefghijklmnopqrstuvwxyz0123456789 | ghp_abcdefghijklmnopqrstuvwxyz0123456789 | [REDACTED:api_key]
            slack xoxb-123456789012-abcdefghij         | xoxb-123456789012-abcdefghij | [REDACTED:api_key]
            """)
    void should_redact_personal_data_and_keys(String input, String secret, String marker) {
        // when
        String out = redactor.redact(input);

        // then
        assertThat(out).doesNotContain(secret).contains(marker);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            password=hunter2&user=bob                   | hunter2
            db passwd: s3cr3t!                          | s3cr3t!
            pwd=abc                                     | abc
            {"password": "correct horse battery"}       | correct horse battery
            {'client_secret':'cs-9f8e7d6c5b4a'}         | cs-9f8e7d6c5b4a
            api_key=0123456789abcdef0123                | 0123456789abcdef0123
            X-Api-Key: Zm9vYmFyYmF6cXV4MTIz             | Zm9vYmFyYmF6cXV4MTIz
            access_token=ya29.a0AfH6SMBx                | ya29.a0AfH6SMBx
            haslo=Tajne123                              | Tajne123
            hasło=Tajne123                              | Tajne123
            the api key is 9f8e7d6c5b4a39281726354aabb | 9f8e7d6c5b4a39281726354aabb
            DATABASE_URL=postgres://app:pa55word@db:5432/x | pa55word
            """)
    void should_redact_key_value_secrets_but_keep_the_key(String input, String secret) {
        // when
        String out = redactor.redact(input);

        // then
        assertThat(out).doesNotContain(secret).contains("[REDACTED:");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            password: hunter2                           | password: [REDACTED:secret]
            password=S3cr3t!x                           | password=[REDACTED:secret]
            new password: Tr0ub4dor&3                   | new password: [REDACTED:secret]
            new password: Tr0ub4dor&3 from today on     | new password: [REDACTED:secret] from today on
            password=hunter2&user=bob                   | password=[REDACTED:secret]&user=bob
            password: letmein now please                | password: [REDACTED:secret] now please
            password: at                                | password: [REDACTED:secret]
            password=at least 14 characters             | password=[REDACTED:secret] least 14 characters
            {"password": "at least 14"}                 | {"password": "[REDACTED:secret]"}
            pin: 1234 digits                            | pin: [REDACTED:secret] digits
            hasło: Tajne123 od dziś                     | hasło: [REDACTED:secret] od dziś
            """)
    void should_redact_a_password_given_after_a_colon_even_in_a_sentence(String input, String expected) {
        assertThat(redactor.redact(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "3. Choose a new password: at least 14 characters, not one of your last 10 passwords.",
                "3. Ustaw nowe hasło: co najmniej 14 znaków, inne niż 10 poprzednich haseł.",
                "Password: minimum 14 characters",
                "password: 14 characters or more",
                "new password: 16+ chars",
                "hasło: min. 12 znaków",
                "Your password: must be changed every 90 days",
                "PASSWORD: The same as your SSO password"
            })
    void should_leave_policy_prose_about_a_password_alone(String text) {
        assertThat(redactor.redact(text)).isEqualTo(text);
    }

    @Test
    void should_change_nothing_in_the_demo_knowledge_base_but_contact_addresses() throws java.io.IOException {
        // given: every document of docs/kb, whose answers the stored dialogue keeps
        List<java.nio.file.Path> documents;
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("..", "docs", "kb"))) {
            documents = files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }
        assertThat(documents).hasSizeGreaterThanOrEqualTo(10);

        // when / then: a team mailbox is an e-mail address to the redactor, nothing else is sensitive
        assertThat(documents).allSatisfy(document -> {
            String text = java.nio.file.Files.readString(document);
            assertThat(redactor.redact(text).replace("[REDACTED:email]", "security@astradesk.example"))
                    .as(document.toString())
                    .isEqualTo(text);
        });
    }

    @Test
    void should_keep_the_demo_knowledge_base_whole_when_its_role_mailbox_is_allowed() throws java.io.IOException {
        // given: the server's default allow-list, the demo knowledge base's security mailbox
        Redactor allowing =
                Redactor.standard(RedactionConfig.defaults().withAllowedEmails(List.of("security@astradesk.example")));
        List<java.nio.file.Path> documents;
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("..", "docs", "kb"))) {
            documents = files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }

        // when / then: nothing in it is redacted any more
        assertThat(documents).isNotEmpty().allSatisfy(document -> {
            String text = java.nio.file.Files.readString(document);
            assertThat(allowing.redact(text)).as(document.toString()).isEqualTo(text);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            write to security@astradesk.example today           | write to security@astradesk.example today
            write to SECURITY@AstraDesk.example today           | write to SECURITY@AstraDesk.example today
            mailto:security@astradesk.example                   | mailto:security@astradesk.example
            john.doe@astradesk.example or security@astradesk.example | [REDACTED:email] or security@astradesk.example
            xsecurity@astradesk.example                         | [REDACTED:email]
            security@astradesk.example.attacker.io              | [REDACTED:email]
            security@eu.astradesk.example                       | [REDACTED:email]
            security.team@astradesk.example                     | [REDACTED:email]
            anna@corp.example.pl                                | [REDACTED:email]
            """)
    void should_keep_only_the_allowed_role_mailbox_and_redact_personal_addresses(String text, String expected) {
        // given
        Redactor allowing =
                Redactor.standard(RedactionConfig.defaults().withAllowedEmails(List.of("security@astradesk.example")));

        // when / then
        assertThat(allowing.redact(text)).isEqualTo(expected);
    }

    @Test
    void should_redact_the_role_mailbox_too_when_nothing_is_allowed() {
        assertThat(Redactor.standard(RedactionConfig.defaults()).redact("write to security@astradesk.example"))
                .isEqualTo("write to [REDACTED:email]");
    }

    @Test
    void should_keep_a_whole_domain_only_when_it_is_configured() {
        // given: every mailbox of the service-desk domain, none of its subdomains
        Redactor allowing = Redactor.standard(
                RedactionConfig.defaults().withAllowedEmails(List.of("*@Desk.Corp.example", "noc@corp.example")));

        // when
        String out = allowing.redact(
                "desk: help@desk.corp.example, noc@corp.example; people: ann@corp.example, bob@eu.desk.corp.example");

        // then
        assertThat(out)
                .isEqualTo(
                        "desk: help@desk.corp.example, noc@corp.example; people: [REDACTED:email], [REDACTED:email]");
    }

    @Test
    void should_keep_allowed_addresses_in_values_but_still_redact_secrets() {
        // given
        Redactor allowing =
                Redactor.standard(RedactionConfig.defaults().withAllowedEmails(List.of("security@astradesk.example")));

        // when
        Object out = allowing.redactValue(
                Map.of("contact", "security@astradesk.example", "reporter", "eve@example.com", "password", "x"));

        // then
        assertThat(out)
                .isEqualTo(Map.of(
                        "contact",
                        "security@astradesk.example",
                        "reporter",
                        "[REDACTED:email]",
                        "password",
                        "[REDACTED:secret]"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"security", "@astradesk.example", "a@b", "*@*", "a@b@c.example", "team@", "a b@c.example"})
    void should_name_an_allow_list_entry_that_is_no_address(String entry) {
        assertThatThrownBy(() -> RedactionConfig.defaults().withAllowedEmails(List.of(entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowedEmails")
                .hasMessageContaining("'" + entry + "'");
    }

    @Test
    void should_fold_allow_list_entries_to_lower_case() {
        assertThat(RedactionConfig.defaults()
                        .withAllowedEmails(List.of(" Security@AstraDesk.example "))
                        .allowedEmails())
                .containsExactly("security@astradesk.example");
    }

    @Test
    void should_keep_the_field_name_of_a_json_secret() {
        assertThat(redactor.redact("{\"password\": \"correct horse\", \"user\": \"bob\"}"))
                .isEqualTo("{\"password\": \"[REDACTED:secret]\", \"user\": \"bob\"}");
    }

    @Test
    void should_redact_a_json_secret_with_escaped_quotes_entirely() {
        assertThat(redactor.redact("{\"password\": \"a\\\"b c\\\"d\", \"n\": 1}"))
                .isEqualTo("{\"password\": \"[REDACTED:secret]\", \"n\": 1}");
    }

    @Test
    void should_redact_jwt_and_bearer_tokens() {
        // given
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXBhcnQ";

        // when
        String out = redactor.redact("Authorization: Bearer " + jwt + " and Bearer abc123def456ghi");

        // then
        assertThat(out)
                .doesNotContain(jwt)
                .doesNotContain("abc123def456ghi")
                .contains("Bearer [REDACTED:jwt]")
                .contains("Bearer [REDACTED:bearer]");
    }

    @Test
    void should_redact_basic_credentials_but_not_the_word_basic() {
        String out = redactor.redact("Authorization: Basic YWxpY2U6c2VjcmV0 uses basic authentication");

        assertThat(out).doesNotContain("YWxpY2U6c2VjcmV0").contains("basic authentication");
    }

    @Test
    void should_redact_whole_pem_blocks_including_unterminated_ones() {
        // given
        String pem =
                "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx1\nQ2w3e4r5t6y7==\n-----END RSA PRIVATE KEY-----";
        String truncated = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC";

        // when
        String out = redactor.redact("key:\n" + pem + "\nafter\n" + truncated);

        // then
        assertThat(out)
                .doesNotContain("MIIEowIBAAKCAQEAx1")
                .doesNotContain("Q2w3e4r5t6y7")
                .doesNotContain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC")
                .doesNotContain("END RSA")
                .contains("after");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "restart payments-api in 15m",
                "server 192.168.100.200 is down",
                "deployed on 2024-05-01 at 12:30:45",
                "at 2026-01-01T10:15:30Z and 2026-01-01 10:15:30.123",
                "ticket TKT-42 and TKT-1234567890",
                "request 550e8400-e29b-41d4-a716-446655440000 failed",
                "max_tokens=5 and token_count=3",
                "version 1.2.3.4567890",
                "we use basic authentication and a bearer of news",
                "epoch 1700000000000 ms",
                "card-like 4111 1111 1111 1112 fails Luhn",
                "pesel-like 44051401358 fails checksum",
                "price 1 000 000 000 PLN",
                "see https://example.com/docs?page=2",
                "latency p99 1500 ms over 24h",
                "Zażółć gęślą jaźń > $5 🚀"
            })
    void should_leave_ordinary_operational_text_alone(String text) {
        assertThat(redactor.redact(text)).isEqualTo(text);
    }

    @Test
    void should_redact_values_deeply_and_by_secret_looking_keys() {
        // given
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("service", "payments-api");
        args.put("password", "x");
        args.put("api_key", "abcdefgh12345678");
        args.put("max_tokens", 500);
        args.put("notify", List.of("ops@example.com", Map.of("card", 4111111111111111L)));
        args.put("dry_run", true);

        // when
        Map<String, Object> out = redactor.redactMap(args);

        // then
        assertThat(out)
                .containsEntry("service", "payments-api")
                .containsEntry("password", "[REDACTED:secret]")
                .containsEntry("api_key", "[REDACTED:secret]")
                .containsEntry("max_tokens", 500)
                .containsEntry("dry_run", true)
                .containsEntry("notify", List.of("[REDACTED:email]", Map.of("card", "[REDACTED:card]")));
        assertThat(args).containsEntry("password", "x");
    }

    @Test
    void should_mask_emails_and_reduce_claims_for_logs() {
        assertThat(Redactor.maskEmail("john.doe@example.com")).isEqualTo("j***@example.com");
        assertThat(Redactor.maskEmail("not-an-email")).isEqualTo("***");
        assertThat(Redactor.maskEmail(null)).isEqualTo("***");

        Map<String, Object> claims =
                Map.of("sub", "alice", "email", "alice@example.com", "name", "Alice Smith", "roles", List.of("sre"));
        assertThat(Redactor.claimsForLog(claims))
                .containsOnlyKeys("sub", "email")
                .containsEntry("sub", "alice")
                .containsEntry("email", "a***@example.com");
    }

    @Test
    void should_apply_custom_rules_after_the_standard_ones() {
        Redactor custom = Redactor.standardWith(List.of(RedactionRule.of("employee_id", "\\bEMP-\\d{6}\\b")));

        assertThat(custom.redact("EMP-123456 mailed bob@example.com"))
                .isEqualTo("[REDACTED:employee_id] mailed [REDACTED:email]");
    }

    @Test
    void should_reject_rule_names_that_would_break_the_marker() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> RedactionRule.of("Bad Name]", "x"))
                .withMessageContaining("rule name");
    }

    @Test
    void should_finish_quickly_on_100_kb_of_hostile_input() {
        // given: long runs that make naive patterns backtrack
        List<String> inputs = new ArrayList<>();
        inputs.add("a".repeat(100_000) + "@");
        inputs.add("a.".repeat(50_000) + "@x");
        inputs.add("1 ".repeat(50_000));
        inputs.add("1-".repeat(50_000));
        inputs.add("password=".repeat(11_000));
        inputs.add("-----BEGIN X-----".repeat(6_000));
        inputs.add("eyJ".repeat(33_000) + ".");
        inputs.add("x@y.".repeat(25_000));
        inputs.add("+(1)".repeat(25_000));
        inputs.add("PL61 ".repeat(20_000));
        inputs.add("bearer ".repeat(15_000));

        // when / then: each finishes and keeps the text size in bounds
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (String input : inputs) {
                assertThat(redactor.redact(input).length()).isLessThanOrEqualTo(input.length() * 4);
            }
        });
    }
}
