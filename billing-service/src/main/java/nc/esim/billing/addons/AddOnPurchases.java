package nc.esim.billing.addons;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import nc.esim.billing.catalog.AddOn;
import nc.esim.billing.orders.Checkout;
import nc.esim.billing.orders.CustomerOrder;
import nc.esim.billing.orders.Grant;
import nc.esim.billing.orders.OrderKind;
import nc.esim.billing.orders.OrderStatus;
import nc.esim.billing.orders.Purchase;
import nc.esim.billing.orders.Receipt;
import nc.esim.billing.orders.SubscriptionEvents;
import nc.esim.billing.pricing.AppliedPromotion;
import nc.esim.billing.pricing.Pricing;
import nc.esim.billing.promotions.Promotions;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.billing.subscriptions.Validity;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.support.problems.Problems;

/**
 * Add-ons on an active subscription (the brief: "a data pack (more quota, same expiry) and a validity
 * extension"). A data pack is an allowance of its own, valid from now until the subscription's current
 * end, drawn on after the plan's when both are live (it expires with it; ties go by allowance id). An
 * extension moves the end of the subscription and of every allowance ending with it, and says so with
 * one EXTENDED event per allowance. Under the subscription's lock, like every order. Paid by a method
 * that confirms later, the add-on is granted on confirmation. A subscription's first data pack may carry
 * a promotion's bonus.
 */
@ApplicationScoped
public class AddOnPurchases {
    private final Checkout checkout;
    private final Pricing pricing;
    private final Promotions promotions;
    private final Clock clock;
    private final SubscriptionEvents events;

    public AddOnPurchases(Checkout checkout, Pricing pricing, Promotions promotions, Clock clock,
                          SubscriptionEvents events) {
        this.clock = clock;
        this.events = events;
        this.checkout = checkout;
        this.pricing = pricing;
        this.promotions = promotions;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Receipt topUp(String iccid, AddOnRequest request) {
        AddOn pack = onSale(request.addOnCode(), AddOn.Kind.DATA_PACK);
        Subscription subscription = checkout.lock(iccid);
        Instant now = clock.instant();
        requireLive(subscription, now);
        AppliedPromotion promotion = promotions.forTopUp(subscription, now);
        CustomerOrder order = checkout.record(subscription, new Purchase(OrderKind.TOP_UP, null, pack.code,
                Grant.of(pack).plusData(promotion.bonusDataBytes()), pricing.quote(pack.priceMinor, request.currency()),
                promotion, request.channel().name(), request.paymentMethod(), request.paymentMethod().confirmedByChannel()), now);
        if (order.status == OrderStatus.CONFIRMED) {
            grantTopUp(subscription, order, now);
        }
        return Receipt.of(subscription, order);
    }

    /** Grants a paid data pack: its own allowance from now until the subscription's end. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void grantTopUp(Subscription subscription, CustomerOrder order, Instant now) {
        order.grantPeriod(now, subscription.validUntil);
        subscription.dataAdded();
        events.publish(SubscriptionEventType.TOPPED_UP, subscription, order, order.grantedAllowance(), now);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Receipt extend(String iccid, AddOnRequest request) {
        AddOn extension = onSale(request.addOnCode(), AddOn.Kind.EXTENSION);
        Subscription subscription = checkout.lock(iccid);
        Instant now = clock.instant();
        requireLive(subscription, now);
        CustomerOrder order = checkout.record(subscription, new Purchase(OrderKind.EXTENSION, null, extension.code,
                Grant.of(extension), pricing.quote(extension.priceMinor, request.currency()), AppliedPromotion.NONE,
                request.channel().name(), request.paymentMethod(), request.paymentMethod().confirmedByChannel()), now);
        if (order.status == OrderStatus.CONFIRMED) {
            grantExtension(subscription, order, now);
        }
        return Receipt.of(subscription, order);
    }

    /** Grants a paid extension: the subscription and every allowance ending with it end {@code days} later. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void grantExtension(Subscription subscription, CustomerOrder order, Instant now) {
        Instant oldEnd = subscription.validUntil;
        Instant newEnd = Validity.until(oldEnd, order.days);
        order.grantPeriod(oldEnd, newEnd);
        // every allowance that ended with the subscription now ends with it again; period_end of an
        // order is the current end of the allowance it granted
        List<CustomerOrder> endingTogether = CustomerOrder.list(
                "subscriptionId = ?1 and periodEnd = ?2 and kind <> ?3", subscription.id, oldEnd, OrderKind.EXTENSION);
        for (CustomerOrder granted : endingTogether) {
            granted.extendTo(newEnd);
            events.publish(SubscriptionEventType.EXTENDED, subscription, order, granted.grantedAllowance(), now);
        }
        subscription.extendTo(newEnd);
    }

    /** Whether a paid add-on can still be granted: add-ons are for a live subscription. */
    public static boolean canGrant(Subscription subscription, Instant now) {
        return subscription.validUntil.isAfter(now);
    }

    private static AddOn onSale(String code, AddOn.Kind kind) {
        return AddOn.<AddOn>findByIdOptional(code).filter(a -> !a.retired && a.kind == kind)
                .orElseThrow(() -> Problems.of(422, "add-on-not-on-sale", "Add-on not on sale",
                        "No " + (kind == AddOn.Kind.DATA_PACK ? "data pack" : "extension") + " on sale has the code " + code));
    }

    private static void requireLive(Subscription subscription, Instant now) {
        if (!canGrant(subscription, now)) {
            throw Problems.of(409, "subscription-not-active", "Subscription not active",
                    "Add-ons are for a live subscription; this one ended at " + subscription.validUntil + ". Renew it first.");
        }
    }
}
