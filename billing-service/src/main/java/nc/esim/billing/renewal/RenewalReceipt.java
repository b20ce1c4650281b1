package nc.esim.billing.renewal;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * What a renewal bought and what it cost, as the customer's receipt shows it. Amounts are in minor
 * units of {@code currency} (XPF has none: whole francs).
 *
 * @param periodStart the new period starts where the previous one ends, or now if that has passed
 */
public record RenewalReceipt(String orderNumber, String iccid, String planCode, long amountMinor, String currency,
                             PaymentMethod paymentMethod, String channel, Instant periodStart, Instant validUntil,
                             LocalDateTime validUntilLocal, Instant orderedAt) {
}
