package nc.esim.billing.payments;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import nc.esim.billing.BillingConfig;
import nc.esim.billing.lifecycle.DataExhaustion;
import nc.esim.billing.orders.CustomerOrder;
import nc.esim.billing.orders.OrderKind;
import nc.esim.billing.orders.OrderStatus;
import nc.esim.billing.orders.SubscriptionEvents;
import nc.esim.billing.renewal.Renewals;
import nc.esim.billing.subscriptions.Subscription;
import nc.esim.contracts.subscription.SubscriptionEventType;

/**
 * Expires orders whose payment was not confirmed by their due date: nothing was granted, the order is
 * PAYMENT_EXPIRED, and the customer hears of it (PAYMENT_EXPIRED, or AUTO_RENEW_FAILED for an
 * auto-renewal; an auto-renewal placed because the data ran out then suspends the subscription per
 * policy). Each order is expired under its subscription's lock, like a confirmation, so a confirmation
 * and the expiry never both win; two instances running at once see the status the other left.
 */
@ApplicationScoped
public class UnconfirmedOrders {
    private static final Logger LOG = Logger.getLogger(UnconfirmedOrders.class);

    private final EntityManager entityManager;
    private final DataExhaustion dataExhaustion;
    private final Clock clock;
    private final BillingConfig config;
    private final SubscriptionEvents events;

    public UnconfirmedOrders(EntityManager entityManager, DataExhaustion dataExhaustion, Clock clock,
                             BillingConfig config, SubscriptionEvents events) {
        this.events = events;
        this.entityManager = entityManager;
        this.dataExhaustion = dataExhaustion;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(every = "${billing.payments.expiry-interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            int expired = expireOverdue();
            if (expired > 0) {
                LOG.infof("%d unconfirmed orders expired", expired);
            }
        } catch (RuntimeException e) {
            LOG.warnf("expiring unconfirmed orders failed, the next run takes over: %s", e.toString());
        }
    }

    /** Expires every order overdue now; returns how many. */
    public int expireOverdue() {
        int expired = 0;
        while (true) {
            int[] batch = QuarkusTransaction.requiringNew().call(this::expireBatch);
            expired += batch[1];
            if (batch[0] < config.lifecycle().batchSize()) {
                return expired;
            }
        }
    }

    /** Returns {overdue orders seen, orders expired}. */
    private int[] expireBatch() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> overdue = entityManager.createNativeQuery("""
                select order_number, subscription_id from customer_order
                where status = 'AWAITING_PAYMENT' and payment_due_by < ?1
                order by payment_due_by limit ?2""")
                .setParameter(1, Timestamp.from(now)).setParameter(2, config.lifecycle().batchSize()).getResultList();
        int expired = 0;
        for (Object[] row : overdue) {
            Subscription subscription = Subscription.findById(toUuid(row[1]), LockModeType.PESSIMISTIC_WRITE);
            CustomerOrder order = CustomerOrder.findById(row[0]);
            entityManager.refresh(order); // as it stands under the lock: a confirmation may have won
            if (order.status != OrderStatus.AWAITING_PAYMENT || !now.isAfter(order.paymentDueBy)) {
                continue;
            }
            order.paymentExpired();
            boolean autoRenewal = Renewals.AUTO_RENEWAL_CHANNEL.equals(order.channel);
            events.publish(autoRenewal ? SubscriptionEventType.AUTO_RENEW_FAILED : SubscriptionEventType.PAYMENT_EXPIRED,
                    subscription, order, null, now);
            if (order.kind == OrderKind.SALE) {
                // never started: PAYMENT_EXPIRED is its expiry notice (the scan must not add an EXPIRED);
                // a renewal within the grace period may still start it
                subscription.expireUnpaid();
                entityManager.createNativeQuery("""
                        insert into lifecycle_notice (subscription_id, period_end, notice, emitted_at)
                        values (?1, ?2, 'EXPIRED', ?3) on conflict do nothing""")
                        .setParameter(1, subscription.id).setParameter(2, Timestamp.from(subscription.validUntil))
                        .setParameter(3, Timestamp.from(now)).executeUpdate();
            }
            if (autoRenewal && order.startsAtConfirmation) {
                dataExhaustion.suspend(subscription, now);
            }
            expired++;
            entityManager.flush(); // and forgotten, as in ExpiryScan: a batch's persistence context stays small
            entityManager.clear();
        }
        return new int[] {overdue.size(), expired};
    }

    private static UUID toUuid(Object id) {
        return id instanceof UUID uuid ? uuid : UUID.fromString(id.toString());
    }
}
