package nc.esim.billing.orders;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import nc.esim.billing.BillingConfig;
import nc.esim.billing.outbox.Outbox;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.contracts.EventMetadata;
import nc.esim.contracts.Topics;
import nc.esim.contracts.subscription.AllowanceV1;
import nc.esim.contracts.subscription.ChargeV1;
import nc.esim.contracts.subscription.SubscriptionEventType;
import nc.esim.contracts.subscription.SubscriptionEventV1;
import nc.esim.support.outbox.OutboxWriter;

/**
 * The lifecycle events of subscriptions ({@code esim.subscription.v1}), written to the outbox in the
 * caller's transaction, so that an event goes out if and only if what it tells commits.
 */
@ApplicationScoped
public class SubscriptionEvents {
    private final Outbox outbox;
    private final BillingConfig config;

    public SubscriptionEvents(Outbox outbox, BillingConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /**
     * Writes a lifecycle event to the outbox, with the order it concerns (null for none) and the
     * allowance it grants or changes (null for none).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(SubscriptionEventType type, Subscription subscription, CustomerOrder order, AllowanceV1 allowance,
                        Instant now) {
        OutboxWriter.Event event = event(type, subscription, order, allowance, now);
        outbox.append(Topics.SUBSCRIPTION, event.metadata(), event.payload());
    }

    /** Writes events built by {@link #event} to the outbox in one batch, in their order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<OutboxWriter.Event> events) {
        outbox.appendAll(Topics.SUBSCRIPTION, events);
    }

    /** The event, keyed by ICCID so that one eSIM's events keep their order. */
    public OutboxWriter.Event event(SubscriptionEventType type, Subscription subscription, CustomerOrder order,
                                    AllowanceV1 allowance, Instant now) {
        SubscriptionEventV1 payload = new SubscriptionEventV1(SubscriptionEventV1.SCHEMA_VERSION, type,
                subscription.id.toString(), subscription.iccid, subscription.msisdn, subscription.planCode,
                order == null ? null : order.orderNumber, subscription.language, subscription.email, allowance, now,
                subscription.soldByShop, subscription.counterPartyConsent, chargeOf(order));
        return new OutboxWriter.Event(EventMetadata.newEvent(type.cloudEventType(), config.eventSource(), subscription.iccid,
                now), payload);
    }

    /** What an order costs the customer in XPF (price after discount, plus any conversion fee); null for none. */
    static ChargeV1 chargeOf(CustomerOrder order) {
        return order == null ? null : new ChargeV1(order.totalMinor(), order.currency);
    }
}
