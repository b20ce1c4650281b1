package nc.esim.billing.orders;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import nc.esim.billing.BillingConfig;
import nc.esim.billing.metrics.BillingMetrics;
import nc.esim.billing.outbox.Outbox;
import nc.esim.billing.pricing.AppliedPromotion;
import nc.esim.billing.pricing.PriceQuote;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Topics;
import nc.esim.contracts.Zones;
import nc.esim.contracts.subscription.AllowanceV1;
import nc.esim.contracts.subscription.ChargeV1;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.support.problems.Problems;

/**
 * The steps every order on a subscription shares: the subscription locked for the transaction (orders
 * racing for one subscription apply one after the other), the order recorded with its number and its
 * payment status, the lifecycle event written to the outbox.
 */
@ApplicationScoped
public class Checkout {
    private final Clock clock;
    private final Outbox outbox;
    private final OrderNumbers orderNumbers;
    private final BillingConfig config;
    private final BillingMetrics metrics;

    public Checkout(Clock clock, Outbox outbox, OrderNumbers orderNumbers, BillingConfig config, BillingMetrics metrics) {
        this.clock = clock;
        this.outbox = outbox;
        this.orderNumbers = orderNumbers;
        this.config = config;
        this.metrics = metrics;
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

    /**
     * What one order is about; exactly one of {@code planCode} and {@code addOnCode} is set.
     *
     * @param paidAtOrder true when the channel took the payment (card, PayPal, cash in a shop); false when a
     *                    payment provider confirms later through the signed callback
     */
    public record Purchase(String kind, String planCode, String addOnCode, Grant grant, PriceQuote price,
                           AppliedPromotion promotion, String channel, PaymentMethod paymentMethod, boolean paidAtOrder) {
    }

    /**
     * Records the order with its number, confirmed when it was paid at order, else awaiting payment until
     * the confirmation deadline. The period it buys is set when it is granted.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CustomerOrder record(Subscription subscription, Purchase purchase, Instant now) {
        CustomerOrder order = new CustomerOrder();
        order.orderNumber = orderNumbers.next(now);
        order.subscriptionId = subscription.id;
        order.kind = purchase.kind();
        order.planCode = purchase.planCode();
        order.addOnCode = purchase.addOnCode();
        order.dataBytes = purchase.grant().dataBytes();
        order.voiceSeconds = purchase.grant().voiceSeconds();
        order.smsCount = purchase.grant().smsCount();
        order.days = purchase.grant().days();
        order.amountMinor = purchase.price().baseMinor();
        order.discountMinor = purchase.price().discountMinor();
        order.promotionCode = purchase.promotion().code();
        order.bonusDataBytes = purchase.promotion().bonusDataBytes();
        order.currency = PriceQuote.XPF;
        order.feeMinor = purchase.price().feeMinor();
        order.paidCurrency = purchase.price().currency();
        order.paidAmountMinor = purchase.price().paidAmountMinor();
        order.rateXpfPerUnit = purchase.price().xpfPerUnit();
        order.channel = purchase.channel();
        order.paymentMethod = purchase.paymentMethod().name();
        order.createdAt = now;
        if (purchase.paidAtOrder()) {
            order.status = OrderStatus.CONFIRMED;
            order.confirmedAt = now;
            metrics.orderPaid(order.kind, order.channel, order.paymentMethod, order.amountMinor);
        } else {
            order.status = OrderStatus.AWAITING_PAYMENT;
            order.paymentDueBy = now.plus(config.payments().confirmationTimeout());
        }
        order.persist();
        return order;
    }

    /**
     * Writes a lifecycle event to the outbox, with the order it concerns (null for none) and the
     * allowance it grants or changes (null for none).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(SubscriptionEventType type, Subscription subscription, CustomerOrder order, AllowanceV1 allowance,
                        Instant now) {
        SubscriptionEventV1 event = new SubscriptionEventV1(SubscriptionEventV1.SCHEMA_VERSION, type,
                subscription.id.toString(), subscription.iccid, subscription.msisdn, subscription.planCode,
                order == null ? null : order.orderNumber, subscription.language, subscription.email, allowance, now,
                subscription.soldByShop, subscription.counterPartyConsent, chargeOf(order));
        outbox.append(Topics.SUBSCRIPTION, EventMetadata.newEvent(type.cloudEventType(), config.eventSource(),
                subscription.iccid, now), event);
    }

    /** What an order costs the customer in XPF (price after discount, plus any conversion fee); null for none. */
    static ChargeV1 chargeOf(CustomerOrder order) {
        return order == null ? null : new ChargeV1(order.amountMinor - order.discountMinor + order.feeMinor, order.currency);
    }

    /**
     * The allowance an order granted, as it stands now: the quotas it bought, validity from its period
     * (an extension moves the end). Null for an order that grants none (an extension).
     */
    public static AllowanceV1 allowanceGrantedBy(CustomerOrder order) {
        if (order == null || (order.planCode == null && order.addOnCode == null) || "EXTENSION".equals(order.kind)) {
            return null;
        }
        return new AllowanceV1(order.orderNumber, order.dataBytes, order.voiceSeconds, order.smsCount, order.periodStart,
                order.periodEnd);
    }

    /** The receipt of an order as it stands: until it is paid, what it will cost and by when to pay. */
    public static Receipt receipt(Subscription subscription, CustomerOrder order) {
        Instant validUntil = order.periodEnd;
        return new Receipt(order.orderNumber, order.kind, order.status, subscription.iccid, order.planCode,
                order.addOnCode, order.amountMinor, order.discountMinor, order.promotionCode, order.bonusDataBytes,
                order.feeMinor, order.totalMinor(), order.currency,
                order.paidCurrency, order.paidAmountMinor, order.rateXpfPerUnit, PaymentMethod.valueOf(order.paymentMethod),
                order.channel, order.paymentDueBy, order.periodStart, validUntil,
                validUntil == null ? null : Zones.lastValidMinute(validUntil), order.createdAt);
    }
}
