package nc.esim.billing.promotions;

import java.time.Instant;
import java.util.Comparator;

import jakarta.enterprise.context.ApplicationScoped;

import nc.esim.billing.orders.CustomerOrder;
import nc.esim.billing.orders.OrderKind;
import nc.esim.billing.orders.OrderStatus;
import nc.esim.billing.pricing.AppliedPromotion;
import nc.esim.billing.subscriptions.Subscription;

/**
 * Decides which promotion an order gets: the most generous one live at the time of the order. At most
 * one promotion per order.
 *
 * <p>Rounding: a discount is the percentage of the catalog price rounded <em>down</em> to the whole franc
 * (never more than the percentage announced).
 */
@ApplicationScoped
public class Promotions {

    /** The bonus of a subscription's first data pack; none once it has bought (or is paying for) one. */
    public AppliedPromotion forTopUp(Subscription subscription, Instant now) {
        boolean hadOne = CustomerOrder.count("subscriptionId = ?1 and kind = ?3 and status <> ?2",
                subscription.id, OrderStatus.PAYMENT_EXPIRED, OrderKind.TOP_UP) > 0;
        if (hadOne) {
            return AppliedPromotion.NONE;
        }
        return Promotion.<Promotion>stream("kind = ?1 and retired = false and validFrom <= ?2 and validUntil > ?2",
                        Promotion.Kind.FIRST_TOP_UP_BONUS, now)
                .max(Comparator.comparingLong(p -> p.bonusDataBytes))
                .map(p -> new AppliedPromotion(p.code, 0, p.bonusDataBytes)).orElse(AppliedPromotion.NONE);
    }

    /**
     * The discount of a renewal made before the subscription's end, when it makes at least the
     * promotion's number of such renewals in a row (this one included).
     */
    public AppliedPromotion forRenewal(Subscription subscription, long priceMinor, Instant now) {
        return forRenewal(subscription, priceMinor, now, true);
    }

    /**
     * As {@link #forRenewal(Subscription, long, Instant)}; {@code counts} is false for a renewal that does not
     * renew the period running now (one is bought ahead already), which makes no longer row than the last.
     */
    public AppliedPromotion forRenewal(Subscription subscription, long priceMinor, Instant now, boolean counts) {
        if (!subscription.validUntil.isAfter(now)) {
            return AppliedPromotion.NONE;
        }
        int inARow = subscription.earlyRenewalsInARow + (counts ? 1 : 0);
        return Promotion.<Promotion>stream("""
                        kind = ?1 and retired = false and validFrom <= ?2 and validUntil > ?2
                        and earlyRenewalsInARow <= ?3""", Promotion.Kind.EARLY_RENEWAL_DISCOUNT, now, inARow)
                .max(Comparator.comparingInt(p -> p.discountPercent))
                .map(p -> new AppliedPromotion(p.code, discount(priceMinor, p.discountPercent), 0))
                .orElse(AppliedPromotion.NONE);
    }

    static long discount(long priceMinor, int percent) {
        return Math.multiplyExact(priceMinor, percent) / 100;
    }
}
