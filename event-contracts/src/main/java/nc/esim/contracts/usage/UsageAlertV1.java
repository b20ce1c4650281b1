package nc.esim.contracts.usage;

import java.time.Instant;

import nc.esim.contracts.cdr.UsageType;

/**
 * A quota of an allowance crossed an alert level, topic {@code esim.usage.alerts.v1}, key = ICCID.
 * An analytics topic: no phone number or other contact detail (the notifier knows the customer's
 * from the subscription facts). Records written before 2026-12-02 carry an {@code msisdn}, which
 * consumers ignore.
 *
 * @param levelPercent the configured level crossed (80 and 100 by default)
 */
public record UsageAlertV1(
        int schemaVersion,
        String iccid,
        String allowanceId,
        UsageType quota,
        int levelPercent,
        long used,
        long limit,
        Instant crossedAt) {

    public static final int SCHEMA_VERSION = 1;
    public static final String CLOUD_EVENT_TYPE = "nc.esim.usage.alert.v1";

    /** The CloudEvents id: one alert per allowance, quota and level, ever. */
    public String eventId() {
        return allowanceId + "/" + quota + "/" + levelPercent;
    }
}
