package nc.esim.contracts;

import java.util.regex.Pattern;

/** The number formats of the domain: ICCID (ITU-T E.118) and New Caledonian MSISDNs. */
public final class Identifiers {
    /** 89 (telecom) + 687 (New Caledonia) + issuer and serial digits + Luhn check digit; 19 or 20 digits. */
    private static final Pattern ICCID = Pattern.compile("89687\\d{14,15}");
    private static final Pattern MSISDN = Pattern.compile("\\+687\\d{6}");

    private Identifiers() {
    }

    public static boolean isValidIccid(String iccid) {
        return iccid != null && ICCID.matcher(iccid).matches() && luhnValid(iccid);
    }

    public static boolean isValidMsisdn(String msisdn) {
        return msisdn != null && MSISDN.matcher(msisdn).matches();
    }

    /** Appends the Luhn check digit to a body of digits. */
    public static String withLuhnDigit(String digits) {
        return digits + luhnCheckDigit(digits);
    }

    static boolean luhnValid(String digits) {
        return luhnCheckDigit(digits.substring(0, digits.length() - 1)) == digits.charAt(digits.length() - 1) - '0';
    }

    private static int luhnCheckDigit(String body) {
        int sum = 0;
        boolean doubled = true; // the digit next to the check digit is doubled
        for (int i = body.length() - 1; i >= 0; i--) {
            int d = body.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new IllegalArgumentException("not a digit string");
            }
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }
}
