package nc.esim.billing.reports;

import java.time.Instant;
import java.util.List;

/**
 * Active subscriptions whose period ends between {@code from} and {@code until}, soonest first: the
 * count of all of them and the first {@code subscriptions.size()} (the page asked for).
 */
public record ExpiringSubscriptions(Instant from, Instant until, long count, List<Expiring> subscriptions) {

    /** One subscription about to expire. */
    public record Expiring(String iccid, String planCode, String status, Instant validUntil, boolean autoRenew) {
    }
}
