package nc.esim.billing.orders;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import nc.esim.billing.BillingConfig;
import nc.esim.billing.catalog.AddOn;
import nc.esim.billing.catalog.Plan;
import nc.esim.billing.outbox.Outbox;
import nc.esim.billing.payments.PriceQuote;
import nc.esim.billing.subscriptions.CustomerOrder;
import nc.esim.billing.subscriptions.OrderNumbers;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Topics;
import nc.esim.contracts.Zones;
import nc.esim.contracts.subscription.AllowanceV1;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.support.problems.Problems;

/**
 * The steps every paid order on an existing subscription shares: the subscription locked for the
 * transaction (orders racing for one subscription apply one after the other), the payment method
 * checked, the order recorded with its number, the lifecycle event written to the outbox.
 */
@ApplicationScoped
public class Checkout {
    private final Clock clock;
    private final Outbox outbox;
    private final OrderNumbers orderNumbers;
    private final BillingConfig config;

    public Checkout(Clock clock, Outbox outbox, OrderNumbers orderNumbers, BillingConfig config) {
        this.clock = clock;
        this.outbox = outbox;
        this.orderNumbers = orderNumbers;
        this.config = config;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The subscription, locked until the transaction ends; 404 when there is none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Subscription lock(String iccid) {
        return Subscription.<Subscription>find("iccid", iccid).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional().orElseThrow(() -> Problems.of(404, "subscription-not-found",
                        "Subscription not found", "No subscription for this ICCID"));
    }

    /** Methods that confirm later need the signed callback flow, which is not built yet. */
    public void requireConfirmedByChannel(PaymentMethod method) {
        if (!method.confirmedByChannel()) {
            throw Problems.of(422, "payment-method-not-available", "Payment method not available yet",
                    method + " needs a payment confirmation callback; pay by CARD, PAYPAL or CASH");
        }
    }

    /** What one order is about; exactly one of {@code planCode} and {@code addOnCode} is set. */
    public record Purchase(String kind, String planCode, String addOnCode, PriceQuote price, String channel,
                           PaymentMethod paymentMethod, Instant periodStart, Instant periodEnd) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public CustomerOrder record(Subscription subscription, Purchase purchase, Instant now) {
        CustomerOrder order = new CustomerOrder();
        order.orderNumber = orderNumbers.next(now);
        order.subscriptionId = subscription.id;
        order.kind = purchase.kind();
        order.planCode = purchase.planCode();
        order.addOnCode = purchase.addOnCode();
        order.amountMinor = purchase.price().baseMinor();
        order.currency = PriceQuote.XPF;
        order.feeMinor = purchase.price().feeMinor();
        order.paidCurrency = purchase.price().currency();
        order.paidAmountMinor = purchase.price().paidAmountMinor();
        order.rateXpfPerUnit = purchase.price().xpfPerUnit();
        order.channel = purchase.channel();
        order.paymentMethod = purchase.paymentMethod().name();
        order.periodStart = purchase.periodStart();
        order.periodEnd = purchase.periodEnd();
        order.createdAt = now;
        order.persist();
        return order;
    }

    /** Writes the lifecycle event of this order, with the allowance it grants or changes, to the outbox. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(SubscriptionEventType type, Subscription subscription, CustomerOrder order, AllowanceV1 allowance,
                        Instant now) {
        SubscriptionEventV1 event = new SubscriptionEventV1(SubscriptionEventV1.SCHEMA_VERSION, type,
                subscription.id.toString(), subscription.iccid, subscription.msisdn, subscription.planCode,
                order.orderNumber, subscription.language, subscription.email, allowance, now);
        outbox.append(Topics.SUBSCRIPTION, EventMetadata.newEvent(type.cloudEventType(), config.eventSource(),
                subscription.iccid, now), event);
    }

    /**
     * The allowance an order granted, as it stands now: quotas from its plan or data pack, validity from
     * its period (an extension moves the end). Null for an order that grants none (an extension).
     */
    public static AllowanceV1 allowanceGrantedBy(CustomerOrder order) {
        if (order == null || (order.planCode == null && order.addOnCode == null) || "EXTENSION".equals(order.kind)) {
            return null;
        }
        if (order.addOnCode != null) {
            AddOn pack = AddOn.findById(order.addOnCode);
            return new AllowanceV1(order.orderNumber, pack.dataBytes, 0, 0, order.periodStart, order.periodEnd);
        }
        Plan plan = Plan.findById(order.planCode);
        return new AllowanceV1(order.orderNumber, plan.dataBytes, plan.voiceSeconds, plan.smsCount, order.periodStart,
                order.periodEnd);
    }

    public Receipt receipt(Subscription subscription, CustomerOrder order, PaymentMethod method, Instant validUntil) {
        return new Receipt(order.orderNumber, order.kind, subscription.iccid, order.planCode, order.addOnCode,
                order.amountMinor, order.feeMinor, order.amountMinor + order.feeMinor, order.currency,
                order.paidCurrency, order.paidAmountMinor, order.rateXpfPerUnit, method, order.channel,
                order.periodStart, validUntil, LocalDateTime.ofInstant(validUntil, Zones.NOUMEA), order.createdAt);
    }
}
