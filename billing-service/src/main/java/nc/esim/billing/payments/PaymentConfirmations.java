package nc.esim.billing.payments;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import nc.esim.billing.addons.AddOnPurchases;
import nc.esim.billing.metrics.BillingMetrics;
import nc.esim.billing.orders.CustomerOrder;
import nc.esim.billing.orders.OrderStatus;
import nc.esim.billing.renewal.Renewals;
import nc.esim.billing.sales.SubscriptionSales;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.support.problems.Problems;

/**
 * Applies a payment provider's confirmation (its signature already checked): the order waiting for it
 * is granted, under its subscription's lock like every order. A replay of the same confirmation returns
 * the same outcome and grants nothing more. A confirmation for an unknown, expired or differently paid
 * order is refused and logged, and changes nothing.
 */
@ApplicationScoped
public class PaymentConfirmations {
    private static final Logger LOG = Logger.getLogger(PaymentConfirmations.class);

    private final Renewals renewals;
    private final AddOnPurchases addOns;
    private final SubscriptionSales sales;
    private final BillingMetrics metrics;
    private final Clock clock;

    public PaymentConfirmations(Renewals renewals, AddOnPurchases addOns, SubscriptionSales sales,
                                BillingMetrics metrics, Clock clock) {
        this.clock = clock;
        this.metrics = metrics;
        this.sales = sales;
        this.renewals = renewals;
        this.addOns = addOns;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ConfirmationOutcome confirm(PaymentConfirmation confirmation) {
        String number = confirmation.orderNumber();
        UUID subscriptionId = CustomerOrder.<CustomerOrder>find("orderNumber", number).project(SubscriptionOf.class)
                .firstResultOptional().map(SubscriptionOf::subscriptionId)
                .orElseThrow(() -> refused(404, "order-not-found", "Order not found", number, "no such order"));
        // the subscription first, as every order does, then the order as it stands under that lock
        Subscription subscription = Subscription.findById(subscriptionId, LockModeType.PESSIMISTIC_WRITE);
        CustomerOrder order = CustomerOrder.findById(number);
        Instant now = clock.instant();
        switch (order.status) {
            case CONFIRMED, REFUND_DUE -> {
                // a resent confirmation is answered as the first was, but only if it says the same thing:
                // a contradictory one (another amount, currency or method) is never answered as a success
                if (confirmation.paymentReference().equals(order.paymentReference)) {
                    refuseMismatch(order, confirmation);
                    return outcome(order); // the provider resent its confirmation
                }
                throw refused(409, "order-already-paid", "Order already paid", number,
                        "already confirmed with another payment reference; the second payment is owed back");
            }
            case PAYMENT_EXPIRED -> throw refused(409, "order-expired", "Order expired", number,
                    "its payment was due by " + order.paymentDueBy);
            case AWAITING_PAYMENT -> {
                if (now.isAfter(order.paymentDueBy)) {
                    throw refused(409, "order-expired", "Order expired", number, "its payment was due by " + order.paymentDueBy);
                }
            }
        }
        refuseMismatch(order, confirmation);
        order.paymentReceived(now, confirmation.paymentReference());
        order.settle(grant(subscription, order, now));
        if (order.status == OrderStatus.CONFIRMED) {
            metrics.orderPaid(order.kind.name(), order.channel, order.paymentMethod, order.amountMinor);
        }
        if (order.status == OrderStatus.REFUND_DUE) {
            LOG.warnf("payment confirmed for order %s but its %s can no longer be granted (subscription ended %s): refund due",
                    number, order.kind, subscription.validUntil);
        }
        return outcome(order);
    }

    /** 422 when the confirmation's method, currency or amount is not the order's. */
    private static void refuseMismatch(CustomerOrder order, PaymentConfirmation confirmation) {
        if (!order.paymentMethod.equals(confirmation.paymentMethod().name()) || !order.paidCurrency.equals(confirmation.currency())
                || order.paidAmountMinor != confirmation.amountMinor().longValue()) {
            throw refused(422, "payment-mismatch", "Payment does not match the order", order.orderNumber,
                    "the order is " + order.paidAmountMinor + " " + order.paidCurrency + " by " + order.paymentMethod);
        }
    }

    /** Grants what the order bought; false when it can no longer be granted. */
    private boolean grant(Subscription subscription, CustomerOrder order, Instant now) {
        // exhaustive: a new kind of order does not compile until it says how it is granted
        return switch (order.kind) {
            case SALE -> {
                sales.activate(subscription, order, now);
                yield true;
            }
            case RENEWAL -> {
                renewals.grant(subscription, order, now); // ordered within the grace period: honoured
                yield true;
            }
            case TOP_UP -> {
                boolean live = AddOnPurchases.canGrant(subscription, now);
                if (live) {
                    addOns.grantTopUp(subscription, order, now);
                }
                yield live;
            }
            case EXTENSION -> {
                boolean live = AddOnPurchases.canGrant(subscription, now);
                if (live) {
                    addOns.grantExtension(subscription, order, now);
                }
                yield live;
            }
        };
    }

    private static ConfirmationOutcome outcome(CustomerOrder order) {
        return new ConfirmationOutcome(order.orderNumber, order.status, order.periodEnd);
    }

    private static RuntimeException refused(int status, String code, String title, String orderNumber, String why) {
        LOG.warnf("payment confirmation refused for order %s: %s", orderNumber, why);
        return Problems.of(status, code, title, "Order " + orderNumber + ": " + why);
    }

    /** The subscription an order belongs to (a projection: the order itself is read under the lock). */
    public record SubscriptionOf(UUID subscriptionId) {
    }
}
