package nc.esim.support.sms;

import java.io.ByteArrayOutputStream;

/**
 * The GSM 03.38 default alphabet (data_coding 0 on SMPP), one unpacked septet per octet as SMPP carries
 * it: the basic table, and the extension table reached through the escape septet 0x1B (so that
 * {@code € [ ] { } \ ~ ^ |} count twice). French needs it for é, è, à, ù; Chinese does not fit and
 * goes as UCS-2.
 */
public final class GsmAlphabet {
    public static final int ESCAPE = 0x1B;
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** Extension characters and the septet each is escaped to. */
    private static final String EXTENSION = "\f^{}\\[~]|€";
    private static final int[] EXTENSION_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

    /**
     * Characters without a GSM code and the GSM text that stands for them, as operators commonly send them:
     * "ç" as "Ç" (GSM has only the capital), other accented vowels without their accent, typographic quotes,
     * dashes and spaces as plain ones. One of these costs a French text its GSM-7 encoding, and so half of
     * its length per part and often a second part.
     */
    private static final String FOLD_FROM = "çâêëîïôûÿáíóúãõœŒÀÂÁÃÈÊËÎÏÍÔÓÕÙÛÚŸ’‘‚“”„«»–—\u00A0\u202F\u2009…";
    private static final String[] FOLD_TO = {"Ç", "a", "e", "e", "i", "i", "o", "u", "y", "a", "i", "o", "u", "a", "o",
            "oe", "OE", "A", "A", "A", "A", "E", "E", "E", "I", "I", "I", "O", "O", "O", "U", "U", "U", "Y", "'", "'", "'",
            "\"", "\"", "\"", "\"", "\"", "-", "-", " ", " ", " ", "..."};

    private GsmAlphabet() {
    }

    /**
     * {@code text} with each character of {@link #FOLD_FROM} replaced by its GSM stand-in; the other
     * characters as they are (the result may still not be encodable: Chinese stays Chinese).
     */
    public static String fold(String text) {
        StringBuilder folded = null;
        for (int i = 0; i < text.length(); i++) {
            int at = FOLD_FROM.indexOf(text.charAt(i));
            if (at >= 0 && folded == null) {
                folded = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (folded != null) {
                if (at >= 0) {
                    folded.append(FOLD_TO[at]);
                } else {
                    folded.append(text.charAt(i));
                }
            }
        }
        return folded == null ? text : folded.toString();
    }

    /** Whether every character of {@code text} has a GSM 7-bit code. */
    public static boolean canEncode(String text) {
        return text.chars().allMatch(c -> c != ESCAPE && (BASIC.indexOf(c) >= 0 || EXTENSION.indexOf(c) >= 0));
    }

    /** How many septets {@code text} takes (extension characters take two). */
    public static int septets(String text) {
        return text.chars().map(c -> EXTENSION.indexOf(c) >= 0 ? 2 : 1).sum();
    }

    /** The septets of {@code text}, one per octet; call {@link #canEncode} first. */
    public static byte[] encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        text.chars().forEach(c -> {
            int extension = EXTENSION.indexOf(c);
            if (extension >= 0) {
                out.write(ESCAPE);
                out.write(EXTENSION_CODES[extension]);
            } else {
                int basic = BASIC.indexOf(c);
                if (basic < 0 || c == ESCAPE) {
                    throw new IllegalArgumentException("no GSM 7-bit code for U+" + Integer.toHexString(c));
                }
                out.write(basic);
            }
        });
        return out.toByteArray();
    }

    /** The text of unpacked septets (an unknown code reads as '?'). */
    public static String decode(byte[] septets) {
        StringBuilder text = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int code = septets[i] & 0x7F;
            if (code == ESCAPE && i + 1 < septets.length) {
                int next = septets[++i] & 0x7F;
                char extension = '?';
                for (int e = 0; e < EXTENSION_CODES.length; e++) {
                    if (EXTENSION_CODES[e] == next) {
                        extension = EXTENSION.charAt(e);
                    }
                }
                text.append(extension);
            } else {
                text.append(code < BASIC.length() ? BASIC.charAt(code) : '?');
            }
        }
        return text.toString();
    }
}
