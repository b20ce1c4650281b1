package nc.esim.billing.orders;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One line of a subscription's bill history. Amounts in minor units of {@code currency}.
 *
 * @param status    CONFIRMED, AWAITING_PAYMENT, PAYMENT_EXPIRED or REFUND_DUE
 * @param discountMinor  a promotion's discount in XPF; promotionCode names it, bonusDataBytes is a promotion's extra data
 * @param feeMinor  the conversion fee in XPF; paidCurrency, paidAmountMinor and rateXpfPerUnit say what was
 *                  paid and at which rate, snapshotted at payment time
 * @param totalMinor what the order costs in XPF: amount - discount + fee (what the receipt said)
 * @param periodEnd the current end of what the order granted (an extension moves it)
 */
public record OrderView(String orderNumber, OrderKind kind, OrderStatus status, String planCode,
                        String addOnCode, long amountMinor, long discountMinor, String promotionCode, long bonusDataBytes,
                        long feeMinor, long totalMinor, String currency, String paidCurrency,
                        @Schema(description = "What was paid, in minor units of paidCurrency; absent until paid") Long paidAmountMinor,
                        java.math.BigDecimal rateXpfPerUnit, String channel, String paymentMethod, Instant periodStart,
                        Instant periodEnd, Instant orderedAt) {

    public static OrderView of(CustomerOrder o) {
        return new OrderView(o.orderNumber, o.kind, o.status, o.planCode, o.addOnCode, o.amountMinor, o.discountMinor,
                o.promotionCode, o.bonusDataBytes, o.feeMinor, o.totalMinor(), o.currency,
                o.paidCurrency, o.paidAmountMinor, o.rateXpfPerUnit, o.channel, o.paymentMethod, o.periodStart,
                o.periodEnd, o.createdAt);
    }
}
