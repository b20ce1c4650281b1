package nc.esim.billing.addons;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import nc.esim.billing.catalog.AddOn;
import nc.esim.billing.orders.Checkout;
import nc.esim.billing.orders.Receipt;
import nc.esim.billing.payments.Pricing;
import nc.esim.billing.subscriptions.CustomerOrder;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.billing.subscriptions.Validity;
import nc.esim.contracts.subscription.AllowanceV1;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.support.problems.Problems;

/**
 * Add-ons on an active subscription (the brief: "a data pack (more quota, same expiry) and a validity
 * extension"). A data pack is an allowance of its own, valid from now until the subscription's current
 * end, drawn on after the plan's when both are live (it expires with it; ties go by allowance id). An
 * extension moves the end of the subscription and of every allowance ending with it, and says so with
 * one EXTENDED event per allowance. Under the subscription's lock, like every order.
 */
@ApplicationScoped
public class AddOnPurchases {
    private final Checkout checkout;
    private final Pricing pricing;

    public AddOnPurchases(Checkout checkout, Pricing pricing) {
        this.checkout = checkout;
        this.pricing = pricing;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Receipt topUp(String iccid, AddOnRequest request) {
        AddOn pack = onSale(request.addOnCode(), AddOn.Kind.DATA_PACK);
        checkout.requireConfirmedByChannel(request.paymentMethod());
        Subscription subscription = checkout.lock(iccid);
        Instant now = checkout.now();
        requireActive(subscription, now);

        CustomerOrder order = checkout.record(subscription, new Checkout.Purchase("TOP_UP", null, pack.code,
                pricing.quote(pack.priceMinor, request.currency()), request.channel().name(), request.paymentMethod(), now,
                subscription.validUntil), now);
        checkout.publish(SubscriptionEventType.TOPPED_UP, subscription, order,
                new AllowanceV1(order.orderNumber, pack.dataBytes, 0, 0, now, subscription.validUntil), now);
        return checkout.receipt(subscription, order, request.paymentMethod(), subscription.validUntil);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Receipt extend(String iccid, AddOnRequest request) {
        AddOn extension = onSale(request.addOnCode(), AddOn.Kind.EXTENSION);
        checkout.requireConfirmedByChannel(request.paymentMethod());
        Subscription subscription = checkout.lock(iccid);
        Instant now = checkout.now();
        requireActive(subscription, now);
        Instant oldEnd = subscription.validUntil;
        Instant newEnd = Validity.until(oldEnd, extension.extraDays);

        CustomerOrder order = checkout.record(subscription, new Checkout.Purchase("EXTENSION", null, extension.code,
                pricing.quote(extension.priceMinor, request.currency()), request.channel().name(), request.paymentMethod(),
                oldEnd, newEnd), now);
        // every allowance that ended with the subscription now ends with it again; period_end of an
        // order is the current end of the allowance it granted
        List<CustomerOrder> endingTogether = CustomerOrder.list(
                "subscriptionId = ?1 and periodEnd = ?2 and kind <> 'EXTENSION'", subscription.id, oldEnd);
        for (CustomerOrder granted : endingTogether) {
            granted.periodEnd = newEnd;
            checkout.publish(SubscriptionEventType.EXTENDED, subscription, order, Checkout.allowanceGrantedBy(granted), now);
        }
        subscription.validUntil = newEnd;
        return checkout.receipt(subscription, order, request.paymentMethod(), newEnd);
    }

    private static AddOn onSale(String code, AddOn.Kind kind) {
        return AddOn.<AddOn>findByIdOptional(code).filter(a -> !a.retired && a.kind == kind)
                .orElseThrow(() -> Problems.of(422, "add-on-not-on-sale", "Add-on not on sale",
                        "No " + (kind == AddOn.Kind.DATA_PACK ? "data pack" : "extension") + " on sale has the code " + code));
    }

    private static void requireActive(Subscription subscription, Instant now) {
        if (!subscription.validUntil.isAfter(now)) {
            throw Problems.of(409, "subscription-not-active", "Subscription not active",
                    "Add-ons are for a live subscription; this one ended at " + subscription.validUntil + ". Renew it first.");
        }
    }
}
