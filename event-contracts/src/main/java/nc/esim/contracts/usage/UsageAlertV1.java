package nc.esim.contracts.usage;

import java.time.Instant;

import nc.esim.contracts.cdr.UsageType;

/**
 * A usage alert, topic {@code esim.usage.alerts.v1}, key = ICCID: a quota of an allowance crossed an
 * alert level ({@link Kind#QUOTA_LEVEL}), or the eSIM has no data left in any live allowance
 * ({@link Kind#DATA_EXHAUSTED}, once per allowance whose use emptied the last of it). What the customer
 * is told goes by the second, and by {@code dataLeftElsewhere}: a plan's 100 % is not "out of data"
 * while a pack still holds some.
 *
 * <p>An analytics topic: no phone number or other contact detail (the notifier knows the customer's
 * from the subscription facts). Records written before 2026-12-02 carry an {@code msisdn}, which
 * consumers ignore; records written before 2026-12-03 have no {@code kind} (read as QUOTA_LEVEL) and no
 * {@code dataLeftElsewhere}.
 *
 * @param allowanceId       the allowance concerned; for DATA_EXHAUSTED the one whose use emptied the last data
 * @param levelPercent      the configured level crossed (80 and 100 by default); 100 for DATA_EXHAUSTED
 * @param used              what was used of {@code limit} when the level was crossed
 * @param dataLeftElsewhere data left, when it was raised, in the eSIM's other live allowances (bytes); 0 for
 *                          DATA_EXHAUSTED and for voice and SMS
 */
public record UsageAlertV1(
        int schemaVersion,
        String iccid,
        String allowanceId,
        UsageType quota,
        int levelPercent,
        long used,
        long limit,
        Instant crossedAt,
        Kind kind,
        long dataLeftElsewhere) {

    public static final int SCHEMA_VERSION = 1;
    public static final String CLOUD_EVENT_TYPE = "nc.esim.usage.alert.v1";

    /** What the alert says. */
    public enum Kind { QUOTA_LEVEL, DATA_EXHAUSTED }

    /**
     * An alert as records before 2026-12-03 carried it: no kind (read as QUOTA_LEVEL) and nothing known
     * about the other allowances, so that consumers word it as they always did.
     */
    public UsageAlertV1(int schemaVersion, String iccid, String allowanceId, UsageType quota, int levelPercent, long used,
                        long limit, Instant crossedAt) {
        this(schemaVersion, iccid, allowanceId, quota, levelPercent, used, limit, crossedAt, null, 0);
    }

    /** The kind, QUOTA_LEVEL for a record written before kinds existed. */
    public Kind kindOrDefault() {
        return kind == null ? Kind.QUOTA_LEVEL : kind;
    }

    /**
     * True when another alert raised in the same transaction tells the customer what this one would, so
     * that it needs no message of its own: a level below 100 % passed straight to the whole quota (one
     * record took it from under 80 % to 100 %: the 100 % says it), or a data quota's 100 % with no data
     * left elsewhere (the line's DATA_EXHAUSTED says it). Never for a record from before kinds existed:
     * those are worded as they always were.
     */
    public boolean toldByAnother() {
        if (kind != Kind.QUOTA_LEVEL) {
            return false;
        }
        if (levelPercent < 100 && limit > 0 && used >= limit) {
            return true;
        }
        return quota == UsageType.DATA && levelPercent >= 100 && dataLeftElsewhere == 0;
    }

    /** The CloudEvents id: one alert per allowance, quota and level, ever; one exhaustion per allowance. */
    public String eventId() {
        return kindOrDefault() == Kind.DATA_EXHAUSTED ? allowanceId + "/DATA/exhausted"
                : allowanceId + "/" + quota + "/" + levelPercent;
    }
}
