package nc.esim.usage.allowances;

import java.util.Arrays;

import nc.esim.contracts.cdr.UsageType;

/**
 * An allowance with what has been drawn on it so far, as one transaction sees and updates it while it
 * rates records. Mutable on purpose: it is the ledger of a single rating pass and never leaves it.
 */
public final class AllowanceBalance {
    private final Allowance allowance;
    private final long[] usedBefore = new long[UsageType.values().length];
    private final long[] used = new long[UsageType.values().length];
    /**
     * Per quota, what was used after each draw of this pass, in order (an alert tells where a level was
     * crossed): primitive and grown on demand, since every rated CDR adds one.
     */
    private final long[][] steps = new long[UsageType.values().length][];
    private final int[] stepCount = new int[UsageType.values().length];

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
        if (given > 0) {
            int t = type.ordinal();
            if (steps[t] == null) {
                steps[t] = new long[16];
            } else if (stepCount[t] == steps[t].length) {
                steps[t] = Arrays.copyOf(steps[t], 2 * stepCount[t]);
            }
            steps[t][stepCount[t]++] = used[t];
        }
        return given;
    }

    /**
     * What was used right after the draw of this pass that first brought the quota to at least
     * {@code percent} % of its limit: the usage at which an alert's level was crossed, whatever else the
     * same batch drew after it. The usage now when no draw of this pass reached it.
     */
    public long usedWhenReaching(UsageType type, int percent) {
        long threshold = Math.multiplyExact(allowance.quotaOf(type), (long) percent);
        int t = type.ordinal();
        for (int i = 0; i < stepCount[t]; i++) {
            if (Math.multiplyExact(steps[t][i], 100L) >= threshold) {
                return steps[t][i];
            }
        }
        return used[t];
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
