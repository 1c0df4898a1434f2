package com.astradesk.tools.weather.internal;

import com.astradesk.core.text.Language;
import com.astradesk.tools.support.internal.Texts;
import java.util.Optional;

/** Words for WMO weather interpretation codes (as used by Open-Meteo), in English or Polish. */
final class WeatherCodes {
    private WeatherCodes() {}

    static Optional<String> describe(Language l, int code) {
        String en;
        String pl;
        if (code == 0) {
            en = "clear sky";
            pl = "bezchmurnie";
        } else if (code >= 1 && code <= 2) {
            en = "partly cloudy";
            pl = "częściowe zachmurzenie";
        } else if (code == 3) {
            en = "overcast";
            pl = "pochmurno";
        } else if (code == 45 || code == 48) {
            en = "fog";
            pl = "mgła";
        } else if (code >= 51 && code <= 57) {
            en = "drizzle";
            pl = "mżawka";
        } else if ((code >= 61 && code <= 67) || (code >= 80 && code <= 82)) {
            en = "rain";
            pl = "deszcz";
        } else if ((code >= 71 && code <= 77) || code == 85 || code == 86) {
            en = "snow";
            pl = "śnieg";
        } else if (code >= 95 && code <= 99) {
            en = "thunderstorm";
            pl = "burza";
        } else {
            return Optional.empty();
        }
        return Optional.of(Texts.pick(l, en, pl));
    }
}
