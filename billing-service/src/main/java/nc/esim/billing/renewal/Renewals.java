package nc.esim.billing.renewal;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import nc.esim.billing.BillingConfig;
import nc.esim.billing.catalog.Plan;
import nc.esim.billing.orders.Checkout;
import nc.esim.billing.orders.Receipt;
import nc.esim.billing.payments.Pricing;
import nc.esim.billing.subscriptions.CustomerOrder;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.billing.subscriptions.SubscriptionStatus;
import nc.esim.billing.subscriptions.Validity;
import nc.esim.contracts.subscription.AllowanceV1;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.support.problems.Problems;

/**
 * Renews a subscription for one more period of its plan (or another plan on sale), stacked on the
 * current validity, or starting now within the grace period after expiry. The order, the new validity
 * and the RENEWED event (with the allowance it grants) commit together, under the subscription's lock.
 */
@ApplicationScoped
public class Renewals {
    private final Checkout checkout;
    private final BillingConfig config;
    private final Pricing pricing;

    public Renewals(Checkout checkout, BillingConfig config, Pricing pricing) {
        this.checkout = checkout;
        this.pricing = pricing;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Receipt renew(String iccid, RenewalRequest request) {
        checkout.requireConfirmedByChannel(request.paymentMethod());
        Subscription subscription = checkout.lock(iccid);
        String planCode = request.planCode() == null || request.planCode().isBlank() ? subscription.planCode : request.planCode();
        Plan plan = Plan.<Plan>findByIdOptional(planCode).filter(p -> !p.retired)
                .orElseThrow(() -> Problems.of(422, "plan-not-on-sale", "Plan not on sale",
                        "No plan on sale has the code " + planCode + "; renew with a plan on sale"));
        Instant now = checkout.now();
        if (subscription.validUntil.plus(config.renewal().grace()).isBefore(now)) {
            throw Problems.of(409, "grace-period-over", "Grace period over",
                    "This subscription expired more than " + config.renewal().grace().toDays()
                    + " days ago; its number is no longer kept. Buy a new plan instead.");
        }
        Instant periodStart = subscription.validUntil.isAfter(now) ? subscription.validUntil : now;
        Instant validUntil = Validity.until(periodStart, plan.validityDays);

        CustomerOrder order = checkout.record(subscription, new Checkout.Purchase("RENEWAL", plan.code, null,
                pricing.quote(plan.priceMinor, request.currency()), request.channel().name(), request.paymentMethod(),
                periodStart, validUntil), now);
        subscription.planCode = plan.code;
        subscription.validUntil = validUntil;
        subscription.status = SubscriptionStatus.ACTIVE;
        checkout.publish(SubscriptionEventType.RENEWED, subscription, order,
                new AllowanceV1(order.orderNumber, plan.dataBytes, plan.voiceSeconds, plan.smsCount, periodStart, validUntil), now);
        return checkout.receipt(subscription, order, request.paymentMethod(), validUntil);
    }
}
