package com.astradesk.core.redaction.internal;

import com.astradesk.core.redaction.RedactionConfig;
import com.astradesk.core.redaction.RedactionRule;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stock rules, in the order they run: whole blocks and tokens first (so their parts are not matched
 * again), then key/value secrets, then personal data. Every quantifier is bounded or possessive and every
 * pattern starts only at a word boundary, so the work is linear in the input.
 */
public final class StandardRules {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*");

    private StandardRules() {}

    /** The stock rules. */
    public static List<RedactionRule> all() {
        return all(RedactionConfig.defaults());
    }

    /** The stock rules; the e-mail rule keeps the addresses {@code config} allows. */
    public static List<RedactionRule> all(RedactionConfig config) {
        return List.of(
                RedactionRule.of(
                                "private_key",
                                "-----BEGIN [A-Z0-9 ]{1,40}+-----(?:(?:[A-Za-z0-9+/=\\s:,.]++|-(?!----))*+"
                                        + "-----END [A-Z0-9 ]{1,40}+-----|[A-Za-z0-9+/=\\s]*+)")
                        .withTrigger("-----BEGIN "),
                RedactionRule.of(
                                "jwt", "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{2,}+\\.[A-Za-z0-9_-]{2,}+\\.[A-Za-z0-9_-]*+")
                        .withTrigger("eyJ"),
                RedactionRule.of(
                                "bearer",
                                "(?i)(?<![\\p{L}\\p{N}])(?<scheme>bearer|basic)[ \\t]++(?<secret>[A-Za-z0-9\\-._~+/]{8,}+=*+)",
                                StandardRules::isAuthToken)
                        .withPrecheck(Prechecks.anyWordIgnoringCase("bearer", "basic")),
                RedactionRule.of(
                                "api_key",
                                "(?<![A-Za-z0-9_-])(?:sk-[A-Za-z0-9_-]{16,}+|(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])"
                                        + "|gh[pousr]_[A-Za-z0-9]{20,}+|github_pat_[A-Za-z0-9_]{20,}+"
                                        + "|xox[abposr]-[A-Za-z0-9-]{10,}+|AIza[0-9A-Za-z_-]{35}"
                                        + "|glpat-[A-Za-z0-9_-]{20,}+|[rs]k_(?:live|test)_[A-Za-z0-9]{16,}+)")
                        .withPrecheck(Prechecks.anyLiteral(
                                "sk-",
                                "AKIA",
                                "ASIA",
                                "gh",
                                "github_pat_",
                                "xox",
                                "AIza",
                                "glpat-",
                                "k_live_",
                                "k_test_")),
                RedactionRule.of("url_credentials", "(?<=://)[^/\\s:@]{1,256}+:(?<secret>[^/\\s@]{1,256}+)@")
                        .withPrecheck(Prechecks::urlWithAt),
                RedactionRule.of(
                                "secret",
                                "(?<![\\p{L}\\p{N}_.-])(?<key>[\\p{L}\\p{N}_.-]{1,64}+)[\"']?[ \\t]*+(?<sep>[:=])[ \\t]*+"
                                        + "(?<open>[\"']?)"
                                        + "(?<secret>(?<=\")(?:[^\"\\\\\\r\\n]|\\\\.){1,1000}+(?=\")|(?<=')[^'\\r\\n]{1,1000}+(?=')"
                                        // an unquoted value ends at a blank or a separator; "&" only before a
                                        // query parameter ("password=hunter2&user=bob", but "Tr0ub4dor&3")
                                        + "|(?:[^\\s\"'&,;}<>]|&(?![\\p{L}_][\\p{L}\\p{N}_.-]{0,64}+=)){1,1000}+)"
                                        // what follows on the line, for ProseValues
                                        + "(?=(?<after>[^\\r\\n]{0,40}+))",
                                m -> SecretKeys.isSecret(m.group("key"), m.group("secret"))
                                        && !(m.group("sep").equals(":")
                                                && m.group("open").isEmpty()
                                                && ProseValues.isProse(m.group("secret"), m.group("after"))))
                        // SecretKeys names the keys that hold secrets: the text must contain one of its name parts
                        .withPrecheck(Prechecks.anyCharAndWordIgnoringCase(":=", SecretKeys.NAME_PARTS)),
                RedactionRule.of(
                                "secret",
                                "(?i)(?<![\\p{L}\\p{N}])(?:api[ _-]?key|secret|token|password|has[lł]o)"
                                        + "(?:[ \\t]++(?:is|was))?[ \\t]++(?<secret>[A-Za-z0-9+/_-]{16,}+=*+)",
                                m -> looksLikeKey(m.group("secret")))
                        // the word, then a credential-length token: not every sentence naming a password
                        .withPrecheck(
                                Prechecks.wordThenToken(16, "key", "secret", "token", "password", "haslo", "hasło")),
                RedactionRule.of(
                                "email",
                                "(?<![\\p{L}\\p{N}._%+-])[A-Za-z0-9._%+-]{1,256}+@(?<domain>[A-Za-z0-9-]{1,63}+"
                                        + "(?:\\.[A-Za-z0-9-]{1,63}+){1,10}+)",
                                m -> isDomain(m.group("domain")) && !config.allowsEmail(m.group()))
                        .withTrigger("@"),
                RedactionRule.of(
                                "iban",
                                "(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}+(?:[ ]?[A-Z0-9]{1,3})?(?![A-Za-z0-9])",
                                m -> Checksums.iban(m.group()))
                        .withPrecheck(Prechecks::countryAndCheckDigits),
                RedactionRule.of("card", "(?<![\\d-])[2-6](?:[ -]?\\d){11,17}(?!\\d)", m -> isCard(m.group()))
                        .withPrecheck(Prechecks.digits(13)),
                RedactionRule.of("pesel", "(?<![\\d])\\d{11}(?![\\d])", m -> Checksums.pesel(m.group()))
                        .withPrecheck(Prechecks.digitRun(11)),
                RedactionRule.of(
                                "phone",
                                "(?<![\\p{L}\\p{N}+/.:_-])(?:\\+|00)?(?:\\(\\d{1,4}+\\)[ .-]?)?\\d{1,4}+"
                                        + "(?:[ .-]?\\(?\\d{1,5}+\\)?){1,6}+(?![\\p{L}\\p{N}/_])",
                                StandardRules::isPhone)
                        .withPrecheck(Prechecks.digitsAmong(8, " .-()+")));
    }

