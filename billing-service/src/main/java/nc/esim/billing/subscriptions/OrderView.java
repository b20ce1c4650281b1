package nc.esim.billing.subscriptions;

import java.time.Instant;

/**
 * One line of a subscription's bill history. Amounts in minor units of {@code currency}.
 *
 * @param kind      SALE, RENEWAL, TOP_UP or EXTENSION
 * @param periodEnd the current end of what the order granted (an extension moves it)
 */
public record OrderView(String orderNumber, String kind, String planCode, String addOnCode, long amountMinor,
                        String currency, String channel, String paymentMethod, Instant periodStart, Instant periodEnd,
                        Instant orderedAt) {

    static OrderView of(CustomerOrder o) {
        return new OrderView(o.orderNumber, o.kind, o.planCode, o.addOnCode, o.amountMinor, o.currency, o.channel,
                o.paymentMethod, o.periodStart, o.periodEnd, o.createdAt);
    }
}
