package nc.esim.support.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How personal data looks wherever it is shown masked (API answers that hide it, and every log line):
 * a phone number keeps its country code (+687) and last two digits, an email its first letter and
 * domain, an ICCID its issuer prefix (89687) and last four digits.
 */
public final class PersonalData {
    private static final int PHONE_TAIL = 2;
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern ICCID = Pattern.compile("(?<!\\d)89\\d{16,18}(?!\\d)");
    private static final Pattern PHONE = Pattern.compile("\\+\\d{6,15}(?!\\d)");

    private PersonalData() {
    }

    /** {@code +687771234} → {@code +687****34}; {@code +61412345678} → {@code +*********78}. */
    public static String phoneNumber(String number) {
        if (number == null || number.isEmpty()) {
            return number;
        }
        String prefix = number.startsWith("+687") ? "+687" : number.startsWith("+") ? "+" : "";
        int tail = Math.min(PHONE_TAIL, Math.max(0, number.length() - prefix.length() - 1));
        int hidden = number.length() - prefix.length() - tail;
        return prefix + "*".repeat(Math.max(0, hidden)) + number.substring(number.length() - tail);
    }

    /** {@code marie@example.nc} → {@code m***@example.nc}. */
    public static String email(String email) {
        if (email == null || email.isEmpty()) {
            return email;
        }
        int at = email.indexOf('@');
        return at > 0 ? email.charAt(0) + "***" + email.substring(at) : "***";
    }

    /** {@code 8968701000000000017} → {@code 89687**********0017}. */
    public static String iccid(String iccid) {
        if (iccid == null || iccid.length() < 10) {
            return iccid;
        }
        return iccid.substring(0, 5) + "*".repeat(iccid.length() - 9) + iccid.substring(iccid.length() - 4);
    }

    /** A message destination: an email or a phone number. */
    public static String destination(String destination) {
        return destination != null && destination.indexOf('@') > 0 ? email(destination) : phoneNumber(destination);
    }

    /** Masks every email, ICCID and international phone number found in free text (a log message). */
    public static String inText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = replace(EMAIL, text, PersonalData::email);
        masked = replace(ICCID, masked, PersonalData::iccid);
        return replace(PHONE, masked, PersonalData::phoneNumber);
    }

    private static String replace(Pattern pattern, String text, java.util.function.UnaryOperator<String> mask) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            matcher.appendReplacement(out, Matcher.quoteReplacement(mask.apply(matcher.group())));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }
}
