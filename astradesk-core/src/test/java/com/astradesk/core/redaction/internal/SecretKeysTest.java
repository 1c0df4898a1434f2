package com.astradesk.core.redaction.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretKeysTest {

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(textBlock = """
            db.password,        x,                  true
            user_pin,           1234,               true
            PIN,                1234,               true
            spinner,            1234,               false
            x-api-key,          abcdefgh1234,       true
            x-api-key,          short,              false
            max_tokens,         5,                  false
            auth²header,        abcdefgh1234,       false
            session,            abcdefgh1234,       true
            hasło,              x,                  true
            service,            payments-api,       false
            """)
    void should_tell_secret_fields_by_name_segments_and_value_length(String key, String value, boolean secret) {
        assertThat(SecretKeys.isSecret(key, value)).isEqualTo(secret);
    }
}
