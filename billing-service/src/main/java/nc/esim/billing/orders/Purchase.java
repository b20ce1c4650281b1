package nc.esim.billing.orders;

import nc.esim.billing.pricing.AppliedPromotion;
import nc.esim.billing.pricing.PriceQuote;

/**
 * What one order is about; exactly one of {@code planCode} and {@code addOnCode} is set.
 *
 * @param paidAtOrder true when the channel took the payment (card, PayPal, cash in a shop); false when a
 *                    payment provider confirms later through the signed callback
 */
public record Purchase(OrderKind kind, String planCode, String addOnCode, Grant grant, PriceQuote price,
                       AppliedPromotion promotion, String channel, PaymentMethod paymentMethod, boolean paidAtOrder) {
}
