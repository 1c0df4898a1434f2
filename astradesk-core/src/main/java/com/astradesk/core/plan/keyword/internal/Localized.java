package com.astradesk.core.plan.keyword.internal;

import com.astradesk.core.text.Language;
import java.util.Objects;

/**
 * A short text in English and Polish. Immutable.
 *
 * @param en the English text
 * @param pl the Polish text
 */
public record Localized(String en, String pl) {
    public Localized {
        Objects.requireNonNull(en, "en");
        Objects.requireNonNull(pl, "pl");
    }

    /** The text in the language. */
    public String in(Language language) {
        return language == Language.PL ? pl : en;
    }
}
