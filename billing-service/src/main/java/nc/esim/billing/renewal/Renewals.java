package nc.esim.billing.renewal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import nc.esim.billing.BillingConfig;
import nc.esim.billing.catalog.Plan;
import nc.esim.billing.orders.Checkout;
import nc.esim.billing.orders.CustomerOrder;
import nc.esim.billing.orders.Grant;
import nc.esim.billing.orders.OrderKind;
import nc.esim.billing.orders.OrderStatus;
import nc.esim.billing.orders.PaymentMethod;
import nc.esim.billing.orders.Purchase;
import nc.esim.billing.orders.Receipt;
import nc.esim.billing.orders.SubscriptionEvents;
import nc.esim.billing.pricing.AppliedPromotion;
import nc.esim.billing.pricing.PriceQuote;
import nc.esim.billing.pricing.Pricing;
import nc.esim.billing.promotions.Promotions;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.billing.subscriptions.Validity;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.support.problems.Problems;

/**
 * Renews a subscription for one more period of its plan (or another plan on sale), stacked on the
 * current validity, or starting now within the grace period after expiry. The order, the new validity
 * and the RENEWED event (with the allowance it grants) commit together, under the subscription's lock.
 * Paid by a method that confirms later, the order waits and the period is granted on confirmation.
 */
@ApplicationScoped
public class Renewals {
    /** The channel of renewals the platform places itself for subscriptions with auto-renewal on. */
    public static final String AUTO_RENEWAL_CHANNEL = "AUTO_RENEWAL";

    private final Checkout checkout;
    private final BillingConfig config;
    private final Pricing pricing;
    private final Promotions promotions;
    private final Clock clock;
    private final SubscriptionEvents events;

