package nc.esim.contracts.usage;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One eSIM's usage on one closed Pacific/Noumea day, topic {@code esim.usage.daily.v1}, key = ICCID.
 * Sent once the day is over, and again whenever a late CDR or a re-rating changes it: a consumer keeps,
 * per ICCID and day, the event with the highest {@code revision}. An analytics topic: no phone number or
 * contact detail, nothing but the ICCID.
 *
 * @param day       the local day the usage happened on
 * @param dataBytes data used that day, in and out of bundle; likewise voice and SMS
 * @param records   usage records counted on that day
 * @param revision  grows with every change of the day's figures
 * @param asOf      when usage-service read the figures
 */
public record UsageDailyV1(
        int schemaVersion,
        String iccid,
        LocalDate day,
        long dataBytes,
        long voiceSeconds,
        long smsCount,
        long records,
        long outOfBundleDataBytes,
        long outOfBundleVoiceSeconds,
        long outOfBundleSmsCount,
        long revision,
        Instant asOf) {

    public static final int SCHEMA_VERSION = 1;
    public static final String CLOUD_EVENT_TYPE = "nc.esim.usage.daily.v1";

    /** The CloudEvents id: one per ICCID, day and revision. */
    public String eventId() {
        return iccid + "/" + day + "/r" + revision;
    }
}
