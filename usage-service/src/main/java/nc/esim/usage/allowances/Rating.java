package nc.esim.usage.allowances;

import java.time.Instant;
import java.util.List;

import nc.esim.contracts.cdr.UsageType;

/**
 * Which allowance a usage draws on: among those valid at the moment of use that have a quota of its
 * kind, the one that expires first (the brief's rule). None: out of bundle.
 *
 * <p>Walking skeleton: a record is rated as a whole. Splitting a data session across allowances when
 * one runs out, and re-rating records that arrived before their allowance, belong to the usage issue.
 */
public final class Rating {
    private Rating() {
    }

    /** The allowance id, or null when out of bundle; {@code allowances} are sorted by expiry. */
    public static String allowanceFor(List<Allowance> allowances, UsageType type, Instant usedAt) {
        for (Allowance allowance : allowances) {
            if (allowance.covers(usedAt) && allowance.quotaOf(type) > 0) {
                return allowance.allowanceId();
            }
        }
        return null;
    }
}
