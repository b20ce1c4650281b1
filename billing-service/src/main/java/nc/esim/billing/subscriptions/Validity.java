package nc.esim.billing.subscriptions;

import java.time.Instant;

import nc.esim.contracts.Zones;

/** How long a plan bought at an instant lasts. */
public final class Validity {
    private Validity() {
    }

    /**
     * A plan of N days bought at {@code start} is valid until the end of the Pacific/Noumea day on which
     * {@code start + N × 24 h} falls: the customer never loses part of the last day.
     */
    public static Instant until(Instant start, int days) {
        return start.plusSeconds(days * 86_400L).atZone(Zones.NOUMEA).toLocalDate().plusDays(1)
                .atStartOfDay(Zones.NOUMEA).toInstant();
    }
}