    public Renewals(Checkout checkout, BillingConfig config, Pricing pricing, Promotions promotions, Clock clock,
                    SubscriptionEvents events) {
        this.clock = clock;
        this.events = events;
        this.checkout = checkout;
        this.pricing = pricing;
        this.config = config;
        this.promotions = promotions;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Receipt renew(String iccid, RenewalRequest request) {
        Subscription subscription = checkout.lock(iccid);
        String planCode = request.planCode() == null || request.planCode().isBlank() ? subscription.planCode : request.planCode();
        // a retired plan is no longer sold, but its subscribers may keep renewing it
        Plan plan = Plan.<Plan>findByIdOptional(planCode).filter(p -> !p.retired || p.code.equals(subscription.planCode))
                .orElseThrow(() -> Problems.of(422, "plan-not-on-sale", "Plan not on sale",
                        "No plan on sale has the code " + planCode + "; renew with a plan on sale"));
        Instant now = clock.instant();
        if (subscription.validUntil.plus(config.renewal().grace()).isBefore(now)) {
            throw Problems.of(409, "grace-period-over", "Grace period over",
                    "This subscription expired more than " + config.renewal().grace().toDays()
                    + " days ago; its number is no longer kept. Buy a new plan instead.");
        }
        long ahead = periodsAhead(subscription, now, null, true);
        if (ahead >= config.renewal().maxPeriodsAhead()) {
            throw Problems.of(409, "too-far-ahead", "Renewed too far ahead",
                    "This subscription already has " + ahead + " period" + (ahead == 1 ? "" : "s") + " bought ahead; at most "
                    + config.renewal().maxPeriodsAhead() + " may be. Renew again once the next period has begun.");
        }
        CustomerOrder order = place(subscription, plan, request.channel().name(), request.paymentMethod(),
                request.paymentMethod().confirmedByChannel(), request.currency(), now);
        return Receipt.of(subscription, order);
    }

    /**
     * What renewing {@code subscription}'s own plan in XPF would cost at {@code now}, by the rules {@link #renew}
     * applies (grace period, periods bought ahead, the early-renewal discount); empty when it would be refused.
     */
    public Optional<PriceQuote> priceNow(Subscription subscription, Instant now) {
        if (subscription.validUntil.plus(config.renewal().grace()).isBefore(now)
                || periodsAhead(subscription, now, null, true) >= config.renewal().maxPeriodsAhead()) {
            return Optional.empty();
        }
        return Plan.<Plan>findByIdOptional(subscription.planCode).map(plan -> pricing.quote(plan.priceMinor,
                promotions.forRenewal(subscription, plan.priceMinor, now, periodsAhead(subscription, now, null, false) == 0)
                        .discountMinor(), null));
    }

    /**
     * The renewals of {@code subscription} whose period has not begun at {@code now} (paid), and, when
     * {@code withUnpaid}, those awaiting payment; {@code except} leaves one order out (the one being granted).
     */
    private static long periodsAhead(Subscription subscription, Instant now, String except, boolean withUnpaid) {
        // SQL, not HQL: as HQL this count (two per renewal) was 19 % of the service's samples in bench/renewals (JFR),
        // 42 % of those spent building its SQL again (ConcreteSqmSelectQueryPlan.buildInterpretation)
        Object count = CustomerOrder.getEntityManager().createNativeQuery("""
                        select count(*) from customer_order
                        where subscription_id = ?1 and kind = ?2 and order_number <> ?3
                          and ((status = ?4 and period_start > ?5) or (?6 and status = ?7))""")
                .setParameter(1, subscription.id).setParameter(2, OrderKind.RENEWAL.name())
                .setParameter(3, except == null ? "" : except).setParameter(4, OrderStatus.CONFIRMED.name())
                .setParameter(5, now).setParameter(6, withUnpaid).setParameter(7, OrderStatus.AWAITING_PAYMENT.name())
                .getSingleResult();
        return ((Number) count).longValue();
    }

    /**
     * An auto-renewal: a renewal of the subscription's own plan, in XPF, charged to the stored method by
     * the payment provider, whose confirmation grants it. {@code startsAtConfirmation} for a renewal
     * because the data ran out: the new period starts when it is paid instead of after the current one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CustomerOrder placeAutoRenewal(Subscription subscription, boolean startsAtConfirmation, Instant now) {
        Plan plan = Plan.findById(subscription.planCode);
        CustomerOrder order = place(subscription, plan, AUTO_RENEWAL_CHANNEL,
                PaymentMethod.valueOf(subscription.autoRenewMethod), false, null, now);
        if (startsAtConfirmation) {
            order.startAtConfirmation();
        }
        return order;
    }

    private CustomerOrder place(Subscription subscription, Plan plan, String channel, PaymentMethod method,
                                boolean paidAtOrder, String currency, Instant now) {
        // a renewal counts toward the loyalty discount once per period: only the one that renews the period running now
        boolean countsInARow = periodsAhead(subscription, now, null, false) == 0;
        AppliedPromotion promotion = promotions.forRenewal(subscription, plan.priceMinor, now, countsInARow);
        CustomerOrder order = checkout.record(subscription, new Purchase(OrderKind.RENEWAL, plan.code, null,
                Grant.of(plan), pricing.quote(plan.priceMinor, promotion.discountMinor(), currency), promotion,
                channel, method, paidAtOrder), now);
        if (order.status == OrderStatus.CONFIRMED) {
            grant(subscription, order, now, countsInARow); // counted above: the new order is not ahead of anything
        }
        return order;
    }

    /**
     * Grants a paid renewal: its period starts at the end of the current one (or now, after expiry or
     * when it starts at confirmation); the subscription is active on its plan until the later end.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void grant(Subscription subscription, CustomerOrder order, Instant now) {
        grant(subscription, order, now, periodsAhead(subscription, now, order.orderNumber, false) == 0);
    }

    /** {@code countsInARow}: no other renewal's period is ahead, so this one adds to the early renewals in a row. */
    private void grant(Subscription subscription, CustomerOrder order, Instant now, boolean countsInARow) {
        boolean beforeExpiry = subscription.validUntil.isAfter(now);
        Instant periodStart = beforeExpiry && !order.startsAtConfirmation ? subscription.validUntil : now;
        order.grantPeriod(periodStart, Validity.until(periodStart, order.days));
        subscription.renew(order.planCode, order.periodEnd, beforeExpiry, countsInARow);
        events.publish(SubscriptionEventType.RENEWED, subscription, order, order.grantedAllowance(), now);
    }
}
