package nc.esim.contracts.usage;

import java.time.Instant;
import java.util.List;

import nc.esim.contracts.cdr.UsageType;

/**
 * An accepted CDR rated against the allowances, topic {@code esim.usage.recorded.v1}, key = ICCID.
 * Counter-party numbers are not carried: analytics gets usage, not personal data.
 *
 * <p>A record is published when it is first counted ({@code ratingVersion} 1) and again, with the
 * next version, each time it is re-rated because an allowance that covers it arrived later. The
 * CloudEvents id is the record's identity and its rating version; for one identity, the highest
 * version is the current rating.
 *
 * @param quantity      bytes (DATA), seconds (VOICE) or 1 (SMS)
 * @param localDate     the Pacific/Noumea calendar day of {@code startTime}
 * @param draws         what each allowance covered, the one that expires first first; empty when none
 * @param outOfBundle   what no allowance covered
 * @param ratingVersion 1 on arrival, then 2, 3, … on each re-rating
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
        List<AllowanceDraw> draws,
        long outOfBundle,
        int ratingVersion) {

    public static final int SCHEMA_VERSION = 1;
    public static final String CLOUD_EVENT_TYPE = "nc.esim.usage.recorded.v1";

    /** A quantity drawn on one allowance. */
    public record AllowanceDraw(String allowanceId, long quantity) {
    }

    /**
     * The CloudEvents id of this rating of this record: its identity, its start time in microseconds
     * since the Unix epoch (usage-service's records are unique with it), and the rating version.
     */
    public String eventId() {
        long startMicros = startTime.getEpochSecond() * 1_000_000L + startTime.getNano() / 1_000;
        return recordingNode + "/" + chargingId + "/" + sequenceNumber + "/" + startMicros + "/r" + ratingVersion;
    }
}
