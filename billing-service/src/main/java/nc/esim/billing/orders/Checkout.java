package nc.esim.billing.orders;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import nc.esim.billing.BillingConfig;
import nc.esim.billing.metrics.BillingMetrics;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.support.problems.Problems;

/**
 * The steps every order on a subscription shares: the subscription locked for the transaction (orders
 * racing for one subscription apply one after the other), and the order recorded with its number and
 * its payment status. Its events are {@link SubscriptionEvents}', its receipt {@link Receipt#of}.
 */
@ApplicationScoped
public class Checkout {
    private final OrderNumbers orderNumbers;
    private final BillingConfig config;
    private final BillingMetrics metrics;

    public Checkout(OrderNumbers orderNumbers, BillingConfig config, BillingMetrics metrics) {
        this.orderNumbers = orderNumbers;
        this.config = config;
        this.metrics = metrics;
    }

    /** The subscription, locked until the transaction ends; 404 when there is none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Subscription lock(String iccid) {
        return Subscription.<Subscription>find("iccid", iccid).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional().orElseThrow(() -> Problems.of(404, "subscription-not-found",
                        "Subscription not found", "No subscription for this ICCID"));
    }

    /**
     * Records the order with its number, confirmed when it was paid at order, else awaiting payment until
     * the confirmation deadline. The period it buys is set when it is granted.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CustomerOrder record(Subscription subscription, Purchase purchase, Instant now) {
        CustomerOrder order = CustomerOrder.placed(orderNumbers.next(now), subscription, purchase, now);
        if (purchase.paidAtOrder()) {
            order.confirm(now);
            metrics.orderPaid(order.kind.name(), order.channel, order.paymentMethod, order.amountMinor);
        } else {
            order.awaitPayment(now.plus(config.payments().confirmationTimeout()));
        }
        order.persist();
        return order;
    }
}
