package nc.esim.billing.orders;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * What an order bought and what it cost, as the customer's receipt shows it. Amounts are in minor
 * units of {@code currency} (XPF has none: whole francs).
 *
 * @param kind        RENEWAL, TOP_UP or EXTENSION
 * @param planCode    the plan of a renewal, null for an add-on
 * @param addOnCode   the add-on of a top-up or extension, null for a renewal
 * @param periodStart when what was bought starts (a renewal stacks on the current period)
 * @param validUntil  when it ends; for an extension, the subscription's new end
 */
public record Receipt(String orderNumber, String kind, String iccid, String planCode, String addOnCode, long amountMinor,
                      String currency, PaymentMethod paymentMethod, String channel, Instant periodStart,
                      Instant validUntil, LocalDateTime validUntilLocal, Instant orderedAt) {
}
