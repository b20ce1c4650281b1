package nc.esim.billing.sales;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import nc.esim.billing.catalog.Plan;
import nc.esim.billing.orders.Checkout;
import nc.esim.billing.orders.CustomerOrder;
import nc.esim.billing.orders.Grant;
import nc.esim.billing.orders.OrderKind;
import nc.esim.billing.orders.OrderStatus;
import nc.esim.billing.orders.PaymentMethod;
import nc.esim.billing.orders.Purchase;
import nc.esim.billing.orders.SubscriptionEvents;
import nc.esim.billing.pricing.AppliedPromotion;
import nc.esim.billing.pricing.PriceQuote;
import nc.esim.billing.pricing.Pricing;
import nc.esim.billing.subscriptions.SalesChannel;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.support.problems.Problems;

/**
 * Sells a plan: the subscription, its order and its ACTIVATED event are written in one transaction,
 * the event into the outbox. Paid by card, PayPal or cash, it is active at once; paid by bank transfer,
 * WeChat Pay or Alipay, it is PENDING until the provider's signed confirmation activates it.
 */
@ApplicationScoped
public class SubscriptionSales {
    private final Checkout checkout;
    private final Pricing pricing;
    private final Clock clock;
    private final SubscriptionEvents events;

    public SubscriptionSales(Checkout checkout, Pricing pricing, Clock clock, SubscriptionEvents events) {
        this.clock = clock;
        this.events = events;
        this.checkout = checkout;
        this.pricing = pricing;
    }

    /** The outcome of a sale. */
    public record Sale(Subscription subscription, CustomerOrder order) {
    }

    @Transactional
    public Sale sell(SellPlanRequest request, String soldByShop) {
        Plan plan = Plan.<Plan>findByIdOptional(request.planCode()).filter(p -> !p.retired)
                .orElseThrow(() -> Problems.of(422, "plan-not-on-sale",
                        "Plan not on sale", "No plan on sale has the code " + request.planCode()));
        if (Subscription.existsForIccidOrMsisdn(request.iccid(), request.msisdn())) {
            throw alreadySold();
        }
        PaymentMethod method = request.paymentMethod() == null ? PaymentMethod.CARD : request.paymentMethod();
        PriceQuote price = pricing.quote(plan.priceMinor, request.currency());
        Instant now = clock.instant();
        Subscription subscription = Subscription.pending(request.iccid(), request.msisdn(), plan.code, request.email(),
                request.language(), soldByShop, Boolean.TRUE.equals(request.counterPartyConsent()), now);
        try {
            // The unique indexes on iccid and msisdn are the real guard: a sale racing this one past the
            // check above fails here, and gets the same answer.
            subscription.persistAndFlush();
        } catch (ConstraintViolationException raced) {
            throw alreadySold();
        }

        // the allowance an order grants is named after the order: unique and stable across replays
        CustomerOrder order = checkout.record(subscription, new Purchase(OrderKind.SALE, plan.code, null, Grant.of(plan),
                price, AppliedPromotion.NONE, (request.channel() == null ? SalesChannel.APP : request.channel()).name(),
                method, method.confirmedByChannel()), now);
        if (order.status == OrderStatus.CONFIRMED) {
            activate(subscription, order, now);
        }
        return new Sale(subscription, order);
    }

    /** Activates a paid sale: its first period starts now; ACTIVATED carries the allowance. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void activate(Subscription subscription, CustomerOrder order, Instant now) {
        subscription.activate(now, order.days);
        order.grantPeriod(subscription.activatedAt, subscription.validUntil);
        events.publish(SubscriptionEventType.ACTIVATED, subscription, order, order.grantedAllowance(), now);
    }

    private static RuntimeException alreadySold() {
        return Problems.of(409, "subscription-exists", "Subscription exists",
                "This ICCID or MSISDN already has a subscription; renew it instead");
    }

}
