package com.astradesk.core.redaction.internal;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;

/** Check digits of card numbers (Luhn), IBANs (ISO 13616 mod 97) and PESEL numbers. Stateless. */
public final class Checksums {
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);
    private static final int[] PESEL_WEIGHTS = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};

    private Checksums() {}

    /** Only the digits of {@code s}. */
    public static String digits(CharSequence s) {
        var out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether the digit string passes the Luhn check. */
    public static boolean luhn(String digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return !digits.isEmpty() && sum % 10 == 0;
    }

    /** Whether {@code iban} (spaces allowed, upper-case) has valid ISO 13616 check digits and length 15–34. */
    public static boolean iban(String iban) {
        String s = iban.replace(" ", "");
        if (s.length() < 15 || s.length() > 34) {
            return false;
        }
        String rearranged = s.substring(4) + s.substring(0, 4);
        var numeric = new StringBuilder(rearranged.length() * 2);
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            if (c >= '0' && c <= '9') {
                numeric.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                numeric.append(c - 'A' + 10);
            } else {
                return false;
            }
        }
        return new BigInteger(numeric.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }

    /** Whether the 11 digits form a PESEL with a valid check digit and a real birth date. */
    public static boolean pesel(String digits) {
        if (digits.length() != 11) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += (digits.charAt(i) - '0') * PESEL_WEIGHTS[i];
        }
        if ((10 - sum % 10) % 10 != digits.charAt(10) - '0') {
            return false;
        }
        int yy = Integer.parseInt(digits.substring(0, 2));
        int mm = Integer.parseInt(digits.substring(2, 4));
        int dd = Integer.parseInt(digits.substring(4, 6));
        int century = switch (mm / 20) {
            case 0 -> 1900;
            case 1 -> 2000;
            case 2 -> 2100;
            case 3 -> 2200;
            default -> 1800;
        };
        try {
            LocalDate.of(century + yy, mm % 20, dd);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
