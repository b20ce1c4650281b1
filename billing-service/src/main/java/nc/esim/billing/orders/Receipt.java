package nc.esim.billing.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import nc.esim.billing.subscriptions.Subscription;
import nc.esim.contracts.Zones;

/**
 * What an order bought and what it cost, as the customer's receipt shows it. Amounts are in minor units
 * of {@code currency} (XPF has none: whole francs).
 *
 * @param status          CONFIRMED, or AWAITING_PAYMENT until the payment provider confirms by {@code paymentDueBy}
 * @param planCode        the plan of a renewal, null for an add-on
 * @param addOnCode       the add-on of a top-up or extension, null for a renewal
 * @param amountMinor     the catalog price, in XPF
 * @param discountMinor   a promotion's discount, in XPF
 * @param promotionCode   the promotion applied, if any
 * @param bonusDataBytes  data a promotion added to what was bought
 * @param feeMinor        the conversion fee, in XPF (0 when paid in XPF)
 * @param totalMinor      price - discount + fee, in XPF
 * @param paidCurrency    the currency paid in
 * @param paidAmountMinor what was paid, in minor units of {@code paidCurrency}
 * @param rateXpfPerUnit  the rate snapshotted at payment time; null when paid in XPF
 * @param periodStart     when what was bought starts (a renewal stacks on the current period); null until paid
 * @param validUntil      when it ends (exclusive); for an extension, the subscription's new end; null until paid
 * @param validUntilLocal the last Pacific/Noumea minute it is valid, as messages show it
 */
public record Receipt(String orderNumber, OrderKind kind, OrderStatus status, String iccid, String planCode, String addOnCode,
                      long amountMinor, long discountMinor, String promotionCode, long bonusDataBytes, long feeMinor,
                      long totalMinor, String currency, String paidCurrency,
                      @Schema(description = "What was paid, in minor units of paidCurrency; absent until paid") Long paidAmountMinor,
                      BigDecimal rateXpfPerUnit, PaymentMethod paymentMethod, String channel, Instant paymentDueBy,
                      Instant periodStart, Instant validUntil, LocalDateTime validUntilLocal, Instant orderedAt) {

    /** The receipt of an order as it stands: until it is paid, what it will cost and by when to pay. */
    public static Receipt of(Subscription subscription, CustomerOrder order) {
        Instant validUntil = order.periodEnd;
        return new Receipt(order.orderNumber, order.kind, order.status, subscription.iccid, order.planCode,
                order.addOnCode, order.amountMinor, order.discountMinor, order.promotionCode, order.bonusDataBytes,
                order.feeMinor, order.totalMinor(), order.currency,
                order.paidCurrency, order.paidAmountMinor, order.rateXpfPerUnit, PaymentMethod.valueOf(order.paymentMethod),
                order.channel, order.paymentDueBy, order.periodStart, validUntil,
                validUntil == null ? null : Zones.lastValidMinute(validUntil), order.createdAt);
    }
}
