package nc.esim.notification.sms;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import nc.esim.support.sms.GsmAlphabet;

/**
 * How a text goes on the air: GSM 7-bit (data_coding 0) when every character has a GSM code, or would have
 * once the few without one are given their usual stand-ins ({@link GsmAlphabet#fold}: "ç" as "Ç", "ê" as
 * "e", typographic quotes as plain ones); else UCS-2 (data_coding 8; Chinese always), the text unchanged. A text longer than one SMS (160 septets, 70 UCS-2 characters)
 * is cut into parts of 153 septets or 67 characters, never inside an escape pair or a surrogate pair,
 * sent as a concatenated message (SAR parameters).
 */
public record SmsEncoding(byte dataCoding, List<byte[]> parts) {
    public static final byte GSM_7 = 0x00;
    public static final byte UCS_2 = 0x08;

    public static SmsEncoding of(String original) {
        String folded = GsmAlphabet.fold(original);
        String text = GsmAlphabet.canEncode(folded) ? folded : original;
        if (GsmAlphabet.canEncode(text)) {
            if (GsmAlphabet.septets(text) <= 160) {
                return new SmsEncoding(GSM_7, List.of(GsmAlphabet.encode(text)));
            }
            List<byte[]> parts = new ArrayList<>();
            StringBuilder part = new StringBuilder();
            int septets = 0;
            for (int i = 0; i < text.length(); i++) {
                String c = String.valueOf(text.charAt(i));
                int size = GsmAlphabet.septets(c);
                if (septets + size > 153) {
                    parts.add(GsmAlphabet.encode(part.toString()));
                    part.setLength(0);
                    septets = 0;
                }
                part.append(c);
                septets += size;
            }
            parts.add(GsmAlphabet.encode(part.toString()));
            return new SmsEncoding(GSM_7, parts);
        }
        if (text.length() <= 70) {
            return new SmsEncoding(UCS_2, List.of(text.getBytes(StandardCharsets.UTF_16BE)));
        }
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + 67);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            parts.add(text.substring(start, end).getBytes(StandardCharsets.UTF_16BE));
            start = end;
        }
        return new SmsEncoding(UCS_2, parts);
    }

    /** The text of one part as it was encoded. */
    public static String decode(byte dataCoding, byte[] part) {
        return dataCoding == UCS_2 ? new String(part, StandardCharsets.UTF_16BE) : GsmAlphabet.decode(part);
    }
}
