package nc.esim.contracts.cdr;

import java.time.Instant;

/**
 * One charging data record from carrier mediation, topic {@code esim.cdr.v1}, key = ICCID.
 *
 * <p>A long data session or call arrives as several partial records sharing a {@code chargingId}
 * with increasing {@code sequenceNumber}s; a record's identity is
 * ({@code recordingNode}, {@code chargingId}, {@code sequenceNumber}), and a resent record carries the
 * same identity. Quantities are those of this partial record only.
 *
 * @param schemaVersion   always {@value #SCHEMA_VERSION} for this contract
 * @param recordingNode   the network element that wrote the record (PGW, MSC, SMSC)
 * @param chargingId      identifies the session or call across its partial records
 * @param sequenceNumber  1-based position of this partial record in its session
 * @param iccid           the eSIM that used the service
 * @param msisdn          its phone number (+687 and 6 digits)
 * @param type            DATA, VOICE or SMS
 * @param startTime       when the usage of this partial record started, UTC
 * @param uplinkBytes     DATA: bytes sent
 * @param downlinkBytes   DATA: bytes received
 * @param durationSeconds VOICE: seconds of this part of the call; DATA: the part's duration
 * @param counterParty    VOICE and SMS: the other party's number (personal data)
 * @param lastPartial     true on the record that closes the session or call
 */
public record CdrV1(
        int schemaVersion,
        String recordingNode,
        long chargingId,
        int sequenceNumber,
        String iccid,
        String msisdn,
        UsageType type,
        Instant startTime,
        long uplinkBytes,
        long downlinkBytes,
        long durationSeconds,
        String counterParty,
        boolean lastPartial) {

    public static final int SCHEMA_VERSION = 1;

    public long totalBytes() {
        return uplinkBytes + downlinkBytes;
    }
}
