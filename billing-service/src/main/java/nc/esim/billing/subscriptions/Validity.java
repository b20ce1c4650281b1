package nc.esim.billing.subscriptions;

import java.time.Instant;

import nc.esim.contracts.Zones;

/** How long a plan bought at an instant lasts. */
public final class Validity {
    private Validity() {
    }

    /**
     * A plan of N days that starts at {@code start} is valid until the end of the Pacific/Noumea day on
     * which its N × 24 h end: the customer never loses part of the last day. A period that starts at a
     * local midnight (a renewal stacked on the previous period) ends exactly N days later.
     */
    public static Instant until(Instant start, int days) {
        return start.plusSeconds(days * 86_400L).minusNanos(1).atZone(Zones.NOUMEA).toLocalDate().plusDays(1)
                .atStartOfDay(Zones.NOUMEA).toInstant();
    }
}