    private static boolean isAuthToken(Matcher m) {
        String token = m.group("secret");
        if (m.group("scheme").toLowerCase(Locale.ROOT).equals("basic")) {
            try {
                return new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).contains(":");
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return token.chars().anyMatch(c -> Character.isDigit(c) || "-._~+/=".indexOf(c) >= 0);
    }

    private static boolean looksLikeKey(String s) {
        return s.chars().anyMatch(Character::isDigit) && s.chars().anyMatch(Character::isLetter);
    }

    private static boolean isDomain(String domain) {
        int dot = domain.lastIndexOf('.');
        String tld = domain.substring(dot + 1);
        return tld.length() >= 2 && tld.chars().allMatch(Character::isLetter);
    }

    private static boolean isCard(String s) {
        String digits = Checksums.digits(s);
        return digits.length() >= 13 && digits.length() <= 19 && Checksums.luhn(digits);
    }

    private static boolean isPhone(Matcher m) {
        String s = m.group();
        String digits = Checksums.digits(s);
        boolean international = s.startsWith("+") || s.startsWith("00");
        if (international) {
            return digits.length() >= 8 && digits.length() <= 15;
        }
        if (digits.length() < 9
                || digits.length() > 15
                || s.indexOf('.') >= 0
                || DATE.matcher(s).matches()) {
            return false;
        }
        boolean separated = s.indexOf(' ') >= 0 || s.indexOf('-') >= 0 || s.indexOf('(') >= 0;
        if (!separated) {
            return false;
        }
        int firstGroup = 0;
        while (firstGroup < s.length() && Character.isDigit(s.charAt(firstGroup))) {
            firstGroup++;
        }
        return s.charAt(0) == '(' || firstGroup >= 2;
    }
}
