package nc.esim.usage.allowances;

import nc.esim.contracts.cdr.UsageType;

/**
 * An allowance with what has been drawn on it so far, as one transaction sees and updates it while it
 * rates records. Mutable on purpose: it is the ledger of a single rating pass and never leaves it.
 */
public final class AllowanceBalance {
    private final Allowance allowance;
    private final long[] usedBefore = new long[UsageType.values().length];
    private final long[] used = new long[UsageType.values().length];

    public AllowanceBalance(Allowance allowance, long dataBytes, long voiceSeconds, long smsCount) {
        this.allowance = allowance;
        usedBefore[UsageType.DATA.ordinal()] = used[UsageType.DATA.ordinal()] = dataBytes;
        usedBefore[UsageType.VOICE.ordinal()] = used[UsageType.VOICE.ordinal()] = voiceSeconds;
        usedBefore[UsageType.SMS.ordinal()] = used[UsageType.SMS.ordinal()] = smsCount;
    }

    public Allowance allowance() {
        return allowance;
    }

    public long remaining(UsageType type) {
        return Math.max(0, allowance.quotaOf(type) - used[type.ordinal()]);
    }

    /** Draws up to {@code wanted}; returns what it could give. */
    long draw(UsageType type, long wanted) {
        long given = Math.min(wanted, remaining(type));
        used[type.ordinal()] += given;
        return given;
    }

    public long used(UsageType type) {
        return used[type.ordinal()];
    }

    public long usedBefore(UsageType type) {
        return usedBefore[type.ordinal()];
    }

    public boolean changed() {
        for (UsageType type : UsageType.values()) {
            if (used[type.ordinal()] != usedBefore[type.ordinal()]) {
                return true;
            }
        }
        return false;
    }
}
