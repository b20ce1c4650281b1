package nc.esim.contracts.usage;

import java.time.Instant;

/**
 * What an eSIM bound to a customer account has left in its live allowances, topic
 * {@code esim.usage.balance.v1}, key = ICCID, written by usage-service for the eSIMs customers have
 * bound (the app's home screen, served by billing-service), when a binding arrives, when an allowance
 * is granted or ends, and when usage changes it. A consumer keeps, per ICCID, the event with the latest
 * {@code asOf}. Not an analytics topic.
 *
 * @param dataLeftBytes  data left in every live allowance together; likewise voice and SMS
 * @param dataLimitBytes data granted by the live allowances together
 * @param validUntil     when the last live allowance ends (exclusive), UTC; null when none is live
 * @param asOf           when usage-service read the figures
 */
public record UsageBalanceV1(int schemaVersion, String iccid, long dataLeftBytes, long dataLimitBytes,
                             long voiceLeftSeconds, long smsLeft, Instant validUntil, Instant asOf) {
    public static final int SCHEMA_VERSION = 1;
    public static final String CLOUD_EVENT_TYPE = "nc.esim.usage.balance.v1";

    /** The CloudEvents id: one per ICCID and reading. */
    public String eventId() {
        return iccid + "/" + asOf.toEpochMilli();
    }
}
