package nc.esim.billing.renewal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import nc.esim.billing.BillingConfig;
import nc.esim.billing.catalog.Plan;
import nc.esim.billing.outbox.Outbox;
import nc.esim.billing.subscriptions.CustomerOrder;
import nc.esim.billing.subscriptions.OrderNumbers;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.billing.subscriptions.SubscriptionStatus;
import nc.esim.billing.subscriptions.Validity;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Topics;
import nc.esim.contracts.Zones;
import nc.esim.contracts.subscription.AllowanceV1;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.support.problems.Problems;

/**
 * Renews a subscription for one more period of its plan (or another plan on sale). The subscription
 * row is locked for the transaction, so renewals racing for one subscription apply one after the
 * other, each on the validity the previous one left: none is lost, none applied twice. The order, the
 * new validity and the RENEWED event (with the allowance it grants) commit together.
 */
@ApplicationScoped
public class Renewals {
    private final Clock clock;
    private final Outbox outbox;
    private final OrderNumbers orderNumbers;
    private final BillingConfig config;

    public Renewals(Clock clock, Outbox outbox, OrderNumbers orderNumbers, BillingConfig config) {
        this.clock = clock;
        this.outbox = outbox;
        this.orderNumbers = orderNumbers;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public RenewalReceipt renew(String iccid, RenewalRequest request) {
        if (!request.paymentMethod().confirmedByChannel()) {
            throw Problems.of(422, "payment-method-not-available", "Payment method not available for renewals yet",
                    request.paymentMethod() + " needs a payment confirmation callback; pay by CARD, PAYPAL or CASH");
        }
        Subscription subscription = Subscription.<Subscription>find("iccid", iccid)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> Problems.of(404, "subscription-not-found", "Subscription not found",
                        "No subscription for this ICCID"));
        String planCode = request.planCode() == null || request.planCode().isBlank() ? subscription.planCode : request.planCode();
        Plan plan = Plan.<Plan>findByIdOptional(planCode).filter(p -> !p.retired)
                .orElseThrow(() -> Problems.of(422, "plan-not-on-sale", "Plan not on sale",
                        "No plan on sale has the code " + planCode + "; renew with a plan on sale"));
        Instant now = clock.instant();
        if (subscription.validUntil.plus(config.renewal().grace()).isBefore(now)) {
            throw Problems.of(409, "grace-period-over", "Grace period over",
                    "This subscription expired more than " + config.renewal().grace().toDays()
                    + " days ago; its number is no longer kept. Buy a new plan instead.");
        }
        Instant periodStart = subscription.validUntil.isAfter(now) ? subscription.validUntil : now;
        Instant validUntil = Validity.until(periodStart, plan.validityDays);

        CustomerOrder order = new CustomerOrder();
        order.orderNumber = orderNumbers.next(now);
        order.subscriptionId = subscription.id;
        order.kind = "RENEWAL";
        order.planCode = plan.code;
        order.amountMinor = plan.priceMinor;
        order.currency = plan.currency;
        order.channel = request.channel().name();
        order.paymentMethod = request.paymentMethod().name();
        order.periodStart = periodStart;
        order.periodEnd = validUntil;
        order.createdAt = now;
        order.persist();

        subscription.planCode = plan.code;
        subscription.validUntil = validUntil;
        subscription.status = SubscriptionStatus.ACTIVE;

        AllowanceV1 allowance = new AllowanceV1(order.orderNumber, plan.dataBytes, plan.voiceSeconds, plan.smsCount,
                periodStart, validUntil);
        SubscriptionEventV1 event = new SubscriptionEventV1(SubscriptionEventV1.SCHEMA_VERSION,
                SubscriptionEventType.RENEWED, subscription.id.toString(), subscription.iccid, subscription.msisdn,
                plan.code, order.orderNumber, subscription.language, subscription.email, allowance, now);
        outbox.append(Topics.SUBSCRIPTION, EventMetadata.newEvent(SubscriptionEventType.RENEWED.cloudEventType(),
                config.eventSource(), subscription.iccid, now), event);

        return new RenewalReceipt(order.orderNumber, subscription.iccid, plan.code, order.amountMinor, order.currency,
                request.paymentMethod(), order.channel, periodStart, validUntil,
                LocalDateTime.ofInstant(validUntil, Zones.NOUMEA), now);
    }
}
