package nc.esim.usage.records;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of records ended, handed to the client as an opaque token: the sort key of the last
 * record shown. The next page starts strictly after it (keyset pagination: no OFFSET, so page 1,000 is
 * as cheap as page 1 and records arriving meanwhile neither repeat nor skip one).
 */
record RecordCursor(long startMicros, String recordingNode, long chargingId, int sequenceNumber) {

    String encode() {
        String plain = startMicros + "|" + chargingId + "|" + sequenceNumber + "|" + recordingNode;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Empty when the token is not one this API issued. */
    static Optional<RecordCursor> decode(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", 4);
            if (parts.length != 4 || parts[3].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new RecordCursor(Long.parseLong(parts[0]), parts[3], Long.parseLong(parts[1]),
                    Integer.parseInt(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
