package nc.esim.contracts.usage;

import java.time.Instant;

import nc.esim.contracts.cdr.UsageType;

/**
 * An accepted CDR rated against an allowance, topic {@code esim.usage.recorded.v1}, key = ICCID.
 * Counter-party numbers are not carried: analytics gets usage, not personal data.
 *
 * @param allowanceId the allowance it drew on, null when out of bundle
 * @param quantity    bytes (DATA), seconds (VOICE) or 1 (SMS)
 * @param localDate   the Pacific/Noumea calendar day of {@code startTime}
 */
public record UsageRecordedV1(
        int schemaVersion,
        String recordingNode,
        long chargingId,
        int sequenceNumber,
        String iccid,
        UsageType type,
        Instant startTime,
        String localDate,
        long quantity,
        String allowanceId,
        boolean inBundle) {

    public static final int SCHEMA_VERSION = 1;
}
