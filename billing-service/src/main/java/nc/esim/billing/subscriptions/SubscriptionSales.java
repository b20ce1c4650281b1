package nc.esim.billing.subscriptions;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import nc.esim.billing.BillingConfig;
import nc.esim.billing.catalog.Plan;
import nc.esim.billing.outbox.Outbox;
import nc.esim.support.problems.Problems;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Topics;
import nc.esim.contracts.subscription.AllowanceV1;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.contracts.subscription.SubscriptionEventV1;

/**
 * Sells a plan: the subscription, its order and its ACTIVATED event are written in one transaction,
 * the event into the outbox. Payment is recorded as confirmed by the channel; payment methods and
 * currencies come with the renewal work.
 */
@ApplicationScoped
public class SubscriptionSales {
    private final Clock clock;
    private final Outbox outbox;
    private final OrderNumbers orderNumbers;
    private final BillingConfig config;

    public SubscriptionSales(Clock clock, Outbox outbox, OrderNumbers orderNumbers, BillingConfig config) {
        this.clock = clock;
        this.outbox = outbox;
        this.orderNumbers = orderNumbers;
        this.config = config;
    }

    /** The outcome of a sale. */
    public record Sale(Subscription subscription, CustomerOrder order) {
    }

    @Transactional
    public Sale sell(SellPlanRequest request) {
        Plan plan = Plan.<Plan>findByIdOptional(request.planCode()).filter(p -> !p.retired)
                .orElseThrow(() -> Problems.of(422, "plan-not-on-sale",
                        "Plan not on sale", "No plan on sale has the code " + request.planCode()));
        if (Subscription.existsForIccidOrMsisdn(request.iccid(), request.msisdn())) {
            throw alreadySold();
        }
        Instant now = clock.instant();
        Subscription subscription = new Subscription();
        subscription.id = UUID.randomUUID();
        subscription.iccid = request.iccid();
        subscription.msisdn = request.msisdn();
        subscription.planCode = plan.code;
        subscription.status = SubscriptionStatus.ACTIVE;
        subscription.email = request.email();
        subscription.language = request.language() == null ? "fr" : request.language();
        subscription.activatedAt = now;
        subscription.validUntil = Validity.until(now, plan.validityDays);
        try {
            // The unique indexes on iccid and msisdn are the real guard: a sale racing this one past the
            // check above fails here, and gets the same answer.
            subscription.persistAndFlush();
        } catch (ConstraintViolationException raced) {
            throw alreadySold();
        }

        CustomerOrder order = new CustomerOrder();
        order.orderNumber = orderNumbers.next(now);
        order.subscriptionId = subscription.id;
        order.kind = "SALE";
        order.planCode = plan.code;
        order.amountMinor = plan.priceMinor;
        order.currency = plan.currency;
        order.paidCurrency = plan.currency;
        order.paidAmountMinor = plan.priceMinor;
        order.channel = (request.channel() == null ? SalesChannel.APP : request.channel()).name();
        order.paymentMethod = "CARD";
        order.periodStart = subscription.activatedAt;
        order.periodEnd = subscription.validUntil;
        order.createdAt = now;
        order.persist();

        publishActivated(subscription, plan, order);
        return new Sale(subscription, order);
    }

    private void publishActivated(Subscription subscription, Plan plan, CustomerOrder order) {
        // The allowance an order grants is named after the order: unique and stable across replays.
        AllowanceV1 allowance = new AllowanceV1(order.orderNumber, plan.dataBytes, plan.voiceSeconds, plan.smsCount,
                subscription.activatedAt, subscription.validUntil);
        SubscriptionEventV1 event = new SubscriptionEventV1(SubscriptionEventV1.SCHEMA_VERSION,
                SubscriptionEventType.ACTIVATED, subscription.id.toString(), subscription.iccid, subscription.msisdn,
                plan.code, order.orderNumber, subscription.language, subscription.email, allowance,
                subscription.activatedAt);
        outbox.append(Topics.SUBSCRIPTION, EventMetadata.newEvent(SubscriptionEventType.ACTIVATED.cloudEventType(),
                config.eventSource(), subscription.iccid, subscription.activatedAt), event);
    }

    private static RuntimeException alreadySold() {
        return Problems.of(409, "subscription-exists", "Subscription exists",
                "This ICCID or MSISDN already has a subscription; renew it instead");
    }

}
